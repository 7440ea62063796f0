import { allRules } from "../../rules/index.js";
import { fingerprintOf } from "./approvals/fingerprint.js";
import { applyDirectives, parseDirectives } from "./directives.js";
import type { EffectiveConfig } from "./config/load.js";
import type { TemplateFormat, TemplateModel } from "./model.js";
import { parseTemplate, TemplateParseError } from "./parse/index.js";
import { fatalResult, makeResult, type LintMessage, type LintResult } from "./result.js";
import type { Report, Rule } from "./rule-api.js";

export interface LintTemplateOptions {
  filePath?: string;
  format?: TemplateFormat | null;
  reportUnusedDisableDirectives?: boolean;
  rules?: readonly Rule[];
}

/** A stable id of a finding for approvals: rule, surface, flagged text and its enclosing node, not its line. */
export { fingerprintOf };

const FILE_SCOPE_RULES = new Set(allRules.filter((r) => r.meta.scope === "file").map((r) => r.meta.id));

function toMessage(ruleId: string, severity: 1 | 2, report: Report, model: TemplateModel): LintMessage {
  const message: LintMessage = {
    ruleId,
    severity,
    message: report.message,
    line: report.range?.line ?? 1,
    column: report.range?.column ?? 1,
  };
  if (report.range) {
    message.endLine = report.range.endLine;
    message.endColumn = report.range.endColumn;
  }
  message.surface = report.surface;
  if (report.suggestions?.length) message.suggestions = report.suggestions;
  message.fingerprint = fingerprintOf(ruleId, report, model);
  return message;
}

// Rule ids are lower-case ASCII words and hyphens, which code-point order sorts
// as localeCompare does, without loading ICU's collator (a tenth of a small run).
const PLAIN_ID = /^[a-z0-9-]*$/;
function compareIds(a: string, b: string): number {
  if (PLAIN_ID.test(a) && PLAIN_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || compareIds(a.ruleId ?? "", b.ruleId ?? "");
}

/**
 * Lints one template's text with an already-resolved config: parse once, run
 * each enabled rule on the model, then apply inline directives. Never throws:
 * a template that cannot be parsed, or a rule that fails, becomes a fatal
 * message so that the run goes on.
 */
export function lintTemplate(source: string, config: EffectiveConfig, options: LintTemplateOptions = {}): LintResult {
  const filePath = options.filePath ?? "<text>";
  const rules = options.rules ?? allRules;
  let model: TemplateModel;
  try {
    model = parseTemplate(source, { filePath, format: options.format ?? config.format ?? undefined });
  } catch (error) {
    if (error instanceof TemplateParseError) return fatalResult(filePath, `Parsing error: ${error.message}`, error.line ?? 1, error.column ?? 1);
    if (error instanceof RangeError) return fatalResult(filePath, `Parsing error: the template is nested too deeply to parse (${error.message}). Not linted.`);
    return fatalResult(filePath, `Parsing error: ${(error as Error).message ?? String(error)}`);
  }

  const messages: LintMessage[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === "off") continue;
    const severity = setting.severity === "error" ? 2 : 1;
    try {
      rule.check({
        model,
        options: setting.options,
        settings: config.settings,
        report: (report) => messages.push(toMessage(rule.meta.id, severity, report, model)),
      });
    } catch (error) {
      messages.push({
        ruleId: rule.meta.id,
        fatal: true,
        severity: 2,
        message: `Rule "${rule.meta.id}" failed on this template: ${(error as Error).message ?? String(error)}`,
        line: 1,
        column: 1,
      });
    }
  }
  messages.sort(byPosition);

  const directives = parseDirectives(model.comments);
  const applied = applyDirectives(messages, directives, {
    fileScopeRules: FILE_SCOPE_RULES,
    reportUnused: options.reportUnusedDisableDirectives ?? false,
  });
  return makeResult(filePath, [...applied.messages, ...applied.unused].sort(byPosition), applied.suppressed);
}
