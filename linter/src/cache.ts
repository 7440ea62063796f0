/**
 * The result cache (`--cache`, `--cache-location`): one JSON file mapping each
 * linted file to a key and its result. The key hashes everything a result
 * depends on: the file's content, the effective config, the options that
 * change messages, and the tool itself (its version, and a hash of its build:
 * code and prepared lexicons). A file whose key matches is not linted again.
 * Written atomically (temporary file, then rename), so an interrupted run or
 * a concurrent one never leaves a half-written cache.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { readTemplate } from "./lint-file.js";
import { dirname, join } from "node:path";
import type { EffectiveConfig } from "./config/load.js";
import type { LintResult } from "./result.js";
import { VERSION } from "./version.js";

export const DEFAULT_CACHE_LOCATION = ".hipaa-lint-cache";
const CACHE_FORMAT = 1;

interface CacheEntry {
  key: string;
  /** The result without its filePath (the entry's name). */
  result: Omit<LintResult, "filePath">;
}

interface CacheFile {
  format: number;
  tool: string;
  entries: Record<string, CacheEntry>;
}

/** The build's id (scripts/write-build-id.mjs), or, from the source tree, the lexicon data's fingerprint. */
async function toolKey(): Promise<string> {
  const buildId = new URL("../../build-id.txt", import.meta.url);
  let build: string;
  if (existsSync(buildId)) build = readFileSync(buildId, "utf8").trim();
  else build = `source:${(await import("../../rules/lexicon/data.js")).preparedLexicons().fingerprint}`;
  return `${VERSION}+${build}`;
}

/** A location that is a folder (existing, or written with a trailing slash) holds the default file name. */
export function cacheFilePath(location: string): string {
  if (/[\\/]$/.test(location)) return join(location, DEFAULT_CACHE_LOCATION);
  try {
    if (statSync(location).isDirectory()) return join(location, DEFAULT_CACHE_LOCATION);
  } catch {
    // not there yet: a file
  }
  return location;
}

export type LintFn = (filePath: string, config: EffectiveConfig, bytes?: Uint8Array) => Promise<LintResult>;

export class ResultCache {
  private readonly configKeys = new WeakMap<EffectiveConfig, string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    private readonly tool: string,
    private readonly optionsKey: string,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  /** Opens the cache file; a missing, unreadable or other-version cache starts empty. */
  static async open(location: string, options: { reportUnusedDisableDirectives?: boolean } = {}): Promise<ResultCache> {
    const file = cacheFilePath(location);
    const tool = await toolKey();
    const entries = new Map<string, CacheEntry>();
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as CacheFile;
      if (data.format === CACHE_FORMAT && data.tool === tool && data.entries && typeof data.entries === "object") {
        for (const [path, entry] of Object.entries(data.entries)) entries.set(path, entry);
      }
    } catch {
      // no cache yet, or not one we can read: lint everything
    }
    return new ResultCache(file, tool, JSON.stringify({ reportUnused: options.reportUnusedDisableDirectives ?? false }), entries);
  }

  private configKey(config: EffectiveConfig): string {
    let key = this.configKeys.get(config);
    if (!key) {
      key = JSON.stringify(config);
      this.configKeys.set(config, key);
    }
    return key;
  }

  /** The cached result when the file's key matches; otherwise lints it (with `lint`) and remembers the result. */
  async lint(filePath: string, config: EffectiveConfig, lint: LintFn): Promise<LintResult> {
    const read = await readTemplate(filePath, config.maxFileSize);
    if ("fatal" in read) return read.fatal; // why it cannot be read; nothing to cache
    const bytes = read.bytes;
    const key = createHash("sha256")
      .update(this.tool)
      .update("\u0000")
      .update(this.optionsKey)
      .update("\u0000")
      .update(this.configKey(config))
      .update("\u0000")
      .update(bytes)
      .digest("hex");
    const entry = this.entries.get(filePath);
    if (entry?.key === key) {
      this.hits++;
      return { filePath, ...entry.result };
    }
    this.misses++;
    const result = await lint(filePath, config, bytes);
    const { filePath: _, ...rest } = result;
    this.entries.set(filePath, { key, result: rest });
    this.dirty = true;
    return result;
  }

  /** Writes the cache when anything changed: to a temporary file beside it, then renamed over it. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const data: CacheFile = { format: CACHE_FORMAT, tool: this.tool, entries: Object.fromEntries(this.entries) };
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(data));
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.dirty = false;
  }
}
