import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../../linter/src/api.js";
import { allRules } from "../../rules/index.js";
import { ROOT } from "../helpers.js";

/**
 * Every rule's README holds fenced examples whose info string is
 * `<lang> valid` or `<lang> invalid [line=N]` (lang: mjml, html, hbs, md).
 * They are replayed here with only that rule on, so the docs cannot drift
 * from what the rule does.
 */
export interface DocExample {
  lang: "mjml" | "html" | "hbs" | "md";
  kind: "valid" | "invalid";
  line: number | null;
  code: string;
  /** Line of the opening fence in the README, for failure messages. */
  at: number;
}

const LANGS = new Set(["mjml", "html", "hbs", "md"]);

export function extractExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s{0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const info = open[3]!.trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^\\s{0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
    const [lang, kind, ...attrs] = info;
    if (lang && LANGS.has(lang) && (kind === "valid" || kind === "invalid")) {
      const lineAttr = attrs.map((a) => /^line=(\d+)$/.exec(a)).find(Boolean);
      examples.push({ lang: lang as DocExample["lang"], kind, line: lineAttr ? Number(lineAttr[1]) : null, code: `${body.join("\n")}\n`, at: i + 1 });
    }
    i = j;
  }
  return examples;
}

describe("the example extractor", () => {
  it("reads lang, kind and line=N, and skips other fences", () => {
    const md = ["```yaml", "a: 1", "```", "```html valid", "<p>a</p>", "```", "~~~~md invalid line=3", "```", "x", "```", "~~~~"].join("\n");
    expect(extractExamples(md)).toEqual([
      { lang: "html", kind: "valid", line: null, code: "<p>a</p>\n", at: 4 },
      { lang: "md", kind: "invalid", line: 3, code: "```\nx\n```\n", at: 7 },
    ]);
  });
});

for (const rule of allRules) {
  const id = rule.meta.id;
  const readme = join(ROOT, "rules", id, "README.md");

  describe(`rules/${id}/README.md`, () => {
    it("exists, names the rule and its source, and has valid and invalid examples", () => {
      expect(existsSync(readme), `${readme} is missing`).toBe(true);
      const text = readFileSync(readme, "utf8");
      expect(text).toMatch(new RegExp(`^# ${id}$`, "m"));
      expect(text).toContain(rule.meta.source);
      const examples = extractExamples(text);
      expect(examples.filter((e) => e.kind === "valid").length).toBeGreaterThanOrEqual(1);
      expect(examples.filter((e) => e.kind === "invalid").length).toBeGreaterThanOrEqual(1);
    });

    const examples = existsSync(readme) ? extractExamples(readFileSync(readme, "utf8")) : [];
    for (const example of examples) {
      const title = `${example.kind} ${example.lang} example at README line ${example.at}${example.line ? ` (finding on line ${example.line})` : ""}`;
      it(title, async () => {
        const result = await lintText(example.code, { filePath: `example.${example.lang}`, config: { extends: [], rules: { [id]: "error" } } });
        expect(result.fatalErrorCount, JSON.stringify(result.messages)).toBe(0);
        const findings = result.messages.filter((m) => m.ruleId === id);
        if (example.kind === "valid") {
          expect(findings, example.code).toEqual([]);
        } else {
          expect(findings.length, `no ${id} finding in:\n${example.code}`).toBeGreaterThanOrEqual(1);
          if (example.line !== null) expect(findings[0]!.line).toBe(example.line);
        }
      });
    }
  });
}
