import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { LoadedConfig } from "../config/load.js";
import { APPROVALS_FILE_VERSION, approvalsFileSchema, type FileApproval } from "./schema.js";

export const APPROVALS_FILE_NAME = "hipaa-lint.approvals.json";

/** An invalid approvals file: names the file, the entry and the key. Exit code 2. */
export class ApprovalsFileError extends Error {
  constructor(
    readonly filePath: string,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${filePath}${where ? `: ${where}` : ""}: ${detail}`);
    this.name = "ApprovalsFileError";
  }
}

/** One approvals file, loaded (empty when it does not exist yet). */
export interface ApprovalsFile {
  /** Absolute path of the approvals file. */
  filePath: string;
  approvals: FileApproval[];
  /** The file's `$schema`, kept when it is written again. */
  $schema?: string;
}

/**
 * Which approvals file applies: `--approvals FILE`, else the config's
 * `approvals` key (relative to the config file), else
 * `hipaa-lint.approvals.json` beside the config file in use, else in cwd.
 */
export function approvalsPathFor(loaded: LoadedConfig | null, cwd: string, explicit?: string): string {
  if (explicit) return resolve(cwd, explicit);
  const configured = loaded?.data.approvals;
  const base = loaded?.filePath ? dirname(loaded.filePath) : cwd;
  if (configured) return resolve(base, configured);
  return join(base, APPROVALS_FILE_NAME);
}

/** A template's path as approvals store it: relative to the approvals file, forward slashes. */
export function approvalPathOf(approvalsFile: string, templatePath: string): string {
  return relative(dirname(approvalsFile), resolve(templatePath)).split(sep).join("/");
}

/** The absolute path of a stored approval's template. */
export function templatePathOf(approvalsFile: string, approval: FileApproval): string {
  return isAbsolute(approval.file) ? approval.file : resolve(dirname(approvalsFile), approval.file);
}

function positionOf(content: string, offset: number): string {
  const before = content.slice(0, offset);
  return `${before.split("\n").length}:${offset - before.lastIndexOf("\n")}`;
}

const keyOf = (a: Pick<FileApproval, "file" | "ruleId" | "fingerprint">) => `${a.file}\u0000${a.ruleId}\u0000${a.fingerprint}`;

/** Parses and validates an approvals file's text; errors name the entry index and key. */
export function parseApprovals(content: string, filePath: string): FileApproval[] {
  return parseApprovalsFile(content, filePath).approvals;
}

/** Parses and validates an approvals file's text, `$schema` included. */
export function parseApprovalsFile(content: string, filePath: string): ApprovalsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    throw new ApprovalsFileError(filePath, at ? positionOf(content, Number(at[1])) : "", `invalid JSON: ${message}`);
  }
  const parsed = approvalsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    let where = "";
    for (const part of path) where += /^\d+$/.test(part) ? `[${part}]` : where ? `.${part}` : part;
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      throw new ApprovalsFileError(filePath, where ? `${where}.${key}` : key, `unknown key "${key}"`);
    }
    const entry = path[0] === "approvals" && path[1] !== undefined ? describeEntry(raw, Number(path[1])) : "";
    throw new ApprovalsFileError(filePath, where || "(top level)", `${issue.message}${entry}`);
  }
  const seen = new Map<string, number>();
  parsed.data.approvals.forEach((approval, index) => {
    const key = keyOf(approval);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ApprovalsFileError(filePath, `approvals[${index}]`, `approves the same finding as approvals[${first}] (same file, ruleId and fingerprint); keep one`);
    }
    seen.set(key, index);
  });
  return { filePath, approvals: parsed.data.approvals, ...(parsed.data.$schema !== undefined ? { $schema: parsed.data.$schema } : {}) };
}

/** " (the entry for FILE, RULE)", to find a broken entry in a long file. */
function describeEntry(raw: unknown, index: number): string {
  const entry = (raw as { approvals?: unknown[] }).approvals?.[index];
  if (!entry || typeof entry !== "object") return "";
  const { file, ruleId } = entry as { file?: unknown; ruleId?: unknown };
  const parts = [file, ruleId].filter((p): p is string => typeof p === "string");
  return parts.length ? ` (the entry for ${parts.join(", ")})` : "";
}

/** Loads an approvals file; a missing file has no approvals. */
export function loadApprovals(filePath: string): ApprovalsFile {
  if (!existsSync(filePath)) return { filePath, approvals: [] };
  let content: string;
  try {
    content = readFileSync(filePath, "utf8");
  } catch (error) {
    throw new ApprovalsFileError(filePath, "", `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseApprovalsFile(content, filePath);
}

/** Stable order: by file, then rule, then fingerprint, so that diffs stay small. */
export function sortApprovals(approvals: readonly FileApproval[]): FileApproval[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...approvals].sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
}

/** The file's text: fixed key order, stable entry order, 2-space JSON, final newline. */
export function serializeApprovals(approvals: readonly FileApproval[], $schema?: string): string {
  const ordered = sortApprovals(approvals).map((a) => ({
    file: a.file,
    ruleId: a.ruleId,
    surface: a.surface,
    fingerprint: a.fingerprint,
    text: a.text,
    reviewer: a.reviewer,
    reason: a.reason,
    date: a.date,
    expires: a.expires,
  }));
  return `${JSON.stringify({ ...($schema !== undefined ? { $schema } : {}), version: APPROVALS_FILE_VERSION, approvals: ordered }, null, 2)}\n`;
}

/**
 * Writes the approvals atomically: to a temporary file in the same folder,
 * flushed, then renamed over the old one. A crash leaves the old file or the
 * new one, never half of one.
 */
export function writeApprovals(filePath: string, approvals: readonly FileApproval[], $schema?: string): void {
  const text = serializeApprovals(approvals, $schema);
  mkdirSync(dirname(filePath), { recursive: true });
  const temp = join(dirname(filePath), `.${basename(filePath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, filePath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Approvals of one run, loaded once per file path. */
export class ApprovalsCache {
  private readonly files = new Map<string, ApprovalsFile>();

  load(filePath: string): ApprovalsFile {
    let file = this.files.get(filePath);
    if (!file) {
      file = loadApprovals(filePath);
      this.files.set(filePath, file);
    }
    return file;
  }
}
