import { describe, expect, it } from "vitest";
import { isCalendarDate, isExpired } from "../../linter/src/approvals/dates.js";
import { applyApprovals, justificationOf, staleApprovals, type ApplyApprovalsOptions } from "../../linter/src/approvals/match.js";
import type { FileApproval } from "../../linter/src/approvals/schema.js";
import { makeResult, type LintMessage } from "../../linter/src/result.js";

// Matching approvals to findings, expiry and stale detection, on plain results.

const FP_A = "a".repeat(32);
const FP_B = "b".repeat(32);
const FP_C = "c".repeat(32);

function finding(ruleId: string, fingerprint: string, line: number, severity: 1 | 2 = 2): LintMessage {
  return { ruleId, severity, message: `${ruleId} problem.`, line, column: 1, surface: "body", fingerprint };
}

function approval(ruleId: string, fingerprint: string, extra: Partial<FileApproval> = {}): FileApproval {
  return { file: "t.mjml", ruleId, surface: "body", fingerprint, text: "{{{x}}}", reviewer: "Dana", reason: "Sanitized", date: "2026-01-10", expires: null, ...extra };
}

const options: ApplyApprovalsOptions = {
  today: "2026-06-01",
  enabledRules: new Set(["no-unescaped-placeholder", "require-unsubscribe"]),
  failOnStale: false,
  approvalsFileLabel: "hipaa-lint.approvals.json",
};

describe("applyApprovals", () => {
  it("moves approved findings to suppressedMessages with an external suppression and recounts", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3), finding("no-unescaped-placeholder", FP_B, 5, 1)]);
    const applied = applyApprovals(result, [approval("no-unescaped-placeholder", FP_A)], options);
    expect(applied.result.messages.map((m) => m.fingerprint)).toEqual([FP_B]);
    expect(applied.result.errorCount).toBe(0);
    expect(applied.result.warningCount).toBe(1);
    expect(applied.result.suppressedMessages).toEqual([
      { ...finding("no-unescaped-placeholder", FP_A, 3), suppressions: [{ kind: "external", justification: "Sanitized — approved by Dana on 2026-01-10" }] },
    ]);
    expect(applied.used).toHaveLength(1);
    expect(applied.stale).toEqual([]);
  });

  it("matches on rule and fingerprint together", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3)]);
    const applied = applyApprovals(result, [approval("require-unsubscribe", FP_A)], options);
    expect(applied.result.messages.map((m) => m.ruleId)).toEqual([null, "no-unescaped-placeholder"]);
    expect(applied.stale).toHaveLength(1);
  });

  it("keeps findings whose approval expired, with a note, and does not call them stale", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3)]);
    const applied = applyApprovals(result, [approval("no-unescaped-placeholder", FP_A, { expires: "2026-05-31" })], options);
    expect(applied.result.errorCount).toBe(1);
    expect(applied.result.messages[0]!.message).toBe(
      "no-unescaped-placeholder problem. (The approval by Dana on 2026-01-10 expired on 2026-05-31: fix this, or have it reviewed again with `hipaa-lint approve`.)",
    );
    expect(applied.expired).toHaveLength(1);
    expect(applied.stale).toEqual([]);
  });

  it("holds an approval through its expiry day", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3)]);
    const applied = applyApprovals(result, [approval("no-unescaped-placeholder", FP_A, { expires: "2026-06-01" })], options);
    expect(applied.result.messages).toEqual([]);
  });

  it("reports stale approvals as null-rule warnings, or errors with failOnStale", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3)]);
    const stale = [approval("no-unescaped-placeholder", FP_C, { text: "{{{old.field}}}" })];
    const lenient = applyApprovals(result, stale, options).result;
    expect(lenient.messages[0]).toMatchObject({ ruleId: null, severity: 1, line: 1, column: 1 });
    expect(lenient.messages[0]!.message).toBe(
      'Stale approval in hipaa-lint.approvals.json: Dana approved no-unescaped-placeholder on "{{{old.field}}}" in the body (2026-01-10), ' +
        "but no such finding remains: the approved text changed or was fixed. Review any new finding, then run `hipaa-lint approvals prune`.",
    );
    expect(lenient.warningCount).toBe(1);
    const strict = applyApprovals(result, stale, { ...options, failOnStale: true }).result;
    expect(strict.messages[0]).toMatchObject({ ruleId: null, severity: 2 });
    expect(strict.errorCount).toBe(2);
  });

  it("returns the result untouched when the file has no approvals", () => {
    const result = makeResult("/t.mjml", [finding("no-unescaped-placeholder", FP_A, 3)]);
    expect(applyApprovals(result, [], options).result).toBe(result);
  });

  it("leaves fatal messages and directive suppressions alone", () => {
    const directive: LintMessage = { ...finding("no-unescaped-placeholder", FP_B, 4), suppressions: [{ kind: "directive", justification: "layout slot" }] };
    const fatal: LintMessage = { ruleId: "no-unescaped-placeholder", fatal: true, severity: 2, message: "Rule failed", line: 1, column: 1, fingerprint: FP_A };
    const result = makeResult("/t.mjml", [fatal], [directive]);
    const applied = applyApprovals(result, [approval("no-unescaped-placeholder", FP_A), approval("no-unescaped-placeholder", FP_B)], options);
    expect(applied.result.messages).toEqual([fatal]);
    expect(applied.result.suppressedMessages).toEqual([directive]);
    // A fatal result has nothing to compare: no approval is called stale.
    expect(applied.stale).toEqual([]);
  });
});

describe("staleApprovals", () => {
  it("does not count approvals of findings an inline directive now suppresses", () => {
    const directive: LintMessage = { ...finding("no-unescaped-placeholder", FP_B, 4), suppressions: [{ kind: "directive", justification: "" }] };
    const result = makeResult("/t.mjml", [], [directive]);
    expect(staleApprovals([approval("no-unescaped-placeholder", FP_B)], result, options.enabledRules)).toEqual([]);
  });

  it("does not judge approvals for rules that are off", () => {
    const result = makeResult("/t.mjml", []);
    const approvals = [approval("no-unescaped-placeholder", FP_A), approval("some-removed-rule", FP_B)];
    expect(staleApprovals(approvals, result, new Set(["no-unescaped-placeholder"])).map((a) => a.ruleId)).toEqual(["no-unescaped-placeholder"]);
  });
});

describe("dates", () => {
  it("accepts real calendar days only", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isCalendarDate("2026-01-01T00:00")).toBe(false);
  });

  it("expires the day after the expiry date", () => {
    expect(isExpired(null, "2030-01-01")).toBe(false);
    expect(isExpired("2026-06-01", "2026-06-01")).toBe(false);
    expect(isExpired("2026-06-01", "2026-06-02")).toBe(true);
  });

  it("writes the justification as reason, reviewer and date", () => {
    expect(justificationOf(approval("r", FP_A))).toBe("Sanitized — approved by Dana on 2026-01-10");
  });
});
