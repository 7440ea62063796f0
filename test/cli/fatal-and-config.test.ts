import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { lintText } from "../../linter/src/api.js";
import type { LintResult } from "../../linter/src/result.js";
import { runCli, project } from "../helpers.js";

// Each test spawns the CLI (a second or two each); leave room on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const CLEAN = [
  "---",
  "consentCategory: newsletters",
  "---",
  '<p>Hello {{firstName}}. <a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
  "",
].join("\n");


describe("a template that cannot be parsed", () => {
  it("gets one fatal message at the unclosed {{#if, and the other files are still linted", () => {
    const dir = project({
      "a-broken.html": ["---", "consentCategory: newsletters", "---", "<p>ok</p>", "<p>{{#if patient}}", "hello", "</p>", ""].join("\n"),
      "b-clean.html": CLEAN,
      "c-dirty.html": CLEAN.replace("<p>Hello", "<p>{{{provider.bio}}} Hello"),
    });
    const run = runCli(["--format", "json", "."], { cwd: dir });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as LintResult[];
    expect(results.map((r) => r.filePath)).toEqual(["a-broken.html", "b-clean.html", "c-dirty.html"].map((f) => join(dir, f)));

    const [broken, clean, dirty] = results;
    expect(broken!.messages).toHaveLength(1);
    expect(broken!.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 5, column: 4 });
    expect(broken!.messages[0]!.message).toMatch(/\{\{#if/);
    expect(broken).toMatchObject({ errorCount: 1, fatalErrorCount: 1, warningCount: 0 });

    expect(clean!.messages).toEqual([]);
    expect(dirty!.messages.map((m) => [m.ruleId, m.line])).toEqual([["no-unescaped-placeholder", 4]]);
  });

  it("invalid YAML front matter is fatal with the line of the error", async () => {
    const result = await lintText("---\nsubject: [unclosed\nconsentCategory: x\n---\n<p>hi</p>\n", { filePath: "x.html", config: { extends: [] } });
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2 });
    expect(result.messages[0]!.message).toMatch(/front matter/i);
    expect(result.messages[0]!.line).toBeGreaterThanOrEqual(2);
    expect(result.messages[0]!.line).toBeLessThanOrEqual(4);
  });

  it("a stray closing tag is fatal too, and never throws from lintText", async () => {
    const result = await lintText("<p>{{#if a}}x{{/each}}</p>\n", { filePath: "y.hbs" });
    expect(result.fatalErrorCount).toBe(1);
    expect(result.messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 1 });
  });

  it("a binary file is reported, not parsed", () => {
    const dir = project({ "bin.html": "<p>\u0000\u0001</p>" });
    const run = runCli(["--format", "json", "bin.html"], { cwd: dir });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as LintResult[];
    expect(result!.messages[0]).toMatchObject({ ruleId: null, fatal: true });
  });
});

describe("an invalid config exits 2 and names the file and the key", () => {
  const cases: { name: string; file: string; content: string; expect: RegExp[] }[] = [
    {
      name: "a typo in a rule id, with a did-you-mean",
      file: "hipaa-lint.config.json",
      content: JSON.stringify({ rules: { "require-unsubscrib": "error" } }),
      expect: [/hipaa-lint\.config\.json/, /rules\.require-unsubscrib\b/, /did you mean "require-unsubscribe"/],
    },
    {
      name: "an unknown rule id",
      file: "hipaa-lint.config.json",
      content: JSON.stringify({ rules: { "no-phi-placholder": "error" } }),
      expect: [/hipaa-lint\.config\.json/, /rules\.no-phi-placholder/, /unknown rule/],
    },
    {
      name: "a wrong severity",
      file: ".hipaalintrc.yaml",
      content: "rules:\n  require-unsubscribe: eror\n",
      expect: [/\.hipaalintrc\.yaml/, /rules\.require-unsubscribe/, /"off" \| "warn" \| "error"/, /"eror"/],
    },
    {
      name: "a wrong severity in an override",
      file: ".hipaalintrc.yaml",
      content: "overrides:\n  - files: '*.html'\n    rules:\n      require-unsubscribe: 3\n",
      expect: [/overrides\.0\.rules\.require-unsubscribe/, /severity/],
    },
    {
      name: "bad rule options",
      file: "hipaa-lint.config.json",
      content: JSON.stringify({ rules: { "require-unsubscribe": ["warn", { linkWords: [1] }] } }),
      expect: [/rules\.require-unsubscribe\.1\.linkWords\.0/, /string/],
    },
    {
      name: "an unknown rule option",
      file: "hipaa-lint.config.json",
      content: JSON.stringify({ rules: { "no-unescaped-placeholder": ["error", { alow: ["body"] }] } }),
      expect: [/rules\.no-unescaped-placeholder\.1\.alow/, /unknown key/],
    },
    {
      name: "an unknown top-level key",
      file: "hipaa-lint.config.yaml",
      content: "rulez:\n  require-unsubscribe: off\n",
      expect: [/hipaa-lint\.config\.yaml/, /rulez/, /unknown key/],
    },
    {
      name: "a wrong type",
      file: ".hipaalintrc.json",
      content: JSON.stringify({ consentCategories: "wellness-tips" }),
      expect: [/consentCategories/, /array/],
    },
    {
      name: "invalid JSON, with its position",
      file: "hipaa-lint.config.json",
      content: '{\n  "rules": {\n',
      expect: [/hipaa-lint\.config\.json/, /invalid JSON/, /\d+:\d+/],
    },
    {
      name: "invalid YAML, with its position",
      file: ".hipaalintrc.yaml",
      content: "rules:\n  require-unsubscribe: [warn\nignores: x\n",
      expect: [/\.hipaalintrc\.yaml/, /invalid YAML/, /\d+:\d+/],
    },
    {
      name: "an unknown preset",
      file: ".hipaalintrc.yaml",
      content: "extends: hipaa-lint:recomended\n",
      expect: [/extends/, /hipaa-lint:recomended/, /hipaa-lint:recommended/],
    },
    {
      name: "a JavaScript config that throws names the config, not the template",
      file: "hipaa-lint.config.mjs",
      content: 'throw new Error("boom");\n',
      expect: [/hipaa-lint\.config\.mjs: cannot load: boom/],
    },
    {
      name: "a JavaScript config with an unknown key",
      file: "hipaa-lint.config.mjs",
      content: "export default { rulez: {} };\n",
      expect: [/hipaa-lint\.config\.mjs: rulez: unknown key/],
    },
    {
      name: "a missing extends file",
      file: ".hipaalintrc.yaml",
      content: "extends: ./base.json\n",
      expect: [/\.hipaalintrc\.yaml: extends/, /not found/, /base\.json/],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const dir = project({ [c.file]: c.content, "t.html": CLEAN });
      const run = runCli(["t.html"], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      for (const re of c.expect) expect(run.stderr).toMatch(re);
    });
  }

  it("--config naming a missing file", () => {
    const dir = project({ "t.html": CLEAN });
    const run = runCli(["--config", "nope.yaml", "t.html"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nope\.yaml.*not found/);
  });

  it("--rule with an unknown rule or severity", () => {
    const dir = project({ "t.html": CLEAN });
    const typo = runCli(["--rule", "require-unsubscrib: off", "t.html"], { cwd: dir });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/--rule.*rules\.require-unsubscrib.*did you mean "require-unsubscribe"/);
    const severity = runCli(["--rule", "require-unsubscribe: loud", "t.html"], { cwd: dir });
    expect(severity.status).toBe(2);
    expect(severity.stderr).toMatch(/"loud"/);
  });

  it("lintText with an invalid config object rejects with a ConfigError naming the key", async () => {
    await expect(lintText(CLEAN, { config: { rules: { "require-unsubscribe": "loud" } } as never })).rejects.toThrow(/rules\.require-unsubscribe/);
  });
});
