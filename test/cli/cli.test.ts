import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { allRules } from "../../rules/index.js";
import type { LintResult } from "../../linter/src/result.js";
import { BIN, ROOT, runCli, tempDir, project } from "../helpers.js";

// Each test spawns the CLI (a second or two each); leave room on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** A clean template: consent category, opt-out link, no raw placeholder. */
const CLEAN = ["---", "consentCategory: newsletters", "---", '<p>Hi {{firstName}}. <a href="{{unsubscribe_url}}">Unsubscribe</a></p>', ""].join("\n");
/** One error (no opt-out link) on a file-level rule. */
const NO_OPT_OUT = ["---", "consentCategory: newsletters", "---", "<p>Hi {{firstName}}. Call us to stop these emails.</p>", ""].join("\n");
/** One warning only: an unknown consent category (valid-consent-category is warn by default). */
const WARN_ONLY = CLEAN.replace("newsletters", "newsleters");
/** One line-level error on line 4. */
const RAW = CLEAN.replace("<p>Hi", "<p>{{{provider.bio}}} Hi");


function json(args: string[], cwd: string, input?: string): { status: number; results: LintResult[]; stderr: string } {
  const run = runCli(["--format", "json", ...args], { cwd, input });
  let results: LintResult[] = [];
  try {
    results = JSON.parse(run.stdout) as LintResult[];
  } catch {
    throw new Error(`not JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
  return { status: run.status, results, stderr: run.stderr };
}

const rel = (dir: string, results: LintResult[]) => results.map((r) => r.filePath.slice(dir.length + 1)).sort();
const ids = (r: LintResult | undefined) => (r?.messages ?? []).map((m) => m.ruleId);

describe("--help, --version, --list-rules, --init", () => {
  it("--help lists every flag this suite covers, and exits 0", () => {
    const run = runCli(["--help"]);
    expect(run.status).toBe(0);
    for (const flag of [
      "--config", "--format", "--output-file", "--max-warnings", "--quiet", "--rule", "--stdin", "--stdin-filename", "--print-config",
      "--init", "--list-rules", "--version", "--report-unused-disable-directives", "--ignore-path", "--help",
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(runCli(["-h"]).stdout).toBe(run.stdout);
  });

  it("--version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "linter", "package.json"), "utf8")) as { version: string };
    const run = runCli(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it("--list-rules lists every rule with its default severity", () => {
    const run = runCli(["--list-rules"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(allRules.length);
    for (const rule of allRules) {
      expect(lines.find((l) => l.startsWith(`${rule.meta.id} `))).toMatch(new RegExp(`\\s${rule.meta.defaultSeverity}\\s`));
    }
  });

  it("--init writes a starter config that lints, and refuses to overwrite it", () => {
    const dir = project({ "t.html": CLEAN });
    const first = runCli(["--init"], { cwd: dir });
    expect(first.status).toBe(0);
    const target = join(dir, "hipaa-lint.config.yaml");
    expect(existsSync(target)).toBe(true);
    const printed = JSON.parse(runCli(["--print-config", "t.html"], { cwd: dir }).stdout) as { configFile: string };
    expect(printed.configFile).toBe(target);
    expect(runCli(["t.html"], { cwd: dir }).status).toBe(0);
    const again = runCli(["--init"], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe("exit codes and usage errors", () => {
  it("0 when clean, 1 on errors, 2 on usage errors", () => {
    const dir = project({ "clean.html": CLEAN, "bad.html": NO_OPT_OUT });
    expect(runCli(["clean.html"], { cwd: dir }).status).toBe(0);
    expect(runCli(["bad.html"], { cwd: dir }).status).toBe(1);
    expect(runCli([], { cwd: dir }).status).toBe(2);
    expect(runCli(["--no-such-flag", "clean.html"], { cwd: dir }).status).toBe(2);
    expect(runCli(["--format", "xml", "clean.html"], { cwd: dir }).status).toBe(2);
    expect(runCli(["--max-warnings", "many", "clean.html"], { cwd: dir }).status).toBe(2);
  });

  it("a pattern, file or folder matching nothing exits 2 and says which", () => {
    const dir = project({ "clean.html": CLEAN, "empty/notes.txt": "x" });
    for (const pattern of ["missing.html", "nothing/**/*.mjml", "empty"]) {
      const run = runCli(["clean.html", pattern], { cwd: dir });
      expect(run.status, pattern).toBe(2);
      expect(run.stderr).toContain(pattern);
    }
  });

  it("warnings alone exit 0", () => {
    const dir = project({ "w.html": WARN_ONLY });
    const { status, results } = json(["w.html"], dir);
    expect(status).toBe(0);
    expect(results[0]).toMatchObject({ errorCount: 0, warningCount: 1 });
  });
});

describe("--format", () => {
  it("json is exactly ESLint's shape", () => {
    const dir = project({ "raw.html": RAW });
    const { status, results } = json(["raw.html"], dir);
    expect(status).toBe(1);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(Object.keys(r).sort()).toEqual(
      ["errorCount", "fatalErrorCount", "filePath", "fixableErrorCount", "fixableWarningCount", "messages", "suppressedMessages", "usedDeprecatedRules", "warningCount"].sort(),
    );
    expect(r).toMatchObject({ filePath: join(dir, "raw.html"), errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [], suppressedMessages: [] });
    expect(r.messages[0]).toMatchObject({ ruleId: "no-unescaped-placeholder", severity: 2, line: 4, column: 4, endLine: 4, endColumn: 22 });
    expect(typeof r.messages[0]!.message).toBe("string");
    expect(r.messages[0]).not.toHaveProperty("fatal");
  });

  it("stylish: file, line:column, severity, message, rule id and a summary, without colour off a terminal", () => {
    const dir = project({ "raw.html": RAW });
    const run = runCli(["raw.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^raw\.html$/m);
    expect(run.stdout).toMatch(/^\s+4:4\s+error\s+.*\{\{\{provider\.bio\}\}\}.*\s+no-unescaped-placeholder$/m);
    expect(run.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    // Nothing to report: no output at all.
    const clean = runCli(["x.html"], { cwd: project({ "x.html": CLEAN }) });
    expect(clean.stdout).toBe("");
  });

  it("stylish: --color forces colour, --no-color keeps it off", () => {
    const dir = project({ "raw.html": RAW });
    expect(runCli(["--color", "raw.html"], { cwd: dir }).stdout).toMatch(/\u001b\[31m.*error/);
    expect(runCli(["--no-color", "raw.html"], { cwd: dir }).stdout).not.toMatch(/\u001b\[/);
  });

  it("github: one workflow annotation per finding", () => {
    const dir = project({ "raw.html": RAW, "w.html": WARN_ONLY });
    const run = runCli(["--format", "github", "."], { cwd: dir });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=raw\.html,line=4,col=4,endLine=4,endColumn=22,title=hipaa-lint \(no-unescaped-placeholder\)::/);
    expect(lines[1]).toMatch(/^::warning file=w\.html,line=2,col=18,.*title=hipaa-lint \(valid-consent-category\)::Unknown consent category/);
  });

  it("--output-file writes the report there and nothing to stdout, keeping the exit code", () => {
    const dir = project({ "raw.html": RAW });
    const run = runCli(["--format", "json", "--output-file", "reports/out.json", "raw.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const results = JSON.parse(readFileSync(join(dir, "reports", "out.json"), "utf8")) as LintResult[];
    expect(ids(results[0])).toEqual(["no-unescaped-placeholder"]);
  });
});

describe("warnings: --max-warnings and --quiet", () => {
  it("--max-warnings N fails only above N", () => {
    const dir = project({ "a.html": WARN_ONLY, "b.html": WARN_ONLY });
    expect(runCli(["--max-warnings", "2", "."], { cwd: dir }).status).toBe(0);
    const over = runCli(["--max-warnings", "1", "."], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stdout).toMatch(/too many warnings \(maximum: 1\)/);
  });

  it("--quiet reports errors only", () => {
    const dir = project({ "w.html": WARN_ONLY, "raw.html": RAW.replace("newsletters", "newsleters") });
    const { status, results } = json(["--quiet", "."], dir);
    expect(status).toBe(1);
    const byName = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r]));
    expect(byName["w.html"]).toMatchObject({ messages: [], warningCount: 0 });
    expect(ids(byName["raw.html"])).toEqual(["no-unescaped-placeholder"]);
    expect(runCli(["--quiet", "w.html"], { cwd: dir }).stdout).toBe("");
  });
});

describe("--rule", () => {
  it("turns rules off or up, and is repeatable", () => {
    const dir = project({ "bad.html": NO_OPT_OUT, "w.html": WARN_ONLY });
    expect(runCli(["--rule", "require-unsubscribe: off", "bad.html"], { cwd: dir }).status).toBe(0);
    const { status, results } = json(["--rule", "valid-consent-category: error", "--rule", "require-unsubscribe: 0", "."], dir);
    expect(status).toBe(1);
    const w = results.find((r) => r.filePath.endsWith("w.html"))!;
    expect(w.messages.map((m) => [m.ruleId, m.severity])).toEqual([["valid-consent-category", 2]]);
    expect(results.find((r) => r.filePath.endsWith("bad.html"))!.messages).toEqual([]);
  });

  it("accepts options as YAML", () => {
    const dir = project({ "t.html": NO_OPT_OUT.replace("Call us to stop these emails.", '<a href="https://esp.example/x">Abmelden</a>') });
    expect(runCli(["t.html"], { cwd: dir }).status).toBe(1);
    expect(runCli(["--rule", "require-unsubscribe: [error, {linkWords: [abmelden]}]", "t.html"], { cwd: dir }).status).toBe(0);
  });
});

describe("--stdin", () => {
  it("lints standard input as <text>, sniffing the format", () => {
    const { status, results } = json(["--stdin"], tempDir(), RAW);
    expect(status).toBe(1);
    expect(results[0]!.filePath).toBe("<text>");
    expect(ids(results[0])).toEqual(["no-unescaped-placeholder"]);
  });

  it("--stdin-filename picks the format and the nearest config, and names the result", () => {
    const dir = project({ "emails/hipaa-lint.config.json": JSON.stringify({ rules: { "no-unescaped-placeholder": "off" } }) });
    const { status, results } = json(["--stdin", "--stdin-filename", "emails/raw.html"], dir, RAW);
    expect(status).toBe(0);
    expect(results[0]!.filePath).toBe(join(dir, "emails", "raw.html"));
    expect(results[0]!.messages).toEqual([]);
    // Named .md, the input is parsed as Markdown: its [link](url) is the opt-out link.
    const md = "---\nconsentCategory: newsletters\n---\n# Hi\n\n[Unsubscribe]({{unsubscribe_url}})\n";
    expect(json(["--stdin", "--stdin-filename", "x.md"], dir, md).results[0]!.messages).toEqual([]);
  });

  it("--stdin-filename that an ignore file or the config's ignores exclude gets a warning, not a lint", () => {
    const dir = project({ ".hipaalintignore": "drafts/\n", ".hipaalintrc.yaml": "ignores: ['old/**']\n" });
    for (const name of ["drafts/a.html", "old/b.html"]) {
      const { status, results } = json(["--stdin", "--stdin-filename", name], dir, RAW);
      expect(status, name).toBe(0);
      expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.severity, m.message])])).toEqual([
        [join(dir, name), [[null, 1, "File ignored because of a matching ignore pattern."]]],
      ]);
    }
    expect(json(["--stdin", "--stdin-filename", "live/c.html"], dir, RAW).status).toBe(1);
  });

  it("refuses file arguments with --stdin", () => {
    const run = runCli(["--stdin", "a.html"], { cwd: tempDir(), input: CLEAN });
    expect(run.status).toBe(2);
  });
});

describe("--print-config", () => {
  it("prints the effective config of a file, overrides applied", () => {
    const dir = project({
      ".hipaalintrc.yaml": "rules:\n  valid-consent-category: error\noverrides:\n  - files: 'legacy/**'\n    rules:\n      require-unsubscribe: off\nconsentCategories: [a, b]\n",
      "legacy/old.html": CLEAN,
    });
    const run = runCli(["--print-config", "legacy/old.html"], { cwd: dir });
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as { configFile: string; rules: Record<string, { severity: string }>; settings: { consentCategories: string[] } };
    expect(printed.configFile).toBe(join(dir, ".hipaalintrc.yaml"));
    expect(printed.rules["valid-consent-category"]?.severity).toBe("error");
    expect(printed.rules["require-unsubscribe"]?.severity).toBe("off");
    expect(printed.rules["require-consent-category"]?.severity).toBe("error");
    expect(printed.settings.consentCategories).toEqual(["a", "b"]);
  });
});

describe("config discovery and composition", () => {
  it("walks up from each file; the nearest config wins", () => {
    const dir = project({
      "hipaa-lint.config.json": JSON.stringify({ rules: { "require-unsubscribe": "off" } }),
      "a/b/deep.html": NO_OPT_OUT,
      "c/.hipaalintrc.yaml": "rules:\n  require-unsubscribe: warn\n",
      "c/near.html": NO_OPT_OUT,
    });
    const { results } = json(["."], dir);
    const byName = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r]));
    expect(byName["a/b/deep.html"]!.messages).toEqual([]);
    expect(byName["c/near.html"]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([["require-unsubscribe", 1]]);
  });

  it("reads the \"hipaa-lint\" key of package.json", () => {
    const dir = project({ "package.json": JSON.stringify({ name: "x", "hipaa-lint": { rules: { "require-unsubscribe": "off" } } }), "t.html": NO_OPT_OUT });
    expect(runCli(["t.html"], { cwd: dir }).status).toBe(0);
    // A package.json without the key is not a config: defaults apply.
    const plain = project({ "package.json": JSON.stringify({ name: "y" }), "t.html": NO_OPT_OUT });
    expect(runCli(["t.html"], { cwd: plain }).status).toBe(1);
  });

  it("reads JavaScript configs and .hipaalintrc without an extension", () => {
    const mjs = project({ "hipaa-lint.config.mjs": 'export default { rules: { "require-unsubscribe": "off" } };\n', "t.html": NO_OPT_OUT });
    expect(runCli(["t.html"], { cwd: mjs }).status).toBe(0);
    const rc = project({ ".hipaalintrc": '{ "rules": { "require-unsubscribe": "off" } }\n', "t.html": NO_OPT_OUT });
    expect(runCli(["t.html"], { cwd: rc }).status).toBe(0);
  });

  it("--config uses one file for every template, ignoring nearer ones", () => {
    const dir = project({
      "sub/.hipaalintrc.json": JSON.stringify({ rules: { "require-unsubscribe": "off" } }),
      "sub/t.html": NO_OPT_OUT,
      "ci.yaml": "rules:\n  require-unsubscribe: warn\n",
    });
    const { status, results } = json(["--config", "ci.yaml", "sub"], dir);
    expect(status).toBe(0);
    expect(results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([["require-unsubscribe", 1]]);
  });

  it("extends: the strict preset makes every rule an error; extends: [] starts from nothing", () => {
    const strict = project({ ".hipaalintrc.yaml": "extends: hipaa-lint:strict\n", "w.html": WARN_ONLY });
    const s = json(["w.html"], strict);
    expect(s.status).toBe(1);
    // Strict raises the warning to an error, and reports the first name recommended allows.
    expect(s.results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ["valid-consent-category", 2],
      ["no-phi-placeholder", 2],
    ]);

    const empty = project({ ".hipaalintrc.yaml": "extends: []\nrules:\n  no-unescaped-placeholder: error\n", "t.html": "<p>{{{bio}}} no front matter, no link</p>\n" });
    expect(ids(json(["t.html"], empty).results[0])).toEqual(["no-unescaped-placeholder"]);
  });

  it("extends a file: its rules and settings apply, then the extending config's", () => {
    const dir = project({
      "base.yaml": "consentCategories: [newsleters]\nrules:\n  require-unsubscribe: off\n  no-unescaped-placeholder: warn\n",
      "team/.hipaalintrc.yaml": "extends: ../base.yaml\nrules:\n  no-unescaped-placeholder: error\n",
      "team/t.html": RAW.replace("newsletters", "newsleters").replace(/<a href.*<\/a>/, ""),
    });
    const { results } = json(["team/t.html"], dir);
    // The base's category list accepts "newsleters"; its opt-out rule is off; the team raises raw placeholders.
    expect(results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([["no-unescaped-placeholder", 2]]);
  });

  it("overrides apply by glob relative to the config file", () => {
    const dir = project({
      ".hipaalintrc.yaml": "overrides:\n  - files: ['transactional/**']\n    rules:\n      require-unsubscribe: off\n",
      "transactional/receipt.html": NO_OPT_OUT,
      "marketing/promo.html": NO_OPT_OUT,
    });
    const { results } = json(["."], dir);
    const byName = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r]));
    expect(byName["transactional/receipt.html"]!.messages).toEqual([]);
    expect(ids(byName["marketing/promo.html"])).toEqual(["require-unsubscribe"]);
  });

  it("formats and an override's format/excludedFiles change how files are parsed", () => {
    // As Markdown this is an opt-out link; as HTML it is only text.
    const md = "---\nconsentCategory: events\n---\n[Unsubscribe](https://example.org/u)\n";
    const dir = project({ "emails/a.hbs": md, "emails/b.hbs": md });
    expect(json(["emails"], dir).results.map((r) => ids(r))).toEqual([["require-unsubscribe"], ["require-unsubscribe"]]);
    writeFileSync(join(dir, ".hipaalintrc.yaml"), "formats:\n  'emails/*.hbs': markdown\n");
    expect(json(["emails"], dir).status).toBe(0);
    writeFileSync(join(dir, ".hipaalintrc.yaml"), "overrides:\n  - files: 'emails/*.hbs'\n    excludedFiles: emails/b.hbs\n    format: markdown\n");
    const { results } = json(["emails"], dir);
    expect(Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), ids(r)]))).toEqual({ "emails/a.hbs": [], "emails/b.hbs": ["require-unsubscribe"] });
  });

  it("ignores in config drop files from folders and globs", () => {
    const dir = project({ ".hipaalintrc.yaml": "ignores: ['drafts/**']\n", "drafts/wip.html": NO_OPT_OUT, "live.html": CLEAN });
    const { status, results } = json(["."], dir);
    expect(status).toBe(0);
    expect(rel(dir, results)).toEqual(["live.html"]);
    // Named on the command line, an ignored file is not linted but not silently dropped either.
    const named = json(["drafts/wip.html"], dir);
    expect(named.status).toBe(0);
    expect(named.results.map((r) => r.messages)).toEqual([[expect.objectContaining({ ruleId: null, severity: 1, message: expect.stringMatching(/ignored/) })]]);
  });
});

describe("files, folders, globs and ignore files", () => {
  it("folders expand to templates, skipping node_modules, .git, repository docs and other files", () => {
    const dir = project({
      "a.mjml": CLEAN.replace(/<p>.*<\/p>/, '<mjml><mj-body><mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text></mj-body></mjml>'),
      "b.hbs": CLEAN,
      "c.md": "---\nconsentCategory: newsletters\n---\n[Unsubscribe]({{unsubscribe_url}})\n",
      "d.handlebars": CLEAN,
      "e.mjml.hbs": CLEAN,
      "README.md": "# docs",
      "notes.txt": "x",
      "node_modules/pkg/t.html": NO_OPT_OUT,
      ".git/t.html": NO_OPT_OUT,
    });
    const { status, results } = json(["."], dir);
    expect(status).toBe(0);
    expect(rel(dir, results)).toEqual(["a.mjml", "b.hbs", "c.md", "d.handlebars", "e.mjml.hbs"]);
  });

  it("globs are expanded by the CLI", () => {
    const dir = project({ "t/a.html": CLEAN, "t/b.md": "x\n", "t/sub/c.html": CLEAN });
    expect(rel(dir, json(["t/**/*.html"], dir).results)).toEqual(["t/a.html", "t/sub/c.html"]);
  });

  it(".hipaalintignore is honoured; an explicitly named ignored file gets a warning", () => {
    const dir = project({ ".hipaalintignore": "drafts/\n*.old.html\n", "drafts/x.html": NO_OPT_OUT, "y.old.html": NO_OPT_OUT, "z.html": CLEAN });
    const folder = json(["."], dir);
    expect(folder.status).toBe(0);
    expect(rel(dir, folder.results)).toEqual(["z.html"]);

    const named = json(["y.old.html"], dir);
    expect(named.status).toBe(0);
    expect(named.results[0]!.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 1, message: expect.stringMatching(/ignored/) })]);

    // A glob whose every match is ignored is a usage error...
    const allIgnored = runCli(["*.old.html"], { cwd: dir });
    expect(allIgnored.status).toBe(2);
    expect(allIgnored.stderr).toMatch(/ignored/);
    // ...but naming an ignored folder lints it: the user asked for it.
    const namedFolder = json(["drafts"], dir);
    expect(namedFolder.status).toBe(1);
    expect(rel(dir, namedFolder.results)).toEqual(["drafts/x.html"]);
  });

  it("--ignore-path uses another ignore file instead", () => {
    const dir = project({ ".hipaalintignore": "z.html\n", "ci.ignore": "bad.html\n", "bad.html": NO_OPT_OUT, "z.html": CLEAN });
    expect(rel(dir, json(["."], dir).results)).toEqual(["bad.html"]);
    const { status, results } = json(["--ignore-path", "ci.ignore", "."], dir);
    expect(status).toBe(0);
    expect(rel(dir, results)).toEqual(["z.html"]);
  });
});

describe("inline directives", () => {
  const head = "---\nconsentCategory: newsletters\n---\n";
  const link = '<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n';

  it("disable-next-line with a reason, in a Handlebars and in an HTML comment", () => {
    const dir = project({
      "t.html":
        head +
        link +
        "{{!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- sanitized by the CMS --}}\n" +
        "<p>{{{provider.bio}}}</p>\n" +
        "<!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- vetted partial -->\n" +
        "<p>{{{footer.html}}}</p>\n" +
        "<p>{{{message.body}}}</p>\n",
    });
    const { status, results } = json(["t.html"], dir);
    expect(status).toBe(1);
    expect(results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([["no-unescaped-placeholder", 9]]);
    expect(results[0]!.suppressedMessages.map((m) => [m.line, m.suppressions?.[0]?.justification])).toEqual([
      [6, "sanitized by the CMS"],
      [8, "vetted partial"],
    ]);
  });

  it("disable … enable covers the lines between, for the rules named", () => {
    const dir = project({
      "t.hbs":
        head +
        link +
        "{{!-- hipaa-lint-disable no-unescaped-placeholder, valid-consent-category -- legacy block --}}\n" +
        "<p>{{{a.html}}}</p>\n" +
        "<p>{{{b.html}}}</p>\n" +
        "{{!-- hipaa-lint-enable no-unescaped-placeholder --}}\n" +
        "<p>{{{c.html}}}</p>\n",
    });
    const { results } = json(["t.hbs"], dir);
    expect(results[0]!.messages.map((m) => m.line)).toEqual([9]);
    expect(results[0]!.suppressedMessages.map((m) => m.line)).toEqual([6, 7]);
  });

  it("a front-matter # comment can disable a file-level rule", () => {
    const dir = project({ "t.html": "---\n# hipaa-lint-disable require-unsubscribe -- transactional receipt, no marketing\nconsentCategory: newsletters\n---\n<p>Your receipt</p>\n" });
    const { status, results } = json(["t.html"], dir);
    expect(status).toBe(0);
    expect(results[0]!.suppressedMessages.map((m) => m.ruleId)).toEqual(["require-unsubscribe"]);
  });

  it("a directive without a reason still suppresses, but is itself reported", () => {
    const dir = project({ "t.html": head + link + "<!-- hipaa-lint-disable-next-line no-unescaped-placeholder -->\n<p>{{{provider.bio}}}</p>\n" });
    const { status, results } = json(["t.html"], dir);
    expect(status).toBe(1);
    expect(results[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["directive-requires-reason", 5, 1]]);
    expect(results[0]!.suppressedMessages.map((m) => m.ruleId)).toEqual(["no-unescaped-placeholder"]);
  });

  it("--report-unused-disable-directives reports directives that suppress nothing", () => {
    const dir = project({ "t.html": head + link + "{{!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- just in case --}}\n<p>{{escaped}}</p>\n" });
    expect(json(["t.html"], dir).results[0]!.messages).toEqual([]);
    const { status, results } = json(["--report-unused-disable-directives", "t.html"], dir);
    expect(status).toBe(0);
    expect(results[0]!.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 1, line: 5, message: expect.stringMatching(/Unused hipaa-lint-disable-next-line.*no-unescaped-placeholder/) })]);
  });
});

describe("progress on a terminal", () => {
  // util-linux `script` gives the CLI a real terminal for stderr.
  const hasScript = spawnSync("script", ["--version"]).status === 0;

  it.skipIf(!hasScript)("shows done/total on stderr for many files, reaching the total even when the config ignores some", () => {
    const files: Record<string, string> = { ".hipaalintrc.yaml": "ignores: ['t1*.html']\n" };
    for (let i = 1; i <= 55; i++) files[`t${i}.html`] = CLEAN;
    const dir = project(files);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --format json . > out.json`;
    const tty = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const screen = tty.stdout.replace(/\r/g, "\n");
    expect(screen).toMatch(/hipaa-lint: 1\/55 templates/);
    expect(screen).toMatch(/hipaa-lint: 55\/55 templates\n/);
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8"))).toHaveLength(44);
    // Off a terminal: no progress line.
    expect(runCli(["."], { cwd: dir }).stderr).toBe("");
  });
});
