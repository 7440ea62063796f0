/**
 * Property-based tests of the engine (issue 8): whatever the input, lintTemplate
 * returns findings or a fatal message with a position, never throws, and
 * positions do not move when line endings change or a BOM is added.
 *
 * Seeded and bounded (numRuns) so that CI runs the same cases every time; set
 * HIPAA_LINT_FC_RUNS to run more locally.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { EffectiveConfig } from "../../linter/src/config/load.js";
import { DEV_CORPUS, REAL_WORLD_CORPUS } from "../helpers.js";
import { checkPositions, corpusFiles, lint, positionKeys, recommended } from "./shared.js";

const RUNS = Number(process.env.HIPAA_LINT_FC_RUNS ?? 0) || 1;
const SEED = 8008;
const params = (numRuns: number) => ({ seed: SEED, numRuns: numRuns * RUNS, endOnFailure: true });

const dev = corpusFiles(DEV_CORPUS);
// Every 12th real-world template: a fixed, varied sample that keeps the suite fast.
const realWorld = corpusFiles(REAL_WORLD_CORPUS).filter((f, i) => i % 12 === 0 && f.source.length < 20_000);
const corpus = [...dev, ...realWorld];
const EXTENSIONS = ["t.html", "t.mjml", "t.md", "t.hbs"];

let config: EffectiveConfig;
beforeAll(async () => {
  config = await recommended();
});

// Pieces a template is made of, including broken ones.
const fragment = fc.oneof(
  fc.constantFrom(
    "<p>", "</p>", "<div style=\"display:none\" class=\"preheader\">", "</div>", "<a href=\"", "\">", "</a>", "<b>", "</b>",
    "<mj-title>", "</mj-title>", "<mj-button href=\"https://x.org/{{id}}\">", "</mj-button>", "<title>", "</title>", "<!--", "-->",
    "{{", "}}", "{{{", "}}}", "{{patient.ssn}}", "{{#if a}}", "{{/if}}", "{{#each meds as |m|}}", "{{m.name}}", "{{/each}}", "{{else}}",
    "{{!-- ", " --}}", "{{> partial}}", "{{\"ssn\"}}", "{{lookup patient \"mrn\"}}", "{{{body}}}", "---\n", "subject: ", "consentCategory: events\n",
    "\n", "\r\n", "\r", "\u2028", "\uFEFF", "\u0000", "\u200B", "&#68;", "&amp;", "&", "<", ">", "\"", "'", "[", "](", ")", "> ", "- ", "# ",
    "your diabetes", "Diagnosed with HIV", "SSN: 123-45-6789", "Unsubscribe", "\uD835\uDC1D", "\uD800", "\u0301",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const randomTemplate = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(""));

type Mutation = (source: string, at: number, bytes: Uint8Array) => string;
const decoder = new TextDecoder("utf-8");
const MUTATIONS: Record<string, Mutation> = {
  truncate: (s, at) => s.slice(0, at),
  "unbalanced {{": (s, at) => `${s.slice(0, at)}{{${s.slice(at)}`,
  "unbalanced {{#if": (s, at) => `${s.slice(0, at)}{{#if x}}${s.slice(at)}`,
  "stray {{/each}}": (s, at) => `${s.slice(0, at)}{{/each}}${s.slice(at)}`,
  "unclosed tag": (s, at) => `${s.slice(0, at)}<div class="x${s.slice(at)}`,
  "unclosed HTML comment": (s, at) => `${s.slice(0, at)}<!--${s.slice(at)}`,
  "unclosed Handlebars comment": (s, at) => `${s.slice(0, at)}{{!--${s.slice(at)}`,
  "random bytes": (s, at, bytes) => s.slice(0, at) + decoder.decode(bytes) + s.slice(at),
  "invalid UTF-8": (s, at) => s.slice(0, at) + decoder.decode(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc])) + s.slice(at),
  NUL: (s, at) => `${s.slice(0, at)}\u0000${s.slice(at)}`,
  "lone surrogate": (s, at) => `${s.slice(0, at)}\uDC00${s.slice(at)}`,
  BOM: (s) => `\uFEFF${s}`,
  CRLF: (s) => s.replace(/\r?\n/g, "\r\n"),
  CR: (s) => s.replace(/\r?\n/g, "\r"),
  "line separator": (s, at) => `${s.slice(0, at)}\u2028${s.slice(at)}`,
  "very long line": (s, at) => `${s.slice(0, at)}${"x".repeat(20_000)}${s.slice(at)}`,
};

describe("the engine never throws and always gives a position", () => {
  it("on random templates in every format", () => {
    fc.assert(
      fc.property(randomTemplate, fc.constantFrom(...EXTENSIONS), (source, file) => {
        checkPositions(source, lint(source, file, config));
      }),
      params(150),
    );
  });

  it("on mutations of both shared corpora", () => {
    expect(corpus.length).toBeGreaterThan(55);
    const mutation = fc.constantFrom(...Object.keys(MUTATIONS));
    fc.assert(
      fc.property(
        fc.nat(corpus.length - 1),
        fc.array(fc.tuple(mutation, fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ maxLength: 16 })), { minLength: 1, maxLength: 3 }),
        (fileIndex, steps) => {
          const file = corpus[fileIndex]!;
          let source = file.source;
          for (const [name, where, bytes] of steps) source = MUTATIONS[name]!(source, Math.floor(where * source.length), bytes);
          checkPositions(source, lint(source, file.name, config));
        },
      ),
      params(25),
    );
  }, 120_000);

  it("gives a fatal message with the position of a Handlebars syntax error", () => {
    const result = lint("<p>one</p>\r\n<p>two {{#if x}}</p>\r\n", "t.html", config);
    const fatal = result.messages.find((m) => m.fatal);
    expect(fatal?.message).toMatch(/Handlebars/);
    // The unclosed block is reported where it opens.
    expect(fatal?.line).toBe(2);
  });
});

describe("positions stay right under CRLF, CR and a BOM", () => {
  const variants: Record<string, (s: string) => string> = {
    CRLF: (s) => s.replace(/\r?\n/g, "\r\n"),
    CR: (s) => s.replace(/\r?\n/g, "\r"),
    BOM: (s) => `\uFEFF${s}`,
    "BOM and CRLF": (s) => `\uFEFF${s.replace(/\r?\n/g, "\r\n")}`,
  };
  for (const [name, transform] of Object.entries(variants)) {
    it(`every dev corpus template reports the same findings at the same line and column with ${name}`, () => {
      for (const file of dev) {
        const lf = lint(file.source.replace(/\r\n?/g, "\n"), file.name, config);
        const other = lint(transform(file.source.replace(/\r\n?/g, "\n")), file.name, config);
        expect(positionKeys(other.messages), `${file.name} with ${name}`).toEqual(positionKeys(lf.messages));
      }
    });
  }

  it("random templates report the same positions with LF and CRLF", () => {
    fc.assert(
      fc.property(randomTemplate, fc.constantFrom(...EXTENSIONS), (source, file) => {
        const lf = source.replace(/\r\n?/g, "\n").replace(/\u2028/g, " ");
        const a = lint(lf, file, config);
        const b = lint(lf.replace(/\n/g, "\r\n"), file, config);
        expect(positionKeys(b.messages)).toEqual(positionKeys(a.messages));
      }),
      params(100),
    );
  });

  it("a placeholder after a U+2028 inside an HTML comment keeps its position (and is still reported)", () => {
    const line2 = "<!-- \u2028 a long comment -->{{patient.ssn}}";
    const result = lint(`<p>hi</p>\n${line2}\n`, "t.html", config);
    const phi = result.messages.find((m) => m.ruleId === "no-phi-placeholder");
    expect(phi).toMatchObject({ line: 2, column: line2.indexOf("patient") + 1 });
  });
});
