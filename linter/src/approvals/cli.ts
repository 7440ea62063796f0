import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { allRules } from "../../../rules/index.js";
import { ConfigResolver, lintFile } from "../api.js";
import { ConfigError } from "../config/load.js";
import { closestName } from "../config/errors.js";
import { expandPatterns, loadIgnoreFile, NoFilesFoundError } from "../files.js";
import type { LintMessage } from "../result.js";
import { isCalendarDate, isExpired, today } from "./dates.js";
import { findingKey, isApprovable, staleApprovals } from "./match.js";
import { ApprovalsRun } from "./run.js";
import type { FileApproval } from "./schema.js";
import { ApprovalsFileError, approvalPathOf, approvalsPathFor, loadApprovals, templatePathOf, writeApprovals } from "./store.js";

export const APPROVALS_HELP = `hipaa-lint approve FILE... --reviewer NAME --reason TEXT [options]
  Records approvals for the current findings of FILE... (files, folders,
  globs) in hipaa-lint.approvals.json, beside the config file in use (else
  in the current folder). Commit it: reviewers approve in pull requests.
      --reviewer NAME               Who approves (required)
      --reason TEXT                 Why the finding is acceptable (required)
      --rule ID                     Approve only this rule's findings
      --line N                      Approve only findings on line N
      --expires YYYY-MM-DD          Last day the approval holds (default: no expiry)
  -c, --config FILE                 Config file to use for every template
      --approvals FILE              Approvals file to write instead
      --ignore-path FILE            Ignore file to use instead of .hipaalintignore

hipaa-lint approvals list [--format text|json] [--approvals FILE] [-c FILE]
  Prints each approval: file, rule, text, reviewer, reason, date, expiry.

hipaa-lint approvals prune [--dry-run] [--approvals FILE] [-c FILE]
  Removes approvals that match no finding any more (the approved text
  changed or was fixed, or the template is gone).`;

/** A usage error in an approvals command. Exit code 2. */
class ApprovalsUsageError extends Error {}

export interface ApprovalsCliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const display = (cwd: string, path: string) => relative(cwd, path).split("\\").join("/") || path;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(argv: string[], options: NonNullable<ParseArgsConfig["options"]>): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw new ApprovalsUsageError((error as Error).message);
  }
}

/** `hipaa-lint approve …` and `hipaa-lint approvals list|prune`; returns the exit code. */
export async function runApprovalsCli(argv: string[], io: ApprovalsCliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "approve") return await approve(rest, io);
    const [sub, ...args] = rest;
    if (sub === "list") return await list(args, io);
    if (sub === "prune") return await prune(args, io);
    if (sub === "--help" || sub === "-h") {
      io.stdout.write(`${APPROVALS_HELP}\n`);
      return 0;
    }
    if (sub === undefined) throw new ApprovalsUsageError('approvals: expected "list" or "prune" (hipaa-lint approvals --help)');
    throw new ApprovalsUsageError(`approvals: unknown command "${sub}"; expected "list" or "prune"`);
  } catch (error) {
    if (error instanceof ApprovalsUsageError || error instanceof NoFilesFoundError) {
      io.stderr.write(`hipaa-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApprovalsFileError) {
      io.stderr.write(`hipaa-lint: invalid approvals file ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`hipaa-lint: invalid config ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`hipaa-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/** The source text a message covers, whitespace collapsed; null for a file-level finding. */
export function flaggedText(source: string, m: LintMessage): string | null {
  if (m.endLine === undefined || m.endColumn === undefined) return null;
  const text = source.replace(/^\uFEFF/, "");
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const offset = (line: number, column: number) => (lineStarts[line - 1] ?? text.length) + column - 1;
  const flagged = text.slice(offset(m.line, m.column), offset(m.endLine, m.endColumn)).replace(/\s+/g, " ").trim();
  return flagged.length > 200 ? `${flagged.slice(0, 197)}...` : flagged;
}

async function approve(argv: string[], io: ApprovalsCliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    reviewer: { type: "string" },
    reason: { type: "string" },
    rule: { type: "string" },
    line: { type: "string" },
    expires: { type: "string" },
    config: { type: "string", short: "c" },
    approvals: { type: "string" },
    "ignore-path": { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${APPROVALS_HELP}\n`);
    return 0;
  }
  const reviewer = String(values.reviewer ?? "").trim();
  const reason = String(values.reason ?? "").trim();
  if (!reviewer) throw new ApprovalsUsageError("approve: --reviewer NAME is required (who approves)");
  if (!reason) throw new ApprovalsUsageError("approve: --reason TEXT is required (why the finding is acceptable)");
  if (!positionals.length) throw new ApprovalsUsageError("approve: name the templates to approve findings in");
  const ruleId = values.rule as string | undefined;
  if (ruleId !== undefined && !allRules.some((r) => r.meta.id === ruleId)) {
    const guess = closestName(ruleId, allRules.map((r) => r.meta.id));
    throw new ApprovalsUsageError(`approve: --rule: unknown rule "${ruleId}"${guess ? ` (did you mean "${guess}"?)` : ""}`);
  }
  let line: number | undefined;
  if (values.line !== undefined) {
    line = Number(values.line);
    if (!Number.isInteger(line) || line < 1) throw new ApprovalsUsageError(`approve: --line: expected a line number; got "${values.line}"`);
  }
  const day = today();
  const expires = values.expires as string | undefined;
  if (expires !== undefined) {
    if (!isCalendarDate(expires)) throw new ApprovalsUsageError(`approve: --expires: expected a date "YYYY-MM-DD"; got "${expires}"`);
    if (expires < day) throw new ApprovalsUsageError(`approve: --expires ${expires} is already past (today is ${day}, UTC)`);
  }

  const cwd = io.cwd;
  const options = { cwd, configFile: values.config as string | undefined };
  const resolver = new ConfigResolver(options);
  const run = new ApprovalsRun(cwd, { file: values.approvals as string | undefined, today: day });
  const files = await expandPatterns(positionals, cwd, loadIgnoreFile(cwd, values["ignore-path"] as string | undefined));
  const additions = new Map<string, FileApproval[]>();
  const report: string[] = [];
  let alreadyApproved = 0;
  const wanted = (m: LintMessage) => (ruleId === undefined || m.ruleId === ruleId) && (line === undefined || (m.line <= line && line <= (m.endLine ?? m.line)));
  for (const file of files) {
    if (file.ignored) continue;
    const result = await lintFile(file.filePath, resolver, options, file.root, run);
    if (!result) continue;
    alreadyApproved += result.suppressedMessages.filter((m) => m.suppressions?.some((s) => s.kind === "external") && wanted(m)).length;
    const findings = result.messages.filter(isApprovable).filter(wanted);
    if (!findings.length) continue;
    const approvalsPath = run.pathFor(await resolver.loadedFor(file.filePath));
    const source = readFileSync(file.filePath, "utf8");
    const list = additions.get(approvalsPath) ?? [];
    const seen = new Set<string>();
    for (const m of findings) {
      // Identical findings in identical nodes share a fingerprint: one approval covers them.
      if (seen.has(findingKey(m.ruleId, m.fingerprint))) continue;
      seen.add(findingKey(m.ruleId, m.fingerprint));
      const text = flaggedText(source, m);
      list.push({
        file: approvalPathOf(approvalsPath, file.filePath),
        ruleId: m.ruleId,
        surface: m.surface ?? "file",
        fingerprint: m.fingerprint,
        text,
        reviewer,
        reason,
        date: day,
        expires: expires ?? null,
      });
      report.push(`  ${display(cwd, file.filePath)}:${m.line}:${m.column}  ${m.ruleId}${text ? `  ${text.length > 60 ? `${text.slice(0, 57)}...` : text}` : ""}`);
    }
    additions.set(approvalsPath, list);
  }

  const count = [...additions.values()].reduce((n, l) => n + l.length, 0);
  const already = alreadyApproved ? ` (${plural(alreadyApproved, "finding")} already approved)` : "";
  if (count === 0) {
    if (ruleId !== undefined || line !== undefined) {
      io.stderr.write(`hipaa-lint: approve: no unapproved finding matches${ruleId ? ` --rule ${ruleId}` : ""}${line ? ` --line ${line}` : ""}${already}; nothing approved.\n`);
      return 2;
    }
    io.stdout.write(`No unapproved findings${already}; nothing approved.\n`);
    return 0;
  }
  for (const [approvalsPath, added] of additions) {
    // Read again just before writing, so the newest file is the one updated.
    const current = loadApprovals(approvalsPath);
    const replaced = new Set(added.map((a) => `${a.file}\u0000${findingKey(a.ruleId, a.fingerprint)}`));
    const kept = current.approvals.filter((a) => !replaced.has(`${a.file}\u0000${findingKey(a.ruleId, a.fingerprint)}`));
    writeApprovals(approvalsPath, [...kept, ...added], current.$schema);
  }
  const targets = [...additions.keys()].map((p) => display(cwd, p)).join(", ");
  io.stdout.write(`Approved ${plural(count, "finding")} by ${reviewer}${expires ? ` until ${expires}` : ""} in ${targets}${already}:\n${report.join("\n")}\n`);
  return 0;
}

/** The approvals file of the config that applies in cwd (the one a template here would use). */
async function approvalsFileFor(values: { approvals?: unknown; config?: unknown }, cwd: string): Promise<string> {
  const resolver = new ConfigResolver({ cwd, configFile: values.config as string | undefined });
  const loaded = await resolver.loadedFor(join(cwd, "hipaa-lint.approvals.json"));
  return approvalsPathFor(loaded, cwd, values.approvals as string | undefined);
}

async function list(argv: string[], io: ApprovalsCliIO): Promise<number> {
  const { values } = parse(argv, { format: { type: "string", short: "f" }, approvals: { type: "string" }, config: { type: "string", short: "c" } });
  if (values.help) {
    io.stdout.write(`${APPROVALS_HELP}\n`);
    return 0;
  }
  const format = (values.format as string | undefined) ?? "text";
  if (format !== "text" && format !== "json") throw new ApprovalsUsageError(`approvals list: --format: expected text or json; got "${format}"`);
  const path = await approvalsFileFor(values, io.cwd);
  const { approvals } = loadApprovals(path);
  const day = today();
  const status = (a: FileApproval) => (isExpired(a.expires, day) ? "expired" : !existsSync(templatePathOf(path, a)) ? "file missing" : "active");
  if (format === "json") {
    io.stdout.write(`${JSON.stringify({ approvalsFile: path, approvals: approvals.map((a) => ({ ...a, status: status(a) })) }, null, 2)}\n`);
    return 0;
  }
  if (!approvals.length) {
    io.stdout.write(`No approvals${existsSync(path) ? ` in ${display(io.cwd, path)}` : ` (${display(io.cwd, path)} does not exist)`}.\n`);
    return 0;
  }
  const out: string[] = [];
  let file = "";
  for (const a of approvals) {
    if (a.file !== file) {
      file = a.file;
      out.push("", a.file);
    }
    const state = status(a);
    out.push(`  ${a.ruleId} (${a.surface})${a.text ? `: ${a.text}` : ""}`);
    out.push(`    approved by ${a.reviewer} on ${a.date}, ${a.expires ? `${state === "expired" ? "expired" : "expires"} ${a.expires}` : "no expiry"}${state === "file missing" ? " (file missing)" : ""}`);
    out.push(`    reason: ${a.reason}`);
  }
  const expired = approvals.filter((a) => status(a) === "expired").length;
  out.push("", `${plural(approvals.length, "approval")}${expired ? ` (${expired} expired)` : ""} in ${display(io.cwd, path)}`);
  io.stdout.write(`${out.join("\n").replace(/^\n/, "")}\n`);
  return 0;
}

async function prune(argv: string[], io: ApprovalsCliIO): Promise<number> {
  const { values } = parse(argv, { "dry-run": { type: "boolean" }, approvals: { type: "string" }, config: { type: "string", short: "c" } });
  if (values.help) {
    io.stdout.write(`${APPROVALS_HELP}\n`);
    return 0;
  }
  const cwd = io.cwd;
  const path = await approvalsFileFor(values, cwd);
  const { approvals, $schema } = loadApprovals(path);
  const options = { cwd, configFile: values.config as string | undefined };
  const resolver = new ConfigResolver(options);
  const stale = new Set<FileApproval>();
  const byFile = new Map<string, FileApproval[]>();
  for (const a of approvals) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
  for (const [, entries] of byFile) {
    const template = templatePathOf(path, entries[0]!);
    if (!existsSync(template)) {
      entries.forEach((a) => stale.add(a));
      continue;
    }
    const result = await lintFile(template, resolver, options, undefined, null);
    if (!result) continue; // ignored by the config: not linted, so not judged
    const config = await resolver.effectiveFor(template);
    const enabled = new Set(Object.entries(config.rules).filter(([, s]) => s.severity !== "off").map(([id]) => id));
    staleApprovals(entries, result, enabled).forEach((a) => stale.add(a));
  }
  if (!stale.size) {
    io.stdout.write(`No stale approvals in ${display(cwd, path)}.\n`);
    return 0;
  }
  const lines = [...stale].map((a) => `  ${a.file}  ${a.ruleId}${a.text ? `  ${a.text}` : ""}  (approved by ${a.reviewer} on ${a.date})`);
  if (!values["dry-run"]) writeApprovals(path, approvals.filter((a) => !stale.has(a)), $schema);
  io.stdout.write(`${values["dry-run"] ? "Would remove" : "Removed"} ${plural(stale.size, "stale approval")} from ${display(cwd, path)}:\n${lines.join("\n")}\n`);
  return 0;
}
