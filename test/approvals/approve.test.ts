import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";
import { APPROVALS, SUBJECT_TEMPLATE, BODY_TEMPLATE, APPROVE, lintJson, readApprovals, edit, E2E_TIMEOUT, pinRules } from "./fixtures.js";

// End to end: the built CLI as a subprocess, on temporary folders with no git.

describe("hipaa-lint approve: body findings, file-level findings, filters", { timeout: E2E_TIMEOUT }, () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir("hipaa-lint-approvals-");
    pinRules(dir);
  });

  it("keeps a body approval across edits elsewhere and voids it when its paragraph changes", () => {
    const path = join(dir, "note.mjml");
    writeFileSync(path, BODY_TEMPLATE);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: dir }).status).toBe(0);

    edit(path, "See you at the clinic.", "See you soon at the Elm Street clinic.");
    edit(path, "A note from your care team", "A new note from your care team");
    expect(lintJson(dir, ["note.mjml"]).status).toBe(0);

    edit(path, "Here is your note:", "Here is your latest note:");
    const run = lintJson(dir, ["note.mjml"]);
    expect(run.status).toBe(1);
    expect(run.results[0]!.messages.map((m) => m.ruleId)).toEqual([null, "no-unescaped-placeholder"]);
  });

  it("approves a file-level finding (a missing unsubscribe link) by rule alone", () => {
    const path = join(dir, "receipt.mjml");
    writeFileSync(path, BODY_TEMPLATE.replace('        <mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text>\n', ""));
    const before = lintJson(dir, ["receipt.mjml"]);
    expect(before.results[0]!.messages.map((m) => m.ruleId).sort()).toEqual(["no-unescaped-placeholder", "require-unsubscribe"]);

    const approve = runCli([...APPROVE, "receipt.mjml", "--rule", "require-unsubscribe"], { cwd: dir });
    expect(approve.status).toBe(0);
    expect(readApprovals(dir).approvals).toMatchObject([{ file: "receipt.mjml", ruleId: "require-unsubscribe", surface: "file", text: null }]);

    const after = lintJson(dir, ["receipt.mjml"]);
    expect(after.status).toBe(1);
    expect(after.results[0]!.messages.map((m) => m.ruleId)).toEqual(["no-unescaped-placeholder"]);
    expect(after.results[0]!.suppressedMessages.map((m) => m.ruleId)).toEqual(["require-unsubscribe"]);

    // Any edit keeps it: nothing to compare but the rule.
    edit(path, "See you at the clinic.", "Thanks for your payment.");
    expect(lintJson(dir, ["receipt.mjml"]).results[0]!.suppressedMessages.map((m) => m.ruleId)).toEqual(["require-unsubscribe"]);
  });

  it("approves only the finding on --line, and refuses filters that match nothing", () => {
    const path = join(dir, "two.mjml");
    writeFileSync(path, BODY_TEMPLATE.replace("See you at the clinic.", "Plan: {{{plan.detailsHtml}}}"));
    const first = lintJson(dir, ["two.mjml"]).results[0]!.messages;
    expect(first.map((m) => m.line)).toEqual([10, 11]);

    expect(runCli([...APPROVE, "two.mjml", "--line", "11"], { cwd: dir }).status).toBe(0);
    expect(readApprovals(dir).approvals).toMatchObject([{ text: "{{{plan.detailsHtml}}}" }]);
    expect(lintJson(dir, ["two.mjml"]).results[0]!.messages.map((m) => m.line)).toEqual([10]);

    const none = runCli([...APPROVE, "two.mjml", "--line", "3"], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("nothing approved");
    const unknownRule = runCli([...APPROVE, "two.mjml", "--rule", "require-unsubscribe-link"], { cwd: dir });
    expect(unknownRule.status).toBe(2);
    expect(unknownRule.stderr).toContain('did you mean "require-unsubscribe"');
  });

  it("records one approval for identical findings in identical paragraphs, covering both", () => {
    const paragraph = "<mj-text>Here is your note: {{{patient.noteHtml}}}</mj-text>";
    writeFileSync(join(dir, "twice.mjml"), BODY_TEMPLATE.replace("<mj-text>See you at the clinic.</mj-text>", paragraph));
    expect(lintJson(dir, ["twice.mjml"]).results[0]!.messages).toHaveLength(2);
    expect(runCli([...APPROVE, "twice.mjml"], { cwd: dir }).status).toBe(0);
    expect(readApprovals(dir).approvals).toHaveLength(1);
    const after = lintJson(dir, ["twice.mjml"]);
    expect(after.status).toBe(0);
    expect(after.results[0]!.suppressedMessages).toHaveLength(2);
  });

  it("requires a reviewer and a reason, and a future expiry date", () => {
    writeFileSync(join(dir, "note.mjml"), BODY_TEMPLATE);
    const noReviewer = runCli(["approve", "note.mjml", "--reason", "ok"], { cwd: dir });
    expect(noReviewer.status).toBe(2);
    expect(noReviewer.stderr).toContain("--reviewer");
    const noReason = runCli(["approve", "note.mjml", "--reviewer", "Dana"], { cwd: dir });
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toContain("--reason");
    expect(runCli([...APPROVE, "note.mjml", "--expires", "2020-01-01"], { cwd: dir }).stderr).toContain("already past");
    expect(runCli([...APPROVE, "note.mjml", "--expires", "2030-02-30"], { cwd: dir }).stderr).toContain("expected a date");
    expect(existsSync(join(dir, APPROVALS))).toBe(false);
  });

  it("applies approvals to --stdin with --stdin-filename, and leaves approved findings alone on a second approve", () => {
    writeFileSync(join(dir, "note.mjml"), BODY_TEMPLATE);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: dir }).status).toBe(0);
    const again = runCli(["approve", "note.mjml", "--reviewer", "Someone Else", "--reason", "again"], { cwd: dir });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("No unapproved findings (1 finding already approved); nothing approved.");
    expect(readApprovals(dir).approvals).toMatchObject([{ reviewer: "Dana Reyes (Privacy Office)" }]);

    const stdin = runCli(["--format", "json", "--stdin", "--stdin-filename", "note.mjml"], { cwd: dir, input: BODY_TEMPLATE });
    expect(stdin.status).toBe(0);
    expect(JSON.parse(stdin.stdout)[0].suppressedMessages).toHaveLength(1);
    const changed = runCli(["--stdin", "--stdin-filename", "note.mjml"], { cwd: dir, input: BODY_TEMPLATE.replace("Here is", "Here's") });
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain("Stale approval");
  });

  it("does not count approved warnings towards --max-warnings", () => {
    pinRules(dir, { "no-unescaped-placeholder": "warn" });
    writeFileSync(join(dir, "note.mjml"), BODY_TEMPLATE);
    expect(runCli(["--max-warnings", "0", "note.mjml"], { cwd: dir }).status).toBe(1);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: dir }).status).toBe(0);
    const run = runCli(["--max-warnings", "0", "note.mjml"], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("1 finding approved by reviewers (--show-approved to list)");
    expect(run.stdout).not.toContain("patient.noteHtml");

    const shown = runCli(["--show-approved", "note.mjml"], { cwd: dir });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/10:\d+\s+approved\s+`\{\{\{patient\.noteHtml\}\}\}`/);
    expect(shown.stdout).toContain("approved by Dana Reyes (Privacy Office) on");
  });

  it("reports a stale approval as a warning, and fails on it with --fail-on-stale-approvals", () => {
    const path = join(dir, "note.mjml");
    writeFileSync(path, BODY_TEMPLATE);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: dir }).status).toBe(0);
    edit(path, "{{{patient.noteHtml}}}", "{{patient.noteSummary}}");

    const lenient = lintJson(dir, ["note.mjml"]);
    expect(lenient.status).toBe(0);
    expect(lenient.results[0]!.messages).toMatchObject([{ ruleId: null, severity: 1, line: 1 }]);
    const strict = lintJson(dir, ["--fail-on-stale-approvals", "note.mjml"]);
    expect(strict.status).toBe(1);
    expect(strict.results[0]!.messages).toMatchObject([{ ruleId: null, severity: 2 }]);

    const sarif = JSON.parse(runCli(["--format", "sarif", "note.mjml"], { cwd: dir }).stdout);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^Stale approval/);
  });

  it("lists approvals and prunes the stale ones, keeping the file sorted", () => {
    writeFileSync(join(dir, "b-note.mjml"), BODY_TEMPLATE);
    writeFileSync(join(dir, "a-visit.mjml"), SUBJECT_TEMPLATE);
    writeFileSync(join(dir, "c-gone.mjml"), BODY_TEMPLATE);
    expect(runCli([...APPROVE, "b-note.mjml", "c-gone.mjml", "--expires", "2999-01-31"], { cwd: dir }).status).toBe(0);
    expect(runCli(["approve", "a-visit.mjml", "--reviewer", "Sam Ortiz", "--reason", "Approved by counsel"], { cwd: dir }).status).toBe(0);
    expect(readApprovals(dir).approvals.map((a) => a.file)).toEqual(["a-visit.mjml", "b-note.mjml", "c-gone.mjml"]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const list = runCli(["approvals", "list"], { cwd: dir });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain("a-visit.mjml\n  no-unescaped-placeholder (front-matter): {{{visit.summaryHtml}}}");
    expect(list.stdout).toMatch(/approved by Sam Ortiz on \d{4}-\d{2}-\d{2}, no expiry\n {4}reason: Approved by counsel/);
    expect(list.stdout).toContain("expires 2999-01-31");
    expect(list.stdout).toContain("3 approvals in hipaa-lint.approvals.json");
    const listJson = JSON.parse(runCli(["approvals", "list", "--format", "json"], { cwd: dir }).stdout);
    expect(listJson.approvals.map((a: { status: string }) => a.status)).toEqual(["active", "active", "active"]);

    edit(join(dir, "b-note.mjml"), "Here is your note:", "Your note:");
    rmSync(join(dir, "c-gone.mjml"));

    const dry = runCli(["approvals", "prune", "--dry-run"], { cwd: dir });
    expect(dry.stdout).toContain("Would remove 2 stale approvals");
    expect(readApprovals(dir).approvals).toHaveLength(3);
    const prune = runCli(["approvals", "prune"], { cwd: dir });
    expect(prune.status).toBe(0);
    expect(prune.stdout).toContain("Removed 2 stale approvals");
    expect(readApprovals(dir).approvals.map((a) => a.file)).toEqual(["a-visit.mjml"]);
    expect(runCli(["approvals", "prune"], { cwd: dir }).stdout).toContain("No stale approvals");
  });
});
