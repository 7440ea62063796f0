import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { Ajv } from "ajv";
import { describe, expect, it, vi } from "vitest";
import { lintFiles, lintText, prepareConfig } from "../../linter/src/api.js";
import type { ConfigInput } from "../../linter/src/config/schema.js";
import type { LintResult } from "../../linter/src/result.js";
import { ROOT, runCli, tempDir, project } from "../helpers.js";

// Each test spawns the CLI (a second or two each); leave room on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const CLEAN = ["---", "consentCategory: newsletters", "---", '<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>', ""].join("\n");


describe("programmatic API", () => {
  it("lintFiles returns what the CLI prints as json", async () => {
    const dir = project({
      ".hipaalintrc.yaml": "rules:\n  valid-consent-category: error\n",
      "a.html": CLEAN.replace("newsletters", "newsleters"),
      "b/c.md": "---\nconsentCategory: events\n---\n{{{note.html}}}\n",
    });
    const api = await lintFiles(["."], { cwd: dir });
    const cli = JSON.parse(runCli(["--format", "json", "."], { cwd: dir }).stdout) as LintResult[];
    expect(JSON.parse(JSON.stringify(api))).toEqual(cli);
    expect(api.map((r) => r.messages.map((m) => m.ruleId))).toEqual([["valid-consent-category"], ["require-unsubscribe", "no-unescaped-placeholder"]]);
  });

  it("lintText takes a config object and ignores config files (the Strapi plugin's way)", async () => {
    const dir = project({ ".hipaalintrc.yaml": "rules:\n  require-unsubscribe: off\n" });
    const source = "<p>Hello</p>\n";
    const found = await lintText(source, { cwd: dir, filePath: "x.html" });
    expect(found.messages.map((m) => m.ruleId)).toEqual(["require-consent-category"]);
    const explicit = await lintText(source, { cwd: dir, filePath: "x.html", config: { rules: { "require-consent-category": "warn" } } });
    expect(explicit.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ["require-consent-category", 1],
      ["require-unsubscribe", 2],
    ]);
  });

  it("lintText with a prepared config gives what it gives with the config object, and leaves the prepared config as it was", async () => {
    const config: ConfigInput = { consentCategories: ["newsletters"], rules: { "require-consent-category": "warn", "no-condition-in-body": ["error", {}] } };
    const prepared = await prepareConfig(config);
    const before = JSON.stringify(prepared);
    const sources: [string, "html" | "markdown"][] = [
      [CLEAN, "html"],
      [CLEAN.replace("newsletters", "newsleters"), "html"],
      ['---\nsubject: "Your diabetes care plan"\n---\n<p>Hello {{name}}</p>\n', "html"],
      ["# Hi\n\nSee your cancer screening results.\n", "markdown"],
    ];
    let findings = 0;
    for (const [source, format] of sources) {
      const expected = await lintText(source, { config, format });
      expect(await lintText(source, { prepared, format })).toEqual(expected);
      findings += expected.messages.length;
    }
    expect(findings).toBeGreaterThan(3);
    expect(JSON.stringify(prepared)).toBe(before);
  });

  it("lintText reports unused directives when asked", async () => {
    const source = CLEAN + "<!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- not needed -->\n<p>x</p>\n";
    expect((await lintText(source, { filePath: "t.html", config: {} })).messages).toEqual([]);
    const result = await lintText(source, { filePath: "t.html", config: {}, reportUnusedDisableDirectives: true });
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([[null, 5]]);
  });
});

describe("the shipped JSON Schema of the config", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "linter", "schema", "config.schema.json"), "utf8")) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  it("accepts the starter config that --init writes", () => {
    const dir = tempDir();
    expect(runCli(["--init"], { cwd: dir }).status).toBe(0);
    const starter = parseYaml(readFileSync(join(dir, "hipaa-lint.config.yaml"), "utf8")) as unknown;
    expect(validate(starter) ? [] : validate.errors).toEqual([]);
  });

  it("accepts rule options and overrides, and rejects what the CLI rejects", () => {
    const good = { extends: ["hipaa-lint:strict"], rules: { "require-unsubscribe": ["warn", { linkWords: ["leave"] }] }, overrides: [{ files: "a/**", rules: { "no-unescaped-placeholder": "off" } }] };
    expect(validate(good) ? [] : validate.errors).toEqual([]);
    expect(validate({ rules: { "require-unsubscrib": "error" } })).toBe(false);
    expect(validate({ rules: { "require-unsubscribe": "eror" } })).toBe(false);
    expect(validate({ rulez: {} })).toBe(false);
    expect(validate({ rules: { "require-unsubscribe": ["warn", { bogus: true }] } })).toBe(false);
  });
});
