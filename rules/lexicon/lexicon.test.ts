import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  HealthTermsSchema,
  LexiconDataError,
  OverlaySchema,
  PhiFieldsSchema,
  loadLexiconData,
  phraseContainsTerm,
  validateLexiconFile,
} from "./schema.js";

const here = dirname(fileURLToPath(import.meta.url));
const data = loadLexiconData(here);

const terms = new Map(data.healthTerms.terms.map((e) => [e.term, e.category]));
const generatedAmbiguous = new Set(data.healthTerms.ambiguous.map((e) => e.term));
const added = new Map(data.overlay.add.map((e) => [e.term, e.category]));
const removed = new Set(data.overlay.remove);
const overlayAmbiguous = new Map(data.overlay.ambiguous.map((e) => [e.term, e.contexts]));

/** The merged view the rules see: counts on its own. */
function countsOnItsOwn(term: string): boolean {
  if (removed.has(term) || overlayAmbiguous.has(term)) return false;
  return terms.has(term) || added.has(term);
}
function categoryOf(term: string): string | undefined {
  return added.get(term) ?? terms.get(term);
}
function isAmbiguous(term: string): boolean {
  return overlayAmbiguous.has(term) || (generatedAmbiguous.has(term) && !added.has(term));
}

describe("health-terms.generated.json", () => {
  const tmp = mkdtempSync(join(tmpdir(), "hipaa-lexicon-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("is byte-identical to a fresh run of build-lexicon.mjs", () => {
    const out = join(tmp, "health-terms.json");
    const run = spawnSync(process.execPath, [join(here, "build-lexicon.mjs"), out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(here, "health-terms.generated.json"), "utf8"));
  });

  it("is sorted, lower case, without 1-2 character or numeric terms", () => {
    for (const list of [data.healthTerms.terms, data.healthTerms.ambiguous]) {
      const names = list.map((e) => e.term);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const t of names) {
        expect(t.length, t).toBeGreaterThan(2);
        expect(t, t).not.toMatch(/^[0-9 .,-]+$/);
        expect(t, t).not.toContain("_");
      }
    }
  });

  it("covers every category", () => {
    const counts = new Map<string, number>();
    for (const e of data.healthTerms.terms) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    expect(counts.get("condition")).toBeGreaterThan(1000);
    expect(counts.get("medication")).toBeGreaterThan(500);
    expect(counts.get("procedure")).toBeGreaterThan(100);
    expect(counts.get("test")).toBeGreaterThan(50);
  });

  it("leaves out drugs of abuse, beverages, plant and animal diseases", () => {
    for (const t of ["heroin", "cocaine", "marijuana", "meth", "beer", "wine", "whiskey", "alcohol", "tobacco", "fire blight", "distemper", "hoof-and-mouth disease"]) {
      expect(countsOnItsOwn(t), t).toBe(false);
    }
  });
});

describe("overlay.yaml and phi-fields.yaml", () => {
  it("validate", () => {
    expect(data.overlay.add.length).toBeGreaterThan(300);
    expect(data.phiFields.identifiers.length).toBeGreaterThanOrEqual(18);
  });

  it("tags every Safe Harbor identifier A-R", () => {
    const letters = new Set(data.phiFields.identifiers.map((e) => e.letter));
    expect([...letters].sort().join("")).toBe("ABCDEFGHIJKLMNOPQR");
  });

  it("does not repeat generated terms in `add`, nor remove what it adds", () => {
    for (const e of data.overlay.add) expect(terms.get(e.term) === e.category, e.term).toBe(false);
    for (const t of data.overlay.remove) expect(added.has(t), t).toBe(false);
  });

  it("every ambiguous context contains its term", () => {
    for (const [term, contexts] of overlayAmbiguous) {
      for (const c of contexts) expect(phraseContainsTerm(c, term), `${term}: ${c}`).toBe(true);
    }
  });

  it("reports the file and key path of invalid data", () => {
    const bad = { version: 1, add: [{ term: "Ozempic", category: "medication" }], ambiguous: [{ term: "cold", contexts: ["common flu"] }] };
    expect(() => validateLexiconFile(OverlaySchema, bad, "overlay.yaml")).toThrow(LexiconDataError);
    expect(() => validateLexiconFile(OverlaySchema, bad, "overlay.yaml")).toThrow(/overlay\.yaml: add\[0\]\.term: must be lower case/);
    expect(() => validateLexiconFile(OverlaySchema, bad, "overlay.yaml")).toThrow(/ambiguous\[0\]\.contexts\[0\]/);
    expect(() => validateLexiconFile(HealthTermsSchema, { version: 2 }, "health-terms.generated.json")).toThrow(/health-terms\.generated\.json: version/);
    const noR = { ...data.phiFields, identifiers: data.phiFields.identifiers.filter((e) => e.letter !== "R") };
    expect(() => validateLexiconFile(PhiFieldsSchema, noR, "phi-fields.yaml")).toThrow(/identifier \(R\)/);
  });
});

describe("spot checks", () => {
  it.each([
    ["diabetes", "condition"],
    ["type 2 diabetes", "condition"],
    ["hiv", "condition"],
    ["breast cancer", "condition"],
    ["heart attack", "condition"],
    ["sleep apnea", "condition"],
    ["opioid use disorder", "condition"],
    ["ozempic", "medication"],
    ["humira", "medication"],
    ["lipitor", "medication"],
    ["advair", "medication"],
    ["chemotherapy", "procedure"],
    ["chemo", "procedure"],
    ["dialysis", "procedure"],
    ["ivf", "procedure"],
    ["cpap", "procedure"],
    ["addiction recovery", "procedure"],
    ["colonoscopy", "test"],
    ["biopsy", "test"],
    ["mammogram", "test"],
    ["a1c", "test"],
  ])("%s is a health term (%s)", (term, category) => {
    expect(countsOnItsOwn(term)).toBe(true);
    expect(categoryOf(term)).toBe(category);
  });

  it.each(["flu shot", "vaccination", "vaccine", "immunization", "checkup", "annual physical", "physical examination", "screening", "blood pressure", "exercise", "sleep", "stress"])(
    "%s is general care, not a health term",
    (term) => {
      expect(countsOnItsOwn(term)).toBe(false);
    },
  );

  it.each(["cold", "shot", "stroke", "pressure", "cut", "screen", "positive", "flu", "ms", "prep"])(
    "%s is ambiguous and never in terms",
    (term) => {
      expect(isAmbiguous(term)).toBe(true);
      expect(countsOnItsOwn(term)).toBe(false);
    },
  );

  it("decides the everyday words by context", () => {
    expect(overlayAmbiguous.get("cold")).toContain("common cold");
    expect(overlayAmbiguous.get("shot")).not.toContain("flu shot");
    expect(data.overlay.generalCare).toContain("flu shot");
    expect(overlayAmbiguous.get("pressure")).toContain("high blood pressure");
    expect(overlayAmbiguous.get("pressure")).not.toContain("blood pressure");
  });

  it("counts depression on its own, except in its other senses", () => {
    expect(countsOnItsOwn("depression")).toBe(true);
    expect(isAmbiguous("depression")).toBe(false);
    expect(data.overlay.otherSenses).toEqual(expect.arrayContaining(["tropical depression", "great depression", "economic depression"]));
  });

  it("keeps a first name out of the PHI words and provider.specialty in", () => {
    const allWords = [...data.phiFields.identifiers, ...data.phiFields.clinical].flatMap((e) => [...e.words, ...(e.inPatientContext ?? [])]);
    for (const w of ["first name", "firstname"]) expect(allWords).not.toContain(w);
    expect(data.phiFields.firstName).toContain("first name");
    const specialty = data.phiFields.clinical.find((e) => e.words.includes("specialty"));
    expect(specialty?.evenUnderSender).toBe(true);
    expect(data.phiFields.senderOwners).toContain("provider");
    expect(data.phiFields.machinery).toContain("token");
    const dob = data.phiFields.identifiers.find((e) => e.words.includes("dob"));
    expect(dob).toMatchObject({ letter: "C", label: "a date of birth" });
    const r = data.phiFields.identifiers.find((e) => e.words.includes("patient id"));
    expect(r?.letter).toBe("R");
    expect(r?.inPatientContext).toContain("id");
  });
});
