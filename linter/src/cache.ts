/**
 * The result cache (`--cache`, `--cache-location`): one JSON file mapping each
 * linted file to a key and its result. The key hashes everything a result
 * depends on: the file's content, the effective config, the options that
 * change messages, and the tool itself (its version, and a hash of its build:
 * code and prepared lexicons). A file whose key matches is not linted again.
 * Written atomically (temporary file, then rename), so an interrupted run or
 * a concurrent one never leaves a half-written cache.
 *
 * Reading and hashing every file is most of a warm run, so each entry also
 * keeps the file's metadata (size, inode, modification and change times) as
 * git's index does: when the metadata and the rest of the key are unchanged
 * the file is not read at all. Any write to a file moves its change time,
 * which no tool can set back; and metadata recorded less than
 * RACY_WINDOW_MS after the file's last change is not trusted (a second write
 * within the file system's timestamp granularity could keep every field), so
 * such files are hashed again until their metadata is old enough.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { readTemplate } from "./lint-file.js";
import { dirname, join } from "node:path";
import type { EffectiveConfig } from "./config/load.js";
import type { LintResult } from "./result.js";
import { VERSION } from "./version.js";

export const DEFAULT_CACHE_LOCATION = ".hipaa-lint-cache";
const CACHE_FORMAT = 2;

/** Coarser than any common file system's timestamps (FAT's are 2 s). */
export const RACY_WINDOW_MS = 2000;

/** What a file's stat said when its entry was recorded: [size, inode, mtimeMs, ctimeMs, recordedAtMs]. */
type Metadata = [number, number, number, number, number];

interface CacheEntry {
  /** Hash of the tool, the options and the effective config: what the result depends on besides the file. */
  context: string;
  /** Hash of the file's bytes. */
  content: string;
  meta?: Metadata;
  /** The result without its filePath (the entry's name). */
  result: Omit<LintResult, "filePath">;
}

const sha256 = () => createHash("sha256");

/** The entry's metadata still describes the file, and was recorded long enough after the file's last change to be trusted. */
function metadataHolds(meta: Metadata | undefined, info: Stats): boolean {
  if (!meta) return false;
  const [size, ino, mtimeMs, ctimeMs, recordedAt] = meta;
  return (
    size === info.size &&
    ino === info.ino &&
    mtimeMs === info.mtimeMs &&
    ctimeMs === info.ctimeMs &&
    Math.max(mtimeMs, ctimeMs) + RACY_WINDOW_MS < recordedAt
  );
}

const metadataOf = (info: Stats): Metadata => [info.size, info.ino, info.mtimeMs, info.ctimeMs, Date.now()];

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
  private readonly contextKeys = new WeakMap<EffectiveConfig, string>();
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

  /** Computed once per config object (many files share one, see ConfigResolver.sharedEffectiveFor). */
  private contextKey(config: EffectiveConfig): string {
    let key = this.contextKeys.get(config);
    if (!key) {
      key = sha256().update(this.tool).update("\u0000").update(this.optionsKey).update("\u0000").update(JSON.stringify(config)).digest("hex");
      this.contextKeys.set(config, key);
    }
    return key;
  }

  /** The cached result when the file and its context are unchanged; otherwise lints it (with `lint`) and remembers the result. */
  async lint(filePath: string, config: EffectiveConfig, lint: LintFn): Promise<LintResult> {
    const context = this.contextKey(config);
    const entry = this.entries.get(filePath);
    if (entry?.context === context && entry.meta) {
      // Synchronous: 10,000 stat calls through the thread pool cost more than the calls (a quarter of a warm run).
      const info = statOrNull(filePath);
      if (info?.isFile() && info.size <= config.maxFileSize && metadataHolds(entry.meta, info)) return this.hit(filePath, entry);
    }
    const read = readTemplate(filePath, config.maxFileSize);
    if ("fatal" in read) return read.fatal; // why it cannot be read; nothing to cache
    const { bytes, info } = read;
    const content = sha256().update(bytes).digest("hex");
    if (entry?.context === context && entry.content === content) {
      // Same content, new metadata (a fresh checkout, a touch): remember it so the next run need not read the file.
      entry.meta = metadataOf(info);
      this.dirty = true;
      return this.hit(filePath, entry);
    }
    this.misses++;
    const result = await lint(filePath, config, bytes);
    const { filePath: _, ...rest } = result;
    this.entries.set(filePath, { context, content, meta: metadataOf(info), result: rest });
    this.dirty = true;
    return result;
  }

  private hit(filePath: string, entry: CacheEntry): LintResult {
    this.hits++;
    return { filePath, ...entry.result };
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

function statOrNull(filePath: string): Stats | null {
  try {
    return statSync(filePath);
  } catch {
    return null;
  }
}
