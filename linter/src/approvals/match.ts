import { makeResult, type LintMessage, type LintResult } from "../result.js";
import { isExpired } from "./dates.js";
import type { ApprovalCore } from "./schema.js";

/** The key a finding and its approval share within one file. */
export const findingKey = (ruleId: string, fingerprint: string) => `${ruleId}\u0000${fingerprint}`;

/** Whether a message is a finding an approval can cover: a rule's, not fatal, fingerprinted. */
export function isApprovable(m: LintMessage): m is LintMessage & { ruleId: string; fingerprint: string } {
  return m.ruleId !== null && !m.fatal && typeof m.fingerprint === "string";
}

/** The suppression justification: `<reason> — approved by <reviewer> on <date>`. */
export function justificationOf(approval: ApprovalCore): string {
  return `${approval.reason} — approved by ${approval.reviewer} on ${approval.date}`;
}

export interface ApplyApprovalsOptions {
  /** `YYYY-MM-DD` (UTC): approvals that expired before it count again. */
  today: string;
  /** Rules enabled for this file; an approval for a rule that is off is not stale (it cannot match). */
  enabledRules: ReadonlySet<string>;
  /** Report stale approvals as errors (`--fail-on-stale-approvals`) instead of warnings. */
  failOnStale: boolean;
  /** How stale-approval messages name the approvals file. */
  approvalsFileLabel: string;
}

export interface AppliedApprovals<A extends ApprovalCore = ApprovalCore> {
  result: LintResult;
  /** Approvals that matched a finding and suppressed it. */
  used: A[];
  /** Approvals that matched a finding but have expired. */
  expired: A[];
  /** Approvals that match no finding any more. */
  stale: A[];
}

/**
 * Approvals that match no finding of the result: the approved text changed
 * or the problem was fixed. Findings an inline directive suppressed still
 * exist, so their approvals are not stale. A template that could not be
 * parsed has no findings to compare, so nothing is stale.
 */
export function staleApprovals<A extends ApprovalCore>(approvals: readonly A[], result: LintResult, enabledRules: ReadonlySet<string>): A[] {
  if (result.fatalErrorCount > 0) return [];
  const present = new Set<string>();
  for (const m of [...result.messages, ...result.suppressedMessages]) {
    if (isApprovable(m)) present.add(findingKey(m.ruleId, m.fingerprint));
  }
  return approvals.filter((a) => enabledRules.has(a.ruleId) && !present.has(findingKey(a.ruleId, a.fingerprint)));
}

function expiredNote(a: ApprovalCore): string {
  return ` (The approval by ${a.reviewer} on ${a.date} expired on ${a.expires}: fix this, or have it reviewed again with \`hipaa-lint approve\`.)`;
}

function staleMessage(a: ApprovalCore, options: ApplyApprovalsOptions): LintMessage {
  const text = a.text && a.text.length > 80 ? `${a.text.slice(0, 77)}...` : a.text;
  const what = a.surface === "file" || !text ? "for this file" : `on "${text}" in the ${a.surface}`;
  return {
    ruleId: null,
    severity: options.failOnStale ? 2 : 1,
    message:
      `Stale approval in ${options.approvalsFileLabel}: ${a.reviewer} approved ${a.ruleId} ${what} (${a.date}), ` +
      "but no such finding remains: the approved text changed or was fixed. Review any new finding, then run `hipaa-lint approvals prune`.",
    line: 1,
    column: 1,
  };
}

function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? "").localeCompare(b.ruleId ?? "");
}

/**
 * Applies one file's approvals to its lint result: approved findings move to
 * `suppressedMessages` with an external suppression (so they count towards
 * neither the exit code nor `--max-warnings`); findings whose approval
 * expired stay, with a note saying so; stale approvals become messages with
 * a null rule id (warnings, or errors with `failOnStale`).
 */
export function applyApprovals<A extends ApprovalCore>(result: LintResult, approvals: readonly A[], options: ApplyApprovalsOptions): AppliedApprovals<A> {
  if (!approvals.length) return { result, used: [], expired: [], stale: [] };
  const byKey = new Map(approvals.map((a) => [findingKey(a.ruleId, a.fingerprint), a]));
  const used = new Set<A>();
  const expired = new Set<A>();
  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [...result.suppressedMessages];
  for (const m of result.messages) {
    const approval = isApprovable(m) ? byKey.get(findingKey(m.ruleId, m.fingerprint)) : undefined;
    if (!approval) messages.push(m);
    else if (isExpired(approval.expires, options.today)) {
      expired.add(approval);
      messages.push({ ...m, message: m.message.replace(/\s+$/, "") + expiredNote(approval) });
    } else {
      used.add(approval);
      suppressed.push({ ...m, suppressions: [{ kind: "external", justification: justificationOf(approval) }] });
    }
  }
  const stale = staleApprovals(approvals, result, options.enabledRules);
  messages.push(...stale.map((a) => staleMessage(a, options)));
  const counted = makeResult(result.filePath, messages.sort(byPosition), suppressed.sort(byPosition));
  return {
    result: {
      ...result,
      messages: counted.messages,
      suppressedMessages: counted.suppressedMessages,
      errorCount: counted.errorCount,
      warningCount: counted.warningCount,
      fatalErrorCount: counted.fatalErrorCount,
    },
    used: [...used],
    expired: [...expired],
    stale,
  };
}
