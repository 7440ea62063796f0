/**
 * A worker thread of the lint pool (pool.ts): lints a batch of files, in
 * order. Each worker loads the rules and the prepared lexicons once, at its
 * first batch.
 */
import { lintPath } from "./lint-file.js";
import type { LintBatch } from "./pool.js";
import type { LintResult } from "./result.js";

export default async function lint(batch: LintBatch): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for (const task of batch.tasks) {
    results.push(await lintPath(task.filePath, task.config, { reportUnusedDisableDirectives: task.reportUnusedDisableDirectives }, task.bytes));
  }
  return results;
}
