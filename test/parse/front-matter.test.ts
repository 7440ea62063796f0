/**
 * Front matter made only of `key: "value"` lines (what the Strapi plugin
 * writes for every campaign) is read without the YAML parser; whatever the
 * input, the result must be the YAML parser's: same data, entries, ranges,
 * comments and errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrontMatter, parseFrontMatterWithYaml } from "../../linter/src/parse/front-matter.js";
import { SourceIndex } from "../../linter/src/parse/positions.js";

const params = (numRuns: number) => ({ seed: 2026, numRuns, endOnFailure: true });

/** What each parser gives, or the error it throws. */
function outcome(parse: typeof parseFrontMatter, source: string): unknown {
  try {
    return parse(source, new SourceIndex(source));
  } catch (error) {
    return { error: String(error), line: (error as { line?: unknown }).line, column: (error as { column?: unknown }).column };
  }
}

const expectSame = (source: string) => expect(outcome(parseFrontMatter, source)).toEqual(outcome(parseFrontMatterWithYaml, source));

const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string(), fc.stringMatching(/^[\\u0-9a-fA-F"'#: \t\x00-\x1f\x7f\x85\u2028\ufeff\ud83c\udf89]*$/));
const key = fc.oneof(
  fc.constantFrom("subject", "preheader", "consentCategory", "title", "a-b", "_x", "true", "False", "null", "NULL", "1", "~", "<<", "yes", "on", "key with space", "k:"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/),
);
/** A double-quoted value: as JSON writes it, or with other (valid or not) escapes. */
const quoted = fc.oneof(
  { weight: 3, arbitrary: text.map((t) => JSON.stringify(t)) },
  fc.array(fc.oneof(fc.constantFrom("\\/", "\\u00e9", "\\ud83c\\udf89", "\\ud800", "\\x41", "\\a", "\\N", "\\_", "\\ ", "\\\t", "\\", '\\"'), text)).map((parts) => `"${parts.join("")}"`),
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom(": ", ":  ", ":", ":\t", " : "), quoted, fc.constantFrom("", " ", "\t", " # note", "x")).map(([k, sep, v, tail]) => `${k}${sep}${v}${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "# a comment", "  # indented comment", "- item", "  subject: \"indented\"", "subject: plain", "subject: 'single'", "subject: \"open", "[1, 2]", "---x") },
  { weight: 1, arbitrary: text },
);

/** Lines of the simple kind, mostly, with blank lines between. */
const simpleLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(key, fc.constantFrom(": ", ":  "), quoted, fc.constantFrom("", " ", "\t ")).map(([k, sep, v, tail]) => `${k}${sep}${v}${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom("", "  ", "\t") },
);

describe("simple front matter without the YAML parser", () => {
  it("gives what the YAML parser gives for simple lines", () => {
    fc.assert(
      fc.property(fc.array(simpleLine, { minLength: 1, maxLength: 5 }), fc.constantFrom("\n", "\r\n", "\r"), fc.string(), (lines, eol, body) => {
        expectSame(`---${eol}${lines.join(eol)}${eol}---${eol}${body}`);
      }),
      params(3000),
    );
  });

  it("gives what the YAML parser gives, whatever the lines", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom("\n", "\r\n", "\r"), fc.string(), (lines, eol, body) => {
        expectSame(`---${eol}${lines.join(eol)}${eol}---${eol}${body}`);
      }),
      params(3000),
    );
  });

  it.each([
    ["the plugin's", '---\nsubject: "Your October newsletter"\npreheader: "Tips \\"and\\" classes"\nconsentCategory: "newsletters"\n---\n<p>Hi</p>'],
    ["CRLF", '---\r\nsubject: "Hello"\r\n\r\nconsentCategory: "events"  \r\n---\r\n<p>Hi</p>'],
    ["escapes", '---\nsubject: "caf\\u00e9 \\/ \\ud83c\\udf89 \\t tab \\\\ backslash"\n---\n'],
    ["a duplicate key", '---\nsubject: "one"\nsubject: "two"\n---\n'],
    ["blank front matter", "---\n\n  \n---\nbody"],
    ["a comment", '---\n# hipaa-lint-disable require-unsubscribe\nsubject: "x"\n---\n'],
    ["a key YAML reads as a boolean", '---\ntrue: "x"\n---\n'],
    ["a YAML-only escape", '---\nsubject: "bell \\a"\n---\n'],
  ])("%s", (_name, source) => {
    expectSame(source);
  });

  it("reads the plugin's front matter without the YAML parser", () => {
    const source = '---\nsubject: "Your October newsletter"\nconsentCategory: "newsletters"\n---\n<p>Hi</p>';
    const result = parseFrontMatter(source, new SourceIndex(source))!;
    expect(result.frontMatter.data).toEqual({ subject: "Your October newsletter", consentCategory: "newsletters" });
    expect(result.frontMatter.entries[1]).toMatchObject({ key: "consentCategory", keyRange: { line: 3, column: 1 }, valueRange: { line: 3, column: 18 } });
  });
});
