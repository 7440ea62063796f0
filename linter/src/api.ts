import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { allRules } from "../../rules/index.js";
import { ApprovalsRun, type ApprovalOptions } from "./approvals/run.js";
import {
  effectiveConfigFor,
  findConfigFor,
  isIgnoredByConfig,
  loadConfigFile,
  validateConfig,
  type EffectiveConfig,
  type LoadedConfig,
  type RuleSetting,
} from "./config/load.js";
import type { ConfigInput } from "./config/schema.js";
import { lintTemplate } from "./engine.js";
import { loadParserFor } from "./parse/index.js";
import { expandPatterns, loadIgnoreFile } from "./files.js";
import { lintPath } from "./lint-file.js";
import type { LintPool } from "./pool.js";
import type { TemplateFormat } from "./model.js";
import { makeResult, type LintResult } from "./result.js";

export interface LintOptions {
  /** Folder that relative paths and patterns start from. Default: process.cwd(). */
  cwd?: string;
  /** A config object to use instead of looking for config files (the Strapi plugin passes its settings). */
  config?: ConfigInput;
  /** A config file to use for every template instead of the nearest one. */
  configFile?: string;
  /** Rule settings applied last, as `--rule` does. */
  ruleOverrides?: Record<string, unknown>;
  reportUnusedDisableDirectives?: boolean;
  /**
   * Reviewer approvals (hipaa-lint.approvals.json beside the config in use).
   * lintFiles applies them unless this is false; lintText only when this is
   * set and a filePath is given.
   */
  approvals?: ApprovalOptions | false;
}

export interface LintTextOptions extends LintOptions {
  /** The template's path: picks the format and the nearest config. */
  filePath?: string;
  format?: TemplateFormat;
  /**
   * A config already validated and resolved by prepareConfig, used instead
   * of `config`, `configFile`, `ruleOverrides` and config files: for
   * linting many texts with one config (the Strapi plugin, on every save).
   * It is not changed.
   */
  prepared?: EffectiveConfig;
}

export interface LintFilesOptions extends LintOptions {
  /** An ignore file other than `.hipaalintignore` in cwd. */
  ignorePath?: string;
  /** Called after each file, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads: "off" (default: lint in this thread), a number of
   * threads, or "auto" (off for fewer than AUTO_CONCURRENCY_MIN_FILES files,
   * else one per core). Results come back in the same order either way.
   */
  concurrency?: "auto" | "off" | number;
  /** Reuse the results of files whose content, config and linter have not changed. */
  cache?: boolean;
  /** The cache file (or a folder for it); default `.hipaa-lint-cache` in cwd. */
  cacheLocation?: string;
}

/** Below this many files, "auto" lints in this thread: starting workers costs more than they save. */
export const AUTO_CONCURRENCY_MIN_FILES = 200;

/** How work reaches the workers (pool.ts PoolSizes): two batches of eight files queued in each. */
const BATCHES_PER_WORKER = 2;
const FILES_PER_BATCH = 8;

/** How many worker threads a run uses (0: none). */
export function workerThreadsFor(concurrency: LintFilesOptions["concurrency"], fileCount: number): number {
  if (concurrency === undefined || concurrency === "off") return 0;
  if (concurrency === "auto") {
    const cores = availableParallelism();
    return fileCount >= AUTO_CONCURRENCY_MIN_FILES && cores > 1 ? cores : 0;
  }
  return Math.max(0, Math.min(Math.floor(concurrency), fileCount));
}

/** Resolves which config applies to a file: explicit object, named file, or the nearest one. */
export class ConfigResolver {
  private readonly explicit: Promise<LoadedConfig | null> | null;

  constructor(private readonly options: LintOptions) {
    const cwd = options.cwd ?? process.cwd();
    if (options.config !== undefined) {
      this.explicit = Promise.resolve({ filePath: null, data: validateConfig(options.config, null, allRules) });
    } else if (options.configFile) {
      this.explicit = loadConfigFile(resolve(cwd, options.configFile), allRules);
    } else this.explicit = null;
    if (options.ruleOverrides) validateConfig({ rules: options.ruleOverrides }, "--rule", allRules);
  }

  async loadedFor(filePath: string | null): Promise<LoadedConfig | null> {
    if (this.explicit) return this.explicit;
    if (!filePath) return null;
    return findConfigFor(filePath, allRules);
  }

  /** The config that applies to a file; `loaded` when the caller already has loadedFor's answer. */
  async effectiveFor(filePath: string | null, loaded?: LoadedConfig | null): Promise<EffectiveConfig> {
    if (loaded === undefined) loaded = await this.loadedFor(filePath);
    const config = await effectiveConfigFor(loaded, filePath, allRules);
    if (this.options.ruleOverrides) {
      const extra = await effectiveConfigFor({ filePath: null, data: validateConfig({ extends: [], rules: this.options.ruleOverrides }, "--rule", allRules) }, null, allRules);
      for (const id of Object.keys(this.options.ruleOverrides)) config.rules[id] = extra.rules[id] as RuleSetting;
    }
    return config;
  }

  private readonly shared = new Map<LoadedConfig | null, Promise<EffectiveConfig>>();

  /**
   * effectiveFor, computed once per config when the config cannot differ from
   * file to file (no config file, or one without overrides, formats or
   * extended files): many files then share one object, which must not be
   * changed. Saves recomputing every rule's options for each of 10,000 files.
   */
  async sharedEffectiveFor(filePath: string, loaded?: LoadedConfig | null): Promise<EffectiveConfig> {
    if (loaded === undefined) loaded = await this.loadedFor(filePath);
    if (!samePerFile(loaded)) return this.effectiveFor(filePath, loaded);
    let config = this.shared.get(loaded);
    if (!config) {
      config = this.effectiveFor(filePath, loaded);
      this.shared.set(loaded, config);
    }
    return config;
  }
}

function samePerFile(loaded: LoadedConfig | null): boolean {
  if (!loaded) return true;
  const data = loaded.data;
  const extendsList = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
  return !data.overrides?.length && !data.formats && extendsList.every((name) => name.startsWith("hipaa-lint:"));
}

/**
 * Validates and resolves a config object once (presets, rule options), for
 * lintText's `prepared`: what lintText would otherwise redo for each text.
 */
export async function prepareConfig(config: ConfigInput, options: Pick<LintOptions, "ruleOverrides"> = {}): Promise<EffectiveConfig> {
  return new ConfigResolver({ config, ruleOverrides: options.ruleOverrides }).effectiveFor(null);
}

/** Lints a template's text in-process (the Strapi plugin, editors, tests). */
export async function lintText(source: string, options: LintTextOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const filePath = options.filePath ? resolve(cwd, options.filePath) : null;
  const resolver = options.prepared ? null : new ConfigResolver(options);
  const config = options.prepared ?? (await resolver!.effectiveFor(filePath));
  await loadParserFor(source, { filePath: filePath ?? "<text>", format: options.format ?? config.format ?? undefined });
  const result = lintTemplate(source, config, {
    filePath: filePath ?? "<text>",
    format: options.format ?? null,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
  });
  if (!filePath || !options.approvals) return result;
  return new ApprovalsRun(cwd, options.approvals).applyTo(result, resolver ? await resolver.loadedFor(filePath) : null, config).result;
}

/** The config of a file that its config's `ignores` do not skip (null when they do), with the config file it came from. */
async function configUnlessIgnored(filePath: string, resolver: ConfigResolver, root?: string): Promise<{ loaded: LoadedConfig | null; config: EffectiveConfig } | null> {
  const loaded = await resolver.loadedFor(filePath);
  // A config's `ignores` skip what a folder or glob finds, unless the folder named is itself ignored.
  if (isIgnoredByConfig(loaded, filePath) && !(root && root !== filePath && isIgnoredByConfig(loaded, join(root, "_")))) return null;
  return { loaded, config: await resolver.sharedEffectiveFor(filePath, loaded) };
}

/** Reads and lints one file; unreadable, binary or oversized files become fatal messages. */
export async function lintFile(
  filePath: string,
  resolver: ConfigResolver,
  options: LintOptions,
  root?: string,
  approvals: ApprovalsRun | null = null,
): Promise<LintResult | null> {
  const found = await configUnlessIgnored(filePath, resolver, root);
  if (!found) return null;
  const result = await lintPath(filePath, found.config, options);
  return approvals ? approvals.applyTo(result, found.loaded, found.config).result : result;
}

/** Lints files, folders and globs; the CLI's engine. */
export async function lintFiles(patterns: string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await expandPatterns(patterns, cwd, loadIgnoreFile(cwd, options.ignorePath));
  const resolver = new ConfigResolver(options);
  const threads = workerThreadsFor(options.concurrency, files.length);
  // Workers and the cache are loaded only for runs that use them; workers start at the first file the cache does not have.
  let pool: Promise<LintPool | null> | null = null;
  const startPool = () => (pool ??= import("./pool.js").then((m) => m.LintPool.start({ threads, batchesPerWorker: BATCHES_PER_WORKER, filesPerBatch: FILES_PER_BATCH })));
  const cacheModule = options.cache ? await import("./cache.js") : null;
  const cache = cacheModule ? await cacheModule.ResultCache.open(resolve(cwd, options.cacheLocation ?? cacheModule.DEFAULT_CACHE_LOCATION), options) : null;
  const reportUnusedDisableDirectives = options.reportUnusedDisableDirectives ?? false;
  const lint = async (filePath: string, config: EffectiveConfig, bytes?: Uint8Array): Promise<LintResult> => {
    const workers = threads > 0 ? await startPool() : null;
    return workers ? workers.run({ filePath, config, reportUnusedDisableDirectives, bytes }) : lintPath(filePath, config, options, bytes);
  };

  // Approvals apply after linting (and after the cache: a changed approvals file needs no re-lint).
  const approvals = options.approvals === false ? null : new ApprovalsRun(cwd, options.approvals ?? {});

  // Each file's result goes to its own slot, so the order is the files' order however the work interleaves.
  const slots: (LintResult | null)[] = new Array<LintResult | null>(files.length).fill(null);
  const ignoredWarning = (filePath: string) =>
    makeResult(filePath, [{ ruleId: null, severity: 1, message: "File ignored because of a matching ignore pattern.", line: 1, column: 1 }]);
  let done = 0;
  const lintAt = async (i: number) => {
    const file = files[i]!;
    if (file.ignored) {
      slots[i] = ignoredWarning(file.filePath);
    } else {
      const found = await configUnlessIgnored(file.filePath, resolver, file.root);
      if (found) {
        const result = cache ? await cache.lint(file.filePath, found.config, lint) : await lint(file.filePath, found.config);
        slots[i] = approvals ? approvals.applyTo(result, found.loaded, found.config).result : result;
      }
      // A file named on the command line but ignored by the config's `ignores`:
      // say so, as for .hipaalintignore, rather than pass silently.
      else if (file.explicit) slots[i] = ignoredWarning(file.filePath);
    }
    // Counted per file, not per result: files the config ignores have none.
    options.onProgress?.(++done, files.length);
  };

  // One file at a time in this thread; with workers, enough in flight to fill every worker's queue, and one batch more being gathered.
  const inFlight = threads > 0 ? (threads * BATCHES_PER_WORKER + 1) * FILES_PER_BATCH : 1;
  let next = 0;
  let failed = false;
  const drain = async () => {
    while (!failed && next < files.length) {
      const i = next++;
      try {
        await lintAt(i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, files.length) }, drain));
  } finally {
    const started = pool as Promise<LintPool | null> | null; // assigned by startPool
    if (started) await (await started)?.close();
  }
  await cache?.save();
  return slots.filter((r): r is LintResult => r !== null);
}
