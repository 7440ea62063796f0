/**
 * Worker threads for linting many files (`--concurrency`). The pool is
 * piscina: maintained, small, supports Node 20, and queues, balances and
 * recovers crashed workers so we do not have to. Loaded only when a run uses
 * workers.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { EffectiveConfig } from "./config/load.js";
import type { LintResult } from "./result.js";

/** One file for a worker: plain data, copied to the worker thread. */
export interface LintTask {
  filePath: string;
  config: EffectiveConfig;
  reportUnusedDisableDirectives: boolean;
  /** The file's content when already read (by the cache). */
  bytes?: Uint8Array;
}

export class LintPool {
  private constructor(
    private readonly pool: Piscina<LintTask, LintResult>,
    readonly threads: number,
  ) {}

  /** Starts `threads` workers; null when there is no compiled worker to run (the source tree under vitest or tsx). */
  static start(threads: number, tasksPerWorker: number): LintPool | null {
    const worker = new URL("./worker.js", import.meta.url);
    if (!existsSync(fileURLToPath(worker))) return null;
    const pool = new Piscina<LintTask, LintResult>({
      filename: worker.href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Several tasks wait in each worker, so a worker that finishes one
      // starts the next at once instead of waiting for the main thread to
      // hand it over (with two busy workers on two cores, the main thread is
      // often not running). They still run one at a time: reading is
      // synchronous. No queue limit here: lintFiles keeps no more than
      // tasksPerWorker per worker in flight.
      concurrentTasksPerWorker: tasksPerWorker,
      // Run and wait time histograms: nothing reads them, and they cost a clock read and a record per file.
      recordTiming: false,
    });
    return new LintPool(pool, threads);
  }

  run(task: LintTask): Promise<LintResult> {
    return this.pool.run(task);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

