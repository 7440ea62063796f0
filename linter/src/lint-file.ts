import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import type { EffectiveConfig } from "./config/load.js";
import { lintTemplate } from "./engine.js";
import { loadParserFor } from "./parse/index.js";
import { fatalResult, type LintResult } from "./result.js";

const decoder = new TextDecoder("utf-8");

const READ_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file (a broken symbolic link?)",
  ELOOP: "too many levels of symbolic links (a symbolic link loop)",
  EISDIR: "it is a directory",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

function describeReadError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  const known = READ_ERRORS[code];
  return known ? `${known} (${code})` : code ? `${code}: ${error.message}` : error.message;
}

/**
 * Reads a template's bytes, or says why it cannot be linted. Size and kind
 * come first: an oversized file is never read into memory, and a FIFO or
 * device named like a template would block or never end. The kind is read
 * from the opened file itself (fstat), so nothing can be swapped in between;
 * O_NONBLOCK lets a FIFO open without waiting for a writer (a regular file
 * ignores it).
 *
 * Synchronous on purpose: templates are small (maxFileSize bounds them), and
 * the async calls cost five thread-pool round trips per file, which on a
 * two-core machine kept worker threads waiting. A host calling lintFiles
 * without workers blocks its event loop for one file read at a time.
 */
export function readTemplate(filePath: string, maxFileSize: number): { bytes: Uint8Array; info: Stats } | { fatal: LintResult } {
  let fd: number | null = null;
  try {
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile()) return { fatal: fatalResult(filePath, `Not a regular file (${info.isDirectory() ? "a directory" : "a device, socket or pipe"}): not linted.`) };
    if (info.size > maxFileSize) return { fatal: oversized(filePath, info.size, maxFileSize) };
    return { bytes: readFileSync(fd), info };
  } catch (error) {
    return { fatal: fatalResult(filePath, `Cannot read file: ${describeReadError(error as NodeJS.ErrnoException)}. Not linted.`) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function oversized(filePath: string, size: number, maxFileSize: number): LintResult {
  return fatalResult(filePath, `File is ${size} bytes, over the ${maxFileSize}-byte limit (\`maxFileSize\`): not linted.`);
}

export interface LintPathOptions {
  reportUnusedDisableDirectives?: boolean;
}

/**
 * Reads and lints one file with its already-resolved config; unreadable,
 * binary or oversized files become fatal messages. What a worker thread runs
 * (the config is plain data), and what lintFile runs in this thread.
 * `bytes`, when given, is the file's content already read (the cache hashed it).
 */
export async function lintPath(filePath: string, config: EffectiveConfig, options: LintPathOptions = {}, bytes?: Uint8Array): Promise<LintResult> {
  if (!bytes) {
    const read = readTemplate(filePath, config.maxFileSize);
    if ("fatal" in read) return read.fatal;
    bytes = read.bytes;
  }
  if (bytes.length > config.maxFileSize) return oversized(filePath, bytes.length, config.maxFileSize);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fatalResult(filePath, "File is UTF-16 (byte order mark FF FE or FE FF): save it as UTF-8. Not linted.");
  }
  if (bytes.includes(0)) return fatalResult(filePath, "File contains NUL bytes: it looks binary, not a template. Not linted.");
  const source = decoder.decode(bytes);
  await loadParserFor(source, { filePath, format: config.format ?? undefined });
  return lintTemplate(source, config, { filePath, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
}
