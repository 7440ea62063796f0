import { lintText } from "../linter/src/api.js";
import type { ConfigInput } from "../linter/src/config/schema.js";
import type { LintMessage } from "../linter/src/result.js";

export interface RuleRun {
  messages: LintMessage[];
  lines: number[];
}

/**
 * Lints a template with one rule alone (at "error"), through the real engine
 * and parsers, and returns that rule's findings.
 */
export async function runRule(ruleId: string, source: string, options: { filePath?: string; ruleOptions?: unknown; config?: Omit<ConfigInput, "rules" | "extends"> } = {}): Promise<RuleRun> {
  const entry = options.ruleOptions === undefined ? "error" : ["error", options.ruleOptions];
  const result = await lintText(source, {
    filePath: options.filePath ?? "template.hbs",
    config: { ...options.config, extends: [], rules: { [ruleId]: entry } as ConfigInput["rules"] },
  });
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`template did not parse: ${fatal.message}`);
  const messages = result.messages.filter((m) => m.ruleId === ruleId);
  return { messages, lines: messages.map((m) => m.line) };
}
