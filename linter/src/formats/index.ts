import type { LintResult } from "../result.js";
import type { Rule } from "../rule-api.js";

export interface FormatContext {
  cwd: string;
  rules: readonly Rule[];
  color: boolean;
  /** Show approved (suppressed) findings too: `--show-approved`. */
  showSuppressed: boolean;
  maxWarningsExceeded: { maxWarnings: number; foundWarnings: number } | null;
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;

export const FORMAT_NAMES = ["stylish", "json", "sarif", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Loads only the formatter a run asks for. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).default;
    case "json":
      return (await import("./json.js")).default;
    case "sarif":
      return (await import("./sarif.js")).default;
    case "github":
      return (await import("./github.js")).default;
  }
}
