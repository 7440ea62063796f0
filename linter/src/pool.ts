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

/** What a worker receives: a few files, linted in order; their results come back in the same order. */
export interface LintBatch {
  tasks: LintTask[];
}

export interface PoolSizes {
  threads: number;
  /** Batches queued in each worker, so a worker that finishes one starts the next without waiting for this thread. */
  batchesPerWorker: number;
  /** Files per batch: each message between threads costs both sides, and files sharing a config copy it once. */
  filesPerBatch: number;
}

interface Pending {
  task: LintTask;
  resolve: (result: LintResult) => void;
  reject: (error: unknown) => void;
}

export class LintPool {
  private pending: Pending[] = [];
  private flushScheduled = false;

  private constructor(
    private readonly pool: Piscina<LintBatch, LintResult[]>,
    private readonly filesPerBatch: number,
  ) {}

  /** Starts the workers; null when there is no compiled worker to run (the source tree under vitest or tsx). */
  static start(sizes: PoolSizes): LintPool | null {
    const worker = new URL("./worker.js", import.meta.url);
    if (!existsSync(fileURLToPath(worker))) return null;
    const pool = new Piscina<LintBatch, LintResult[]>({
      filename: worker.href,
      minThreads: sizes.threads,
      maxThreads: sizes.threads,
      idleTimeout: 60_000,
      // With two busy workers on two cores this thread is often not running:
      // batches already waiting in a worker keep it busy meanwhile. They still
      // run one at a time (reading is synchronous). No queue limit here:
      // lintFiles bounds the files in flight (each worker's queue full, and
      // one batch more being gathered).
      concurrentTasksPerWorker: sizes.batchesPerWorker,
      // Run and wait time histograms: nothing reads them, and they cost a clock read and a record per batch.
      recordTiming: false,
    });
    return new LintPool(pool, sizes.filesPerBatch);
  }

  /**
   * Lints one file in a worker. Files are sent in batches: a batch leaves
   * when it is full, or once this turn of the event loop has added what it
   * had ready.
   */
  run(task: LintTask): Promise<LintResult> {
    return new Promise<LintResult>((resolve, reject) => {
      this.pending.push({ task, resolve, reject });
      if (this.pending.length >= this.filesPerBatch) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.pool.run({ tasks: batch.map((p) => p.task) }).then(
      (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
