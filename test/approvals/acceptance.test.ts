import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { runCli, tempDir } from "../helpers.js";
import { APPROVALS, SUBJECT_TEMPLATE, APPROVE, lintJson, readApprovals, edit, E2E_TIMEOUT, pinRules } from "./fixtures.js";

// End to end: the built CLI as a subprocess, on temporary folders with no git.

describe("hipaa-lint approve: a finding in the subject line", { timeout: E2E_TIMEOUT }, () => {
  let dir: string;
  let template: string;
  beforeEach(() => {
    dir = tempDir("hipaa-lint-approvals-");
    pinRules(dir);
    template = join(dir, "visit-summary.mjml");
    writeFileSync(template, SUBJECT_TEMPLATE);
  });

  it("fails, then passes once approved, with the finding in suppressedMessages and SARIF", () => {
    const before = lintJson(dir, ["visit-summary.mjml"]);
    expect(before.status).toBe(1);
    expect(before.results[0]!.messages.map((m) => m.ruleId)).toEqual(["no-unescaped-placeholder"]);

    const approve = runCli([...APPROVE, "visit-summary.mjml"], { cwd: dir });
    expect(approve.stderr).toBe("");
    expect(approve.status).toBe(0);
    expect(approve.stdout).toContain("Approved 1 finding");

    const stored = readApprovals(dir);
    expect(stored.version).toBe(1);
    expect(stored.approvals).toEqual([
      {
        file: "visit-summary.mjml",
        ruleId: "no-unescaped-placeholder",
        surface: "front-matter",
        fingerprint: before.results[0]!.messages[0]!.fingerprint,
        text: "{{{visit.summaryHtml}}}",
        reviewer: "Dana Reyes (Privacy Office)",
        reason: "Summary HTML is sanitized by the EHR export",
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        expires: null,
      },
    ]);
    const date = stored.approvals[0]!.date as string;

    const after = lintJson(dir, ["visit-summary.mjml"]);
    expect(after.status).toBe(0);
    const result = after.results[0]!;
    expect(result.messages).toEqual([]);
    expect(result.errorCount).toBe(0);
    expect(result.suppressedMessages).toHaveLength(1);
    expect(result.suppressedMessages[0]).toMatchObject({
      ruleId: "no-unescaped-placeholder",
      severity: 2,
      suppressions: [{ kind: "external", justification: `Summary HTML is sanitized by the EHR export — approved by Dana Reyes (Privacy Office) on ${date}` }],
    });

    const sarif = runCli(["--format", "sarif", "visit-summary.mjml"], { cwd: dir });
    expect(sarif.status).toBe(0);
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; suppressions?: unknown[] }[];
    expect(results).toHaveLength(1);
    expect(results[0]!.ruleId).toBe("no-unescaped-placeholder");
    expect(results[0]!.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: `Summary HTML is sanitized by the EHR export — approved by Dana Reyes (Privacy Office) on ${date}` },
    ]);
  });

  it("fails again when the subject is edited, and reports the approval as stale", () => {
    expect(runCli([...APPROVE, "visit-summary.mjml"], { cwd: dir }).status).toBe(0);
    edit(template, "is ready", "is ready to read");

    const run = lintJson(dir, ["visit-summary.mjml"]);
    expect(run.status).toBe(1);
    const messages = run.results[0]!.messages;
    expect(messages.find((m) => m.ruleId === "no-unescaped-placeholder")).toMatchObject({ severity: 2, line: 2 });
    const stale = messages.find((m) => m.ruleId === null);
    expect(stale?.severity).toBe(1);
    expect(stale?.message).toMatch(/^Stale approval in hipaa-lint\.approvals\.json: Dana Reyes \(Privacy Office\) approved no-unescaped-placeholder/);
    expect(stale?.message).toContain("approvals prune");
    expect(run.results[0]!.suppressedMessages).toEqual([]);
  });

  it("stays approved when an unrelated paragraph is edited or lines move", () => {
    expect(runCli([...APPROVE, "visit-summary.mjml"], { cwd: dir }).status).toBe(0);
    edit(template, "Your care team has posted a summary of your last visit.", "Your care team has posted a new summary.</mj-text>\n        <mj-text>Questions? Call the clinic.");
    edit(template, "consentCategory: appointment-reminders", "# reviewed by the privacy office\nconsentCategory: appointment-reminders");

    const run = lintJson(dir, ["visit-summary.mjml"]);
    expect(run.status).toBe(0);
    expect(run.results[0]!.messages).toEqual([]);
    expect(run.results[0]!.suppressedMessages).toHaveLength(1);
  });

  it("fails when the approval has expired, saying so", () => {
    expect(runCli([...APPROVE, "visit-summary.mjml", "--expires", "2999-12-31"], { cwd: dir }).status).toBe(0);
    expect(lintJson(dir, ["visit-summary.mjml"]).status).toBe(0);

    // Time passes: the approval's last day is behind us.
    const stored = readApprovals(dir);
    expect(stored.approvals[0]!.expires).toBe("2999-12-31");
    stored.approvals[0]!.date = "2020-01-02";
    stored.approvals[0]!.expires = "2020-03-31";
    writeFileSync(join(dir, APPROVALS), JSON.stringify(stored, null, 2));

    const run = lintJson(dir, ["visit-summary.mjml"]);
    expect(run.status).toBe(1);
    const [finding, ...rest] = run.results[0]!.messages;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "no-unescaped-placeholder", severity: 2 });
    expect(finding!.message).toContain("The approval by Dana Reyes (Privacy Office) on 2020-01-02 expired on 2020-03-31");
    expect(run.results[0]!.suppressedMessages).toEqual([]);

    const stylish = runCli(["visit-summary.mjml"], { cwd: dir });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain("expired on 2020-03-31");

    // Approving it again renews the approval in place.
    const renew = runCli([...APPROVE, "visit-summary.mjml", "--expires", "2999-06-30"], { cwd: dir });
    expect(renew.status).toBe(0);
    expect(readApprovals(dir).approvals).toMatchObject([{ date: expect.not.stringMatching(/^2020-/), expires: "2999-06-30" }]);
    expect(lintJson(dir, ["visit-summary.mjml"]).status).toBe(0);
  });

  it("exits 2 on a corrupted approvals file, naming the entry and key", () => {
    expect(runCli([...APPROVE, "visit-summary.mjml"], { cwd: dir }).status).toBe(0);
    const stored = readApprovals(dir);
    stored.approvals.push({ ...stored.approvals[0], file: "other.mjml", reviewer: "" });
    writeFileSync(join(dir, APPROVALS), JSON.stringify(stored, null, 2));

    const run = runCli(["visit-summary.mjml"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("invalid approvals file");
    expect(run.stderr).toContain("approvals[1].reviewer");
    expect(run.stderr).toContain("other.mjml");

    // Not JSON at all: the position is named.
    writeFileSync(join(dir, APPROVALS), '{ "version": 1, "approvals": [ { "file": "visit-summary.mjml", } ] }');
    const broken = runCli(["visit-summary.mjml"], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/hipaa-lint\.approvals\.json: 1:\d+: invalid JSON/);

    // list and approve refuse it too, and approve leaves it as it was.
    expect(runCli(["approvals", "list"], { cwd: dir }).status).toBe(2);
    expect(runCli([...APPROVE, "visit-summary.mjml"], { cwd: dir }).status).toBe(2);
    expect(readFileSync(join(dir, APPROVALS), "utf8")).toContain('"file": "visit-summary.mjml", }');
  });

  it.skipIf(!allRules.some((r) => r.meta.id === "no-condition-in-subject"))(
    "a condition in the subject: fails, passes once approved, fails again and reports the approval stale when the subject changes",
    () => {
      pinRules(dir, { "no-condition-in-subject": "error" });
      const path = join(dir, "diabetes-update.mjml");
      writeFileSync(
        path,
        SUBJECT_TEMPLATE.replace('subject: "Your visit summary {{{visit.summaryHtml}}} is ready"', 'subject: "New tips for managing your diabetes"').replace(
          "consentCategory: appointment-reminders",
          "consentCategory: condition-specific-updates",
        ),
      );
      const before = lintJson(dir, ["diabetes-update.mjml"]);
      expect(before.status).toBe(1);
      expect(before.results[0]!.messages.some((m) => m.ruleId === "no-condition-in-subject")).toBe(true);

      expect(runCli([...APPROVE, "diabetes-update.mjml"], { cwd: dir }).status).toBe(0);
      const after = lintJson(dir, ["diabetes-update.mjml"]);
      expect(after.status).toBe(0);
      expect(after.results[0]!.suppressedMessages.some((m) => m.ruleId === "no-condition-in-subject" && m.suppressions?.[0]?.kind === "external")).toBe(true);
      const sarif = JSON.parse(runCli(["--format", "sarif", "diabetes-update.mjml"], { cwd: dir }).stdout);
      const approved = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "no-condition-in-subject");
      expect(approved.suppressions).toEqual([{ kind: "external", status: "accepted", justification: expect.stringContaining("approved by Dana Reyes (Privacy Office) on ") }]);

      edit(path, "Your care team has posted a summary of your last visit.", "Your care team wrote to you.");
      expect(lintJson(dir, ["diabetes-update.mjml"]).status).toBe(0);

      // Once expired, it fails again, saying so.
      const stored = readApprovals(dir);
      writeFileSync(join(dir, APPROVALS), JSON.stringify({ ...stored, approvals: stored.approvals.map((x) => ({ ...x, expires: "2021-01-01" })) }));
      const expired = lintJson(dir, ["diabetes-update.mjml"]);
      expect(expired.status).toBe(1);
      expect(expired.results[0]!.messages.find((m) => m.ruleId === "no-condition-in-subject")?.message).toContain("expired on 2021-01-01");
      writeFileSync(join(dir, APPROVALS), JSON.stringify(stored));

      edit(path, "New tips for managing your diabetes", "New tips for managing your diabetes this winter");
      const edited = lintJson(dir, ["diabetes-update.mjml"]);
      expect(edited.status).toBe(1);
      expect(edited.results[0]!.messages.some((m) => m.ruleId === "no-condition-in-subject")).toBe(true);
      expect(edited.results[0]!.messages.some((m) => m.ruleId === null && m.message.startsWith("Stale approval"))).toBe(true);
    },
  );
});
