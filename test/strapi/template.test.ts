/**
 * The template the plugin hands to the linter for a campaign: front matter
 * written without the yaml package (it was most of the cost of building a
 * template on each save) must read back as the campaign's values, one line
 * per key, and be what yaml writes, byte for byte, for values without line
 * breaks (yaml folds those over several lines, which moved the body).
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

// The built plugin (npm run build:strapi-plugin), as Strapi loads it (its CommonJS build); these functions need no Strapi.
const plugin = createRequire(import.meta.url)("strapi-plugin-hipaa-lint/strapi-server").default;
const { buildTemplate, yamlQuoted } = plugin.services.linting({ strapi: {} }) as {
  buildTemplate: (content: { subject: string | null; preheader: string | null; consentCategory: string | null; body: string | null; format: string }) => {
    source: string;
    keyLines: Record<string, number>;
    bodyLine: number;
  };
  yamlQuoted: (value: string) => string;
};

const byYaml = (value: string) => stringify({ v: value }, { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }).trimEnd().slice("v: ".length);

const strings = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string(),
  // escapes and what looks like them: backslashes, u, hex digits, control characters, quotes
  fc.stringMatching(/^[\\u0-9a-fx"\x00-\x1f\x7f\x85\u2028\ufeff ]*$/),
);

describe("yamlQuoted", () => {
  it("writes one line that YAML reads back as the value", () => {
    fc.assert(
      fc.property(strings, (value) => {
        const quoted = yamlQuoted(value);
        expect(quoted).not.toMatch(/[\n\r]/);
        expect(parse(`key: ${quoted}`).key).toBe(value);
      }),
      { seed: 2026, numRuns: 5000 },
    );
  });

  it("writes what the yaml package writes for a value without line breaks", () => {
    fc.assert(
      fc.property(strings.map((value) => value.replace(/\n/g, "")), (value) => {
        expect(yamlQuoted(value)).toBe(byYaml(value));
      }),
      { seed: 2026, numRuns: 5000 },
    );
  });

  it.each([
    "Your diabetes care plan",
    'She said "hi" \\ twice',
    "\\u0003 is not an escape here, \\\\u0003 neither",
    "a\\\u0003b",
    "tab\tnew\nline\rcarriage",
    "\u0000\u0007\u000b\u001b\u0001\u007f\u0085\u2028\u2029\ufeff",
    "lone \ud800 and \udc00 surrogates, and a pair 🎉",
    "",
    " \n space before a line break",
    "A subject of forty characters or more\nthat yaml would fold over three lines",
  ])("%j", (value) => {
    const quoted = yamlQuoted(value);
    if (!value.includes("\n")) expect(quoted).toBe(byYaml(value));
    expect(quoted).not.toMatch(/[\n\r]/);
    expect(parse(`key: ${quoted}`).key).toBe(value);
  });
});

describe("buildTemplate", () => {
  it("keeps the body where bodyLine says when the subject has a line break", () => {
    const template = buildTemplate({ subject: "Your appointment reminder for next Tuesday\nat the clinic", preheader: null, consentCategory: "newsletters", body: "<p>First line of the body</p>", format: "html" });
    expect(template.source.split("\n")[template.bodyLine - 1]).toBe("<p>First line of the body</p>");
  });

  it("front matter reads back as the campaign's values, each key on its line, then the body", () => {
    fc.assert(
      fc.property(strings, strings, fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)), fc.string(), (subject, preheader, consentCategory, body) => {
        const template = buildTemplate({ subject, preheader, consentCategory, body, format: "html" });
        const lines = template.source.split("\n");
        const end = lines.indexOf("---", 1);
        expect(lines[0]).toBe("---");
        const data = parse(lines.slice(1, end).join("\n"));
        expect(data.subject).toBe(subject);
        expect(data.preheader).toBe(preheader || undefined);
        expect(data.consentCategory).toBe(consentCategory || undefined);
        for (const [key, line] of Object.entries(template.keyLines)) expect(lines[line - 1]!.startsWith(`${key}: "`)).toBe(true);
        expect(template.bodyLine).toBe(end + 2);
        expect(template.source.endsWith(`---\n${body}`)).toBe(true);
      }),
      { seed: 2026, numRuns: 2000 },
    );
  });
});
