/**
 * No input makes the linter hang (issue 8): for adversarial inputs aimed at
 * each parser, regular expression and matcher, linting 8x the input must take
 * far less than the 64x a quadratic path would. The bound is generous (ratio
 * under 24, and only checked when the large run takes long enough to measure):
 * only a super-linear path breaks it, never a slow machine.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { EffectiveConfig } from "../../linter/src/config/load.js";
import { MAX_HANDLEBARS_NESTING } from "../../linter/src/parse/handlebars.js";
import { MAX_MARKUP_NESTING } from "../../linter/src/parse/markup.js";
import { identifierWords } from "../../linter/src/text/words.js";
import { decodeUrlText } from "../../rules/no-phi-in-url/index.js";
import { checkPositions, lint, recommended } from "./shared.js";

let config: EffectiveConfig;
beforeAll(async () => {
  config = await recommended();
  lint("<p>Since your diagnosis of diabetes</p>", "t.html", config);
});

const time = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Best of two, so one GC pause does not decide. */
const measure = (fn: () => void) => Math.min(time(fn), time(fn));

function expectLinear(make: (n: number) => string, base: number, file = "t.html") {
  const small = make(base);
  const large = make(base * 8);
  const run = (source: string) => () => {
    const result = lint(source, file, config);
    checkPositions(source, result);
  };
  const t1 = measure(run(small));
  const t8 = measure(run(large));
  if (t8 > 150) expect(t8 / Math.max(t1, 5), `1x ${t1.toFixed(0)} ms, 8x ${t8.toFixed(0)} ms`).toBeLessThan(24);
}

const CASES: [string, (n: number) => string, number, string?][] = [
  ["nested inline elements", (n) => "<span>x".repeat(Math.min(n, MAX_MARKUP_NESTING - 10)) + "<p>y</p>".repeat(n), 400],
  ["unmatched closing tags under deep nesting", (n) => "<div>".repeat(900) + "</q>".repeat(n), 2000],
  ["hidden preheaders", (n) => '<div class="preheader" style="display:none">x</div>'.repeat(n), 400],
  ["links with placeholders", (n) => '<a href="https://x.org/?t={{token}}&u={{user.id}}">u</a>\n'.repeat(n), 120],
  ["terms in one run", (n) => `<p>${"Diabetes is common. ".repeat(n)}</p>`, 300],
  ["terms in one sentence", (n) => `<p>${"diabetes ".repeat(n)}</p>`, 300],
  ["directives and findings", (n) => "{{patient.ssn}}<!-- hipaa-lint-disable-line no-phi-in-url -- why -->\n".repeat(n), 150],
  ["Handlebars statements", (n) => "{{#if a}}{{b}}{{/if}} ".repeat(n), 150],
  ["front matter subject", (n) => `---\nsubject: "${"{{a}} ".repeat(n)}"\n---\n`, 300],
  ["identifier-like text", (n) => `<p>${"SSN: 123-45-678 MRN 00 Patient: Ab Member ID: ".repeat(n)}</p>`, 300],
  ["long run of spaces in a triple-stash", (n) => `{{{x${" ".repeat(n * 50)}}}}`, 300],
  ["entities", (n) => `<p>${"&#68;iabetes &amp; ".repeat(n)}</p>`, 300],
  ["dotted letters", (n) => `<p>${"a.".repeat(n * 10)}</p>`, 300],
  ["Markdown brackets and emphasis", (n) => "[*a **b _c ".repeat(n), 120, "t.md"],
  ["Markdown links", (n) => "[x](https://x.org/hiv?{{id}}) ".repeat(n), 80, "t.md"],
  ["a very long line", (n) => `<p>${"word ".repeat(n * 20)}</p>`, 120],
  ["unclosed comment", (n) => `<!--${" a".repeat(n * 20)}`, 300],
  ["unclosed mustache", (n) => `{{${"a".repeat(n * 20)}`, 300],
];

describe("linting time grows linearly with the input", () => {
  for (const [name, make, base, file] of CASES) {
    it(name, () => expectLinear(make, base, file), 60_000);
  }
});

describe("regular expressions and matchers outside the engine path", () => {
  const linear = (fn: (s: string) => unknown, make: (n: number) => string) => {
    const t1 = measure(() => fn(make(20_000)));
    const t8 = measure(() => fn(make(160_000)));
    if (t8 > 50) expect(t8 / Math.max(t1, 2)).toBeLessThan(24);
  };
  it("identifierWords", () => linear(identifierWords, (n) => `${"A".repeat(n)}a${"1".repeat(n)}`));
  it("decodeUrlText", () => linear(decodeUrlText, (n) => "&#".repeat(n / 4) + "%".repeat(n / 4) + "%e2%".repeat(n / 16)));
});

describe("limits on nesting give a fatal message with a position", () => {
  it("10,000-deep HTML", () => {
    const result = lint("<div>".repeat(10_000), "t.html", config);
    expect(result.messages).toEqual([expect.objectContaining({ fatal: true, line: 1, column: MAX_MARKUP_NESTING * 5 + 1 })]);
  });
  it("10,000-deep Handlebars blocks", () => {
    const source = "{{#if a}}\n".repeat(10_000) + "{{/if}}".repeat(10_000);
    const result = lint(source, "t.html", config);
    expect(result.messages).toEqual([expect.objectContaining({ fatal: true, line: MAX_HANDLEBARS_NESTING + 1, column: 1 })]);
  });
  it("10,000-deep Markdown quotes", () => {
    const result = lint("> ".repeat(10_000) + "x", "t.md", config);
    expect(result.messages.some((m) => m.fatal && m.line === 1) || result.messages.every((m) => !m.fatal)).toBe(true);
  });
  it("a 5 MB template is linted", () => {
    const source = `---\nconsentCategory: events\n---\n<p>Join us for a walk, {{first_name}}.</p>\n${"<tr><td style=\"padding:0\">&nbsp;</td></tr>\n".repeat(130_000)}`;
    expect(source.length).toBeGreaterThan(5_000_000);
    const result = lint(source, "t.html", config);
    checkPositions(source, result);
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  }, 120_000);
});
