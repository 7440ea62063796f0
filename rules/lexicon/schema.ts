/**
 * Schemas and loader for the lexicon data files of rules/lexicon/:
 * - health-terms.generated.json (made by build-lexicon.mjs from WordNet)
 * - overlay.yaml (reviewed additions, removals, context-decided terms)
 * - phi-fields.yaml (words that make a placeholder path PHI)
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { yaml } from "../../linter/src/yaml.js";

// yaml is loaded only when a data file is read: a built run reads the prepared JSON instead.
const parseYaml = (text: string): unknown => yaml().parse(text);

export const CATEGORIES = ["condition", "medication", "procedure", "test"] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** A lexicon term: lower case, trimmed, single spaces. */
const Term = z
  .string()
  .min(1)
  .refine((s) => s === s.trim() && !/\s{2,}/.test(s), "must be trimmed, with single spaces")
  .refine((s) => s === s.toLowerCase(), "must be lower case");

const TermEntry = z.strictObject({ term: Term, category: Category });
export type TermEntry = z.infer<typeof TermEntry>;

function noDuplicates<T>(list: readonly T[], key: (t: T) => string, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", message: `duplicate "${k}" (first at index ${first})`, path: [...path, i] });
    } else seen.set(k, i);
  });
}

export const HealthTermsSchema = z
  .strictObject({
    version: z.literal(1),
    source: z.string().min(1),
    terms: z.array(TermEntry),
    ambiguous: z.array(TermEntry),
  })
  .superRefine((data, ctx) => {
    noDuplicates(data.terms, (e) => e.term, ctx, ["terms"]);
    noDuplicates(data.ambiguous, (e) => e.term, ctx, ["ambiguous"]);
    const inTerms = new Set(data.terms.map((e) => e.term));
    data.ambiguous.forEach((e, i) => {
      if (inTerms.has(e.term)) ctx.addIssue({ code: "custom", message: `"${e.term}" is in both terms and ambiguous`, path: ["ambiguous", i] });
    });
  });
export type HealthTerms = z.infer<typeof HealthTermsSchema>;

/** True when `phrase` contains `term` as whole words (a plural -s/-es of the term's last word allowed). */
export function phraseContainsTerm(phrase: string, term: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9']+/).filter((w) => w.length > 0);
  const p = words(phrase);
  const t = words(term);
  if (t.length === 0) return false;
  for (let start = 0; start + t.length <= p.length; start++) {
    let ok = true;
    for (let k = 0; k < t.length && ok; k++) {
      const have = p[start + k]!;
      const want = t[k]!;
      ok = have === want || (k === t.length - 1 && (have === `${want}s` || have === `${want}es`));
    }
    if (ok) return true;
  }
  return false;
}

const AmbiguousEntry = z
  .strictObject({ term: Term, contexts: z.array(z.string().min(1)).min(1) })
  .superRefine((entry, ctx) => {
    entry.contexts.forEach((c, i) => {
      if (!phraseContainsTerm(c, entry.term)) {
        ctx.addIssue({ code: "custom", message: `context "${c}" does not contain the term "${entry.term}"`, path: ["contexts", i] });
      }
    });
  });

export const OverlaySchema = z
  .strictObject({
    version: z.literal(1),
    add: z.array(TermEntry).default([]),
    remove: z.array(Term).default([]),
    ambiguous: z.array(AmbiguousEntry).default([]),
    /** Preventive-care phrases for everyone: a term inside one of them does not count. */
    generalCare: z.array(Term).default([]),
    /** Fixed phrases where a health word has another sense ("tropical depression"): the term inside does not count. */
    otherSenses: z.array(Term).default([]),
  })
  .superRefine((data, ctx) => {
    noDuplicates(data.add, (e) => e.term, ctx, ["add"]);
    noDuplicates(data.remove, (t) => t, ctx, ["remove"]);
    noDuplicates(data.ambiguous, (e) => e.term, ctx, ["ambiguous"]);
    noDuplicates(data.generalCare, (t) => t, ctx, ["generalCare"]);
    noDuplicates(data.otherSenses, (t) => t, ctx, ["otherSenses"]);
    const added = new Set(data.add.map((e) => e.term));
    data.remove.forEach((t, i) => {
      if (added.has(t)) ctx.addIssue({ code: "custom", message: `"${t}" is both added and removed`, path: ["remove", i] });
    });
    data.ambiguous.forEach((e, i) => {
      if (added.has(e.term)) ctx.addIssue({ code: "custom", message: `"${e.term}" is both added and ambiguous`, path: ["ambiguous", i, "term"] });
    });
  });
export type Overlay = z.infer<typeof OverlaySchema>;

const Words = z.array(Term).min(1);
const HIPAA_LETTERS = "ABCDEFGHIJKLMNOPQR".split("");

const IdentifierEntry = z.strictObject({
  /** Safe Harbor letter, 45 CFR 164.514(b)(2)(i)(A)-(R). */
  letter: z.enum(HIPAA_LETTERS as [string, ...string[]]),
  label: z.string().min(1),
  words: Words,
  /** Count only under a person owner or inside a patient block. */
  inPatientContext: Words.optional(),
});
const ClinicalEntry = z.strictObject({
  label: z.string().min(1),
  words: Words,
  inPatientContext: Words.optional(),
  /** Counts even under a sender owner (`provider.specialty`). */
  evenUnderSender: z.boolean().optional(),
  /**
   * Words with everyday senses (weight, pulse, cholesterol, allergy): they count
   * for the recipient, a person or a clinical record, not under another
   * object (`package.weight`, `recipe.cholesterol`, `pollen.allergyIndex`).
   */
  patientOnly: z.boolean().optional(),
});

export const PhiFieldsSchema = z
  .strictObject({
    version: z.literal(1),
    identifiers: z.array(IdentifierEntry).min(1),
    clinical: z.array(ClinicalEntry).min(1),
    firstName: Words,
    personOwners: Words,
    senderOwners: Words,
    machinery: Words,
    /** Records every field of which is clinical: appointments, prescriptions, lab results. */
    clinicalObjects: Words,
    /** Words that qualify a field without naming its owner: home, mobile, preferred (patient.preferredPhone). */
    modifiers: Words,
  })
  .superRefine((data, ctx) => {
    const letters = new Set(data.identifiers.map((e) => e.letter));
    for (const letter of HIPAA_LETTERS) {
      if (!letters.has(letter)) ctx.addIssue({ code: "custom", message: `no entry for Safe Harbor identifier (${letter})`, path: ["identifiers"] });
    }
    // A word sequence belongs to one entry only, so a finding has one label.
    const owner = new Map<string, string>();
    const check = (list: readonly string[] | undefined, where: (string | number)[]) =>
      list?.forEach((w, i) => {
        const prev = owner.get(w);
        if (prev !== undefined) ctx.addIssue({ code: "custom", message: `"${w}" is listed twice (also at ${prev})`, path: [...where, i] });
        else owner.set(w, where.join("."));
      });
    data.identifiers.forEach((e, i) => {
      check(e.words, ["identifiers", i, "words"]);
      check(e.inPatientContext, ["identifiers", i, "inPatientContext"]);
    });
    data.clinical.forEach((e, i) => {
      check(e.words, ["clinical", i, "words"]);
      check(e.inPatientContext, ["clinical", i, "inPatientContext"]);
    });
  });
export type PhiFields = z.infer<typeof PhiFieldsSchema>;

export interface LexiconData {
  healthTerms: HealthTerms;
  overlay: Overlay;
  phiFields: PhiFields;
}

/** The folder holding the data files (works from source and from dist/, where copy-data.mjs puts them). */
export const LEXICON_DIR = dirname(fileURLToPath(import.meta.url));

export const LEXICON_FILES = {
  healthTerms: "health-terms.generated.json",
  overlay: "overlay.yaml",
  phiFields: "phi-fields.yaml",
} as const;

/** Thrown when a lexicon file cannot be read, parsed or validated. */
export class LexiconDataError extends Error {
  override name = "LexiconDataError";
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

/** Validates already-parsed data; throws a LexiconDataError naming the file and key path. */
export function validateLexiconFile<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 20).map((issue) => `  ${file}: ${formatPath(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 20 ? `\n  ...and ${result.error.issues.length - 20} more` : "";
  throw new LexiconDataError(`invalid lexicon data in ${file}:\n${lines.join("\n")}${more}`);
}

function readData(dir: string, name: string): unknown {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LexiconDataError(`cannot read lexicon file ${file}: ${(error as Error).message}`);
  }
  try {
    return name.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new LexiconDataError(`cannot parse lexicon file ${file}: ${(error as Error).message}`);
  }
}

/** Reads and validates the three lexicon files from `dir` (default: this folder). */
export function loadLexiconData(dir: string = LEXICON_DIR): LexiconData {
  const { healthTerms, overlay, phiFields } = LEXICON_FILES;
  return {
    healthTerms: validateLexiconFile(HealthTermsSchema, readData(dir, healthTerms), healthTerms),
    overlay: validateLexiconFile(OverlaySchema, readData(dir, overlay), overlay),
    phiFields: validateLexiconFile(PhiFieldsSchema, readData(dir, phiFields), phiFields),
  };
}
