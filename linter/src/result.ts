import type { FindingSurface, Suggestion } from "./rule-api.js";

/** One finding, in the shape of ESLint's messages (1-based line and column). */
export interface LintMessage {
  ruleId: string | null;
  /** 1 warning, 2 error. */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A template that could not be parsed, or a file that could not be read. */
  fatal?: true;
  /** Subject, preheader, title, body, front matter, or the whole file. */
  surface?: FindingSurface;
  suggestions?: Suggestion[];
  /** Identifies the finding for approvals: stable across unrelated edits. */
  fingerprint?: string;
  /** On suppressed messages: why (a directive with its reason, or a reviewer's approval). */
  suppressions?: { kind: "directive" | "external"; justification: string }[];
}

/** One file's result, in the shape of ESLint's `json` formatter. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
}

export function makeResult(filePath: string, messages: LintMessage[], suppressedMessages: LintMessage[] = []): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return {
    filePath,
    messages,
    suppressedMessages,
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

export function fatalResult(filePath: string, message: string, line = 1, column = 1): LintResult {
  return makeResult(filePath, [{ ruleId: null, fatal: true, severity: 2, message, line, column }]);
}
