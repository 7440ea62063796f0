import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import type { Notification, Result } from "sarif";
import type { LintMessage } from "../result.js";
import type { Rule } from "../rule-api.js";
import { VERSION } from "../version.js";
import type { Formatter } from "./index.js";

const level = (m: LintMessage): Result.level => (m.severity === 2 ? "error" : "warning");

/** The rule's README, shipped beside it, as SARIF help markdown. */
function ruleHelp(rule: Rule): string | null {
  const readme = new URL(`../../../rules/${rule.meta.id}/README.md`, import.meta.url);
  const path = fileURLToPath(readme);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** A relative URI reference (each segment percent-encoded), or a file: URL outside cwd. */
function uriOf(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath.split(/[\\/]/).map(encodeURIComponent).join("/");
  const rel = relative(cwd, filePath).split("\\").join("/");
  return rel && !rel.startsWith("..") ? rel.split("/").map(encodeURIComponent).join("/") : pathToFileURL(filePath).href;
}

/** SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. */
const sarif: Formatter = (results, { cwd, rules }) => {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: "hipaa-lint",
    toolDriverVersion: VERSION,
    url: "https://github.com/hipaa-lint/hipaa-lint",
  });
  for (const rule of rules) {
    const descriptor = new SarifRuleBuilder().initSimple({
      ruleId: rule.meta.id,
      shortDescriptionText: rule.meta.description,
      fullDescriptionText: `${rule.meta.description}. Source: ${rule.meta.source}.`,
      helpUri: rule.meta.docsUrl,
    });
    const markdown = ruleHelp(rule);
    descriptor.rule.help = { text: `${rule.meta.description}. Source: ${rule.meta.source}. Docs: ${rule.meta.docsUrl}`, ...(markdown ? { markdown } : {}) };
    descriptor.rule.defaultConfiguration = { level: rule.meta.defaultSeverity === "error" ? "error" : rule.meta.defaultSeverity === "warn" ? "warning" : "none" };
    descriptor.rule.properties = { source: rule.meta.source, scope: rule.meta.scope };
    run.addRule(descriptor);
  }
  const notifications: Notification[] = [];
  for (const file of results) {
    const uri = uriOf(file.filePath, cwd);
    const add = (m: LintMessage, suppressed: boolean) => {
      if (!m.ruleId) {
        notifications.push({
          level: level(m),
          message: { text: m.message },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: m.line, startColumn: m.column } } }],
        });
        return;
      }
      const result = new SarifResultBuilder().initSimple({
        level: level(m),
        messageText: m.message,
        ruleId: m.ruleId,
        fileUri: uri,
        startLine: m.line,
        startColumn: m.column,
        ...(m.endLine ? { endLine: m.endLine } : {}),
        ...(m.endColumn ? { endColumn: m.endColumn } : {}),
      });
      if (m.fingerprint) result.result.partialFingerprints = { "hipaaLintFinding/v1": m.fingerprint };
      if (suppressed) {
        // status "accepted": the suppression applies (the schema's revised
        // `suppression.status`; reviewer approvals and inline directives both count).
        result.result.suppressions = (m.suppressions ?? []).map((s) => ({
          kind: s.kind === "external" ? ("external" as const) : ("inSource" as const),
          status: "accepted" as const,
          justification: s.justification,
        }));
      }
      if (m.suggestions?.length) {
        result.result.properties = { suggestions: m.suggestions.map((s) => s.desc) };
      }
      run.addResult(result);
    };
    for (const m of file.messages) add(m, false);
    for (const m of file.suppressedMessages) add(m, true);
  }
  run.run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }];
  run.run.columnKind = "utf16CodeUnits";
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
};
export default sarif;
