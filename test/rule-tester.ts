import { lintText } from "../linter/src/api.js";
import type { ConfigInput } from "../linter/src/config/schema.js";
import type { LintMessage } from "../linter/src/result.js";

/**
 * Lints `source` through the real engine with only `ruleId` on (plus any
 * extra config) and returns that rule's findings.
 */
export async function findings(ruleId: string, source: string, options: { filePath?: string; ruleOptions?: unknown; config?: ConfigInput } = {}): Promise<LintMessage[]> {
  const entry = options.ruleOptions === undefined ? "error" : ["error", options.ruleOptions];
  const result = await lintText(source, {
    filePath: options.filePath ?? "t.html",
    config: { ...options.config, extends: [], rules: { [ruleId]: entry } } as ConfigInput,
  });
  if (result.fatalErrorCount) throw new Error(`fatal: ${JSON.stringify(result.messages)}`);
  return result.messages.filter((m) => m.ruleId === ruleId);
}

/** [line, column] of each finding. */
export const at = (messages: LintMessage[]) => messages.map((m) => [m.line, m.column]);

export interface RuleRun {
  messages: LintMessage[];
  lines: number[];
}

/** `findings`, with the lines of the findings alongside. */
export async function runRule(ruleId: string, source: string, options: { filePath?: string; ruleOptions?: unknown; config?: Omit<ConfigInput, "rules" | "extends"> } = {}): Promise<RuleRun> {
  const messages = await findings(ruleId, source, options);
  return { messages, lines: messages.map((m) => m.line) };
}
