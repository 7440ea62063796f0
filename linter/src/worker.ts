/**
 * A worker thread of the lint pool (pool.ts): lints one file per task. Each
 * worker loads the rules and the prepared lexicons once, at its first task.
 */
import { lintPath } from "./lint-file.js";
import type { LintTask } from "./pool.js";
import type { LintResult } from "./result.js";

export default function lint(task: LintTask): Promise<LintResult> {
  return lintPath(task.filePath, task.config, { reportUnusedDisableDirectives: task.reportUnusedDisableDirectives }, task.bytes);
}
