import { relative } from "node:path";
import pc from "picocolors";
import type { LintMessage } from "../result.js";
import type { Formatter } from "./index.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The human report: file, line:column, severity, message, rule id; a summary. */
const stylish: Formatter = (results, { cwd, color, showSuppressed, maxWarningsExceeded }) => {
  const c = pc.createColors(color);
  let errors = 0;
  let warnings = 0;
  let approved = 0;
  const out: string[] = [];
  for (const result of results) {
    const shown: (LintMessage & { approved?: boolean })[] = [...result.messages];
    // Findings a reviewer approved (inline directives are the template's own business).
    const approvedHere = result.suppressedMessages.filter((m) => m.suppressions?.some((s) => s.kind === "external"));
    if (showSuppressed) {
      for (const m of approvedHere) shown.push({ ...m, approved: true });
      shown.sort((a, b) => a.line - b.line || a.column - b.column);
    }
    approved += approvedHere.length;
    errors += result.errorCount;
    warnings += result.warningCount;
    if (!shown.length) continue;
    out.push("", c.underline(relative(cwd, result.filePath) || result.filePath));
    const rows = shown.map((m) => {
      const severity = m.approved ? c.green("approved") : m.severity === 2 ? c.red("error") : c.yellow("warning");
      const suggestion = m.suggestions?.[0] ? c.dim(` Suggestion: ${m.suggestions[0].desc}`) : "";
      const justification = m.approved && m.suppressions?.[0]?.justification ? c.dim(` (${m.suppressions[0].justification})`) : "";
      return [c.dim(`${m.line}:${m.column}`), severity, m.message.trimEnd() + suggestion + justification, c.dim(m.ruleId ?? "")];
    });
    const width0 = Math.max(...rows.map((r) => stripAnsi(r[0]!).length));
    const width1 = Math.max(...rows.map((r) => stripAnsi(r[1]!).length));
    for (const r of rows) {
      out.push(`  ${pad(r[0]!, width0)}  ${pad(r[1]!, width1)}  ${r[2]}  ${r[3]}`);
    }
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
    out.push("", (errors ? c.red : c.yellow)(c.bold(summary)));
  }
  if (approved > 0) out.push(c.green(`${plural(approved, "finding")} approved by reviewers${showSuppressed ? "" : " (--show-approved to list)"}`));
  if (maxWarningsExceeded) {
    out.push(c.red(`hipaa-lint found too many warnings (maximum: ${maxWarningsExceeded.maxWarnings}).`));
  }
  return out.length ? `${out.join("\n")}\n` : "";
};

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, "");
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - stripAnsi(s).length));
}

export default stylish;
