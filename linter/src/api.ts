import { readFile, stat } from "node:fs/promises";
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
import { expandPatterns, loadIgnoreFile } from "./files.js";
import type { TemplateFormat } from "./model.js";
import { fatalResult, makeResult, type LintResult } from "./result.js";

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
}

export interface LintFilesOptions extends LintOptions {
  /** An ignore file other than `.hipaalintignore` in cwd. */
  ignorePath?: string;
  /** Called after each file, for a progress line. */
  onProgress?: (done: number, total: number) => void;
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

  async effectiveFor(filePath: string | null): Promise<EffectiveConfig> {
    const loaded = await this.loadedFor(filePath);
    const config = await effectiveConfigFor(loaded, filePath, allRules);
    if (this.options.ruleOverrides) {
      const extra = await effectiveConfigFor({ filePath: null, data: validateConfig({ extends: [], rules: this.options.ruleOverrides }, "--rule", allRules) }, null, allRules);
      for (const id of Object.keys(this.options.ruleOverrides)) config.rules[id] = extra.rules[id] as RuleSetting;
    }
    return config;
  }
}

/** Lints a template's text in-process (the Strapi plugin, editors, tests). */
export async function lintText(source: string, options: LintTextOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const filePath = options.filePath ? resolve(cwd, options.filePath) : null;
  const resolver = new ConfigResolver(options);
  const config = await resolver.effectiveFor(filePath);
  const result = lintTemplate(source, config, {
    filePath: filePath ?? "<text>",
    format: options.format ?? null,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
  });
  if (!filePath || !options.approvals) return result;
  return new ApprovalsRun(cwd, options.approvals).applyTo(result, await resolver.loadedFor(filePath), config).result;
}

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

/** Reads and lints one file; unreadable, binary or oversized files become fatal messages. */
export async function lintFile(
  filePath: string,
  resolver: ConfigResolver,
  options: LintOptions,
  root?: string,
  approvals: ApprovalsRun | null = null,
): Promise<LintResult | null> {
  const loaded = await resolver.loadedFor(filePath);
  // A config's `ignores` skip what a folder or glob finds, unless the folder named is itself ignored.
  if (isIgnoredByConfig(loaded, filePath) && !(root && root !== filePath && isIgnoredByConfig(loaded, join(root, "_")))) return null;
  const config = await resolver.effectiveFor(filePath);
  let bytes: Buffer;
  try {
    // Size and kind first: an oversized file is never read into memory, and a
    // FIFO or device named like a template would block or never end.
    const info = await stat(filePath);
    if (!info.isFile()) return fatalResult(filePath, `Not a regular file (${info.isDirectory() ? "a directory" : "a device, socket or pipe"}): not linted.`);
    if (info.size > config.maxFileSize) {
      return fatalResult(filePath, `File is ${info.size} bytes, over the ${config.maxFileSize}-byte limit (\`maxFileSize\`): not linted.`);
    }
    bytes = await readFile(filePath);
  } catch (error) {
    return fatalResult(filePath, `Cannot read file: ${describeReadError(error as NodeJS.ErrnoException)}. Not linted.`);
  }
  if (bytes.length > config.maxFileSize) {
    return fatalResult(filePath, `File is ${bytes.length} bytes, over the ${config.maxFileSize}-byte limit (\`maxFileSize\`): not linted.`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fatalResult(filePath, "File is UTF-16 (byte order mark FF FE or FE FF): save it as UTF-8. Not linted.");
  }
  if (bytes.includes(0)) return fatalResult(filePath, "File contains NUL bytes: it looks binary, not a template. Not linted.");
  const result = lintTemplate(decoder.decode(bytes), config, { filePath, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
  return approvals ? approvals.applyTo(result, loaded, config).result : result;
}

/** Lints files, folders and globs; the CLI's engine. */
export async function lintFiles(patterns: string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await expandPatterns(patterns, cwd, loadIgnoreFile(cwd, options.ignorePath));
  const resolver = new ConfigResolver(options);
  const approvals = options.approvals === false ? null : new ApprovalsRun(cwd, options.approvals ?? {});
  const results: LintResult[] = [];
  const ignoredWarning = (filePath: string) =>
    makeResult(filePath, [{ ruleId: null, severity: 1, message: "File ignored because of a matching ignore pattern.", line: 1, column: 1 }]);
  let done = 0;
  for (const file of files) {
    if (file.ignored) {
      results.push(ignoredWarning(file.filePath));
    } else {
      const result = await lintFile(file.filePath, resolver, options, file.root, approvals);
      if (result) results.push(result);
      // A file named on the command line but ignored by the config's `ignores`:
      // say so, as for .hipaalintignore, rather than pass silently.
      else if (file.explicit) results.push(ignoredWarning(file.filePath));
    }
    // Counted per file, not per result: files the config ignores have none.
    options.onProgress?.(++done, files.length);
  }
  return results;
}
