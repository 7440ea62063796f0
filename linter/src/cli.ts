import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { allRules } from "../../rules/index.js";
import { ConfigResolver, lintFiles, lintText } from "./api.js";
import { runApprovalsCli } from "./approvals/cli.js";
import { ApprovalsFileError } from "./approvals/store.js";
import { ConfigError, isIgnoredByConfig } from "./config/load.js";
import { loadIgnoreFile, NoFilesFoundError } from "./files.js";
import { FORMAT_NAMES, loadFormatter, type FormatName } from "./formats/index.js";
import { makeResult, type LintResult } from "./result.js";
import { VERSION } from "./version.js";
import { loadYaml } from "./yaml.js";

const HELP = `hipaa-lint [options] [file|folder|glob ...]
hipaa-lint approve FILE... --reviewer NAME --reason TEXT [--rule ID] [--line N] [--expires YYYY-MM-DD]
hipaa-lint approvals list|prune

Lints healthcare email templates (MJML, HTML, Markdown with Handlebars) for
protected health information before they are published.

Basic:
  -c, --config FILE                 Use this config file for every template
  -f, --format NAME                 stylish (default), json, sarif, github
  -o, --output-file FILE            Write the report to a file
      --rule "ID: SEVERITY"         Set a rule: "no-phi-placeholder: error" (repeatable)
      --ignore-path FILE            Ignore file to use instead of .hipaalintignore

Handling warnings:
      --quiet                       Report errors only
      --max-warnings N              Exit 1 when there are more than N warnings

Input:
      --stdin                       Lint the template on standard input
      --stdin-filename PATH         Path to lint standard input as (format, config)

Performance:
      --concurrency auto|off|N      Lint in N worker threads; auto (default) uses one
                                    per core when there are many files
      --cache                       Only lint files whose content, config or linter
                                    changed since the last --cache run
      --cache-location PATH         Cache file or folder (default: .hipaa-lint-cache)

Directives:
      --report-unused-disable-directives
                                    Report hipaa-lint-disable comments that suppress nothing

Approvals (reviewed exceptions in hipaa-lint.approvals.json; see hipaa-lint approvals --help):
      --approvals FILE              Approvals file to use instead of the one beside the config
      --show-approved               List approved findings too (stylish)
      --fail-on-stale-approvals     Approvals that match no finding are errors, not warnings

Miscellaneous:
      --print-config FILE           Print the effective config for FILE
      --init                        Write a starter hipaa-lint.config.yaml here
      --list-rules                  List the rules with their default severity
      --color, --no-color           Force colour on or off (default: on for a terminal)
  -h, --help                        Show this help
  -v, --version                     Print the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 lint errors,
2 a usage, config or internal error.`;

const STARTER_CONFIG = `# hipaa-lint configuration: https://github.com/hipaa-lint/hipaa-lint#configuration
# yaml-language-server: $schema=./node_modules/hipaa-lint/schema/config.schema.json
extends: hipaa-lint:recommended

# The consent categories your templates may declare in front matter (consentCategory: ...).
consentCategories:
  - wellness-tips
  - appointment-reminders
  - condition-specific-updates
  - newsletters
  - events

rules: {}
#  generic-cta: warn

ignores: []
#  - drafts/**
`;

/** A usage error: bad flags or arguments. Exit code 2. */
class UsageError extends Error {}

interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function parseCli(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string", short: "c" },
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean" },
        rule: { type: "string", multiple: true },
        stdin: { type: "boolean" },
        "stdin-filename": { type: "string" },
        "print-config": { type: "string" },
        init: { type: "boolean" },
        "list-rules": { type: "boolean" },
        "report-unused-disable-directives": { type: "boolean" },
        "ignore-path": { type: "string" },
        concurrency: { type: "string" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        approvals: { type: "string" },
        "show-approved": { type: "boolean" },
        "fail-on-stale-approvals": { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--concurrency auto|off|N`. */
function parseConcurrency(value: string | undefined): "auto" | "off" | number {
  if (value === undefined || value === "auto" || value === "off") return value ?? "auto";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency: expected auto, off or a number of threads (1 or more); got "${value}"`);
  return n;
}

/** `--rule "id: severity"` or `--rule "id: [severity, {options}]"`, read as YAML. */
async function parseRuleFlags(flags: string[] | undefined): Promise<Record<string, unknown> | undefined> {
  if (!flags?.length) return undefined;
  const { parse: parseYaml } = await loadYaml();
  const rules: Record<string, unknown> = {};
  for (const flag of flags) {
    let parsed: unknown;
    try {
      parsed = parseYaml(flag.includes(":") ? flag : `${flag}: error`);
    } catch (error) {
      throw new UsageError(`--rule "${flag}": expected "rule-id: severity" (${(error as Error).message.split("\n")[0]})`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError(`--rule "${flag}": expected "rule-id: severity"`);
    Object.assign(rules, parsed);
  }
  return rules;
}

/** Whether .hipaalintignore (or --ignore-path) or the config's ignores exclude a path. */
async function isIgnoredPath(filePath: string, cwd: string, ignorePath: string | undefined, resolver: ConfigResolver): Promise<boolean> {
  const rel = relative(cwd, filePath).split("\\").join("/");
  if (rel && !rel.startsWith("..") && loadIgnoreFile(cwd, ignorePath).ignores(rel)) return true;
  return isIgnoredByConfig(await resolver.loadedFor(filePath), filePath);
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

function listRules(): string {
  const width = Math.max(...allRules.map((r) => r.meta.id.length));
  return allRules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(5)}  ${r.meta.description}`).join("\n") + "\n";
}

/** Runs the CLI; returns the exit code. Never throws for a user error. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv[0] === "approve" || argv[0] === "approvals") return runApprovalsCli(argv, io);
  try {
    const { values, positionals } = parseCli(argv);
    if (values.help) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (values.version) {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (values["list-rules"]) {
      io.stdout.write(listRules());
      return 0;
    }
    if (values.init) {
      const target = resolve(io.cwd, "hipaa-lint.config.yaml");
      if (existsSync(target)) throw new UsageError(`${target} already exists; not overwriting it.`);
      writeFileSync(target, STARTER_CONFIG);
      io.stdout.write(`Wrote ${target}\n`);
      return 0;
    }
    const format = (values.format ?? "stylish") as FormatName;
    if (!FORMAT_NAMES.includes(format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(", ")}; got "${values.format}"`);
    let maxWarnings = -1;
    if (values["max-warnings"] !== undefined) {
      maxWarnings = Number(values["max-warnings"]);
      if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings: expected a whole number; got "${values["max-warnings"]}"`);
    }
    const options = {
      cwd: io.cwd,
      configFile: values.config,
      ruleOverrides: await parseRuleFlags(values.rule),
      reportUnusedDisableDirectives: values["report-unused-disable-directives"] ?? false,
      approvals: { file: values.approvals, failOnStale: values["fail-on-stale-approvals"] ?? false },
    };

    if (values["print-config"]) {
      const filePath = resolve(io.cwd, values["print-config"]);
      const resolver = new ConfigResolver(options);
      const loaded = await resolver.loadedFor(filePath);
      const effective = await resolver.effectiveFor(filePath, loaded);
      io.stdout.write(`${JSON.stringify({ configFile: loaded?.filePath ?? null, ...effective }, null, 2)}\n`);
      return 0;
    }

    let results: LintResult[];
    if (values.stdin) {
      if (positionals.length) throw new UsageError("--stdin lints standard input only; remove the file arguments");
      const source = await readStdin(io.stdin);
      const stdinPath = values["stdin-filename"] ? resolve(io.cwd, values["stdin-filename"]) : null;
      if (stdinPath && (await isIgnoredPath(stdinPath, io.cwd, values["ignore-path"], new ConfigResolver(options)))) {
        // As ESLint does: a path the ignore files or config exclude is reported, not linted.
        results = [makeResult(stdinPath, [{ ruleId: null, severity: 1, message: "File ignored because of a matching ignore pattern.", line: 1, column: 1 }])];
      } else {
        results = [await lintText(source, { ...options, filePath: values["stdin-filename"] })];
      }
    } else {
      if (!positionals.length) throw new UsageError("no files given: pass files, folders or globs (try `hipaa-lint templates/`), or --stdin");
      const showProgress = Boolean(io.stderr.isTTY);
      results = await lintFiles(positionals, {
        ...options,
        ignorePath: values["ignore-path"],
        concurrency: parseConcurrency(values.concurrency),
        cache: values.cache ?? false,
        cacheLocation: values["cache-location"],
        onProgress: showProgress
          ? (done, total) => {
              if (total >= 50) io.stderr.write(`\rhipaa-lint: ${done}/${total} templates${done === total ? "\n" : ""}`);
            }
          : undefined,
      });
    }

    if (values.quiet) {
      results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 }));
    }
    const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
    const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
    const tooManyWarnings = maxWarnings >= 0 && warningCount > maxWarnings;

    const formatter = await loadFormatter(format);
    const color = values["no-color"] ? false : values.color ? true : Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && !values["output-file"];
    const output = formatter(results, {
      cwd: io.cwd,
      rules: allRules,
      color,
      showSuppressed: values["show-approved"] ?? false,
      maxWarningsExceeded: tooManyWarnings ? { maxWarnings, foundWarnings: warningCount } : null,
    });
    if (values["output-file"]) {
      const target = resolve(io.cwd, values["output-file"]);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output);
    } else if (output) {
      io.stdout.write(output);
    }
    return errorCount > 0 || tooManyWarnings ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof NoFilesFoundError) {
      io.stderr.write(`hipaa-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`hipaa-lint: invalid config ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApprovalsFileError) {
      io.stderr.write(`hipaa-lint: invalid approvals file ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`hipaa-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/** The process entry point (bin/hipaa-lint.cjs). */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  });
  process.exitCode = code;
}
