import { readFile } from "node:fs/promises";
import type { EffectiveConfig } from "./config/load.js";
import { lintTemplate } from "./engine.js";
import { loadParserFor } from "./parse/index.js";
import { fatalResult, type LintResult } from "./result.js";

const decoder = new TextDecoder("utf-8");

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
    try {
      bytes = await readFile(filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      return fatalResult(filePath, `Cannot read file (${code || (error as Error).message}).`);
    }
  }
  if (bytes.length > config.maxFileSize) {
    return fatalResult(filePath, `File is ${bytes.length} bytes, over the ${config.maxFileSize}-byte limit (\`maxFileSize\`): not linted.`);
  }
  if (bytes.includes(0)) return fatalResult(filePath, "File contains NUL bytes: it looks binary, not a template. Not linted.");
  const source = decoder.decode(bytes);
  await loadParserFor(source, { filePath, format: config.format ?? undefined });
  return lintTemplate(source, config, { filePath, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
}
