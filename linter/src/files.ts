import { existsSync, lstatSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ignore, { type Ignore } from "ignore";
import { glob, isDynamicPattern } from "tinyglobby";
import { SUPPORTED_EXTENSIONS } from "./parse/index.js";

/** A pattern given on the command line matched no template. Exit code 2. */
export class NoFilesFoundError extends Error {
  constructor(readonly pattern: string, readonly reason: "missing" | "ignored" | "empty") {
    super(
      reason === "ignored"
        ? `All files matched by "${pattern}" are ignored.`
        : reason === "empty"
          ? `No templates (${SUPPORTED_EXTENSIONS.join(", ")}) found under "${pattern}".`
          : `No files matching the pattern "${pattern}" were found.`,
    );
    this.name = "NoFilesFoundError";
  }
}

export interface ExpandedFile {
  filePath: string;
  /** The folder or file named on the command line that found this file. */
  root: string;
  /** Named on the command line rather than found by a folder or glob. */
  explicit: boolean;
  /** Excluded by .hipaalintignore (only explicit files are kept with this set). */
  ignored: boolean;
}

function existsAsLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
export const IGNORE_FILE = ".hipaalintignore";

export function loadIgnoreFile(cwd: string, ignorePath?: string): Ignore {
  const ig = ignore();
  const path = ignorePath ? resolve(cwd, ignorePath) : join(cwd, IGNORE_FILE);
  if (existsSync(path)) ig.add(readFileSync(path, "utf8"));
  return ig;
}

const extensionGlob = `**/*.{${[...new Set(SUPPORTED_EXTENSIONS.map((e) => e.split(".").pop()))].join(",")}}`;
const isTemplate = (path: string) => SUPPORTED_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));

// A template repository's own documentation is Markdown too, but not an email:
// folders and globs skip it (name the file to lint it anyway).
const REPOSITORY_DOCS = /(^|\/)(readme|changelog|contributing|license|licence|security|code_of_conduct|authors|history|manifest|notice)(\.[a-z]+)?\.(md|markdown)$/i;
const isCandidate = (path: string) => isTemplate(path) && !REPOSITORY_DOCS.test(path);

/**
 * Turns files, folders and globs into the list of templates to lint: folders
 * expand to the supported extensions; node_modules and .git are skipped;
 * symbolic links are not followed (no directory loops).
 */
export async function expandPatterns(patterns: string[], cwd: string, ig: Ignore): Promise<ExpandedFile[]> {
  const found = new Map<string, ExpandedFile>();
  const isIgnored = (abs: string) => {
    const rel = relative(cwd, abs).split("\\").join("/");
    return rel !== "" && !rel.startsWith("..") && ig.ignores(rel);
  };
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    // A path that exists but cannot be linted as a folder (a FIFO or device, a
    // broken symbolic link, a link loop) is kept, so that lintFile reports why
    // rather than "no files found".
    const unusual = !isDynamicPattern(pattern) && (stat ? !stat.isFile() && !stat.isDirectory() : existsAsLink(abs));
    if (stat?.isFile() || unusual) {
      found.set(abs, { filePath: abs, root: abs, explicit: true, ignored: isIgnored(abs) });
      continue;
    }
    let matches: string[];
    if (stat?.isDirectory()) {
      matches = (await glob(extensionGlob, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false, dot: false })).filter(isCandidate);
      if (!matches.length) throw new NoFilesFoundError(pattern, "empty");
    } else if (isDynamicPattern(pattern)) {
      matches = await glob(pattern, { cwd, absolute: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false, expandDirectories: false });
      matches = matches.filter(isCandidate);
      if (!matches.length) throw new NoFilesFoundError(pattern, "missing");
    } else {
      throw new NoFilesFoundError(pattern, "missing");
    }
    // Naming a folder that is itself ignored lints it anyway: the user asked for it.
    const rootIgnored = stat?.isDirectory() ? isIgnored(join(abs, "_")) : false;
    const kept = rootIgnored ? matches : matches.filter((m) => !isIgnored(m));
    if (!kept.length) throw new NoFilesFoundError(pattern, "ignored");
    const root = stat?.isDirectory() ? abs : cwd;
    for (const m of kept) if (!found.has(m)) found.set(m, { filePath: m, root, explicit: false, ignored: false });
  }
  return [...found.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

