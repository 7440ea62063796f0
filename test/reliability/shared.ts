import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ConfigResolver } from "../../linter/src/api.js";
import type { EffectiveConfig } from "../../linter/src/config/load.js";
import { lintTemplate } from "../../linter/src/engine.js";
import type { LintMessage, LintResult } from "../../linter/src/result.js";

const TEMPLATE = /\.(mjml|hbs|html|htm|md|handlebars)$/i;

/** Every template under a corpus folder, sorted (deterministic for seeded runs). */
export function corpusFiles(dir: string): { name: string; source: string }[] {
  const out: { name: string; source: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (TEMPLATE.test(entry) && !/^(readme|manifest)\./i.test(entry)) out.push({ name: relative(dir, path), source: readFileSync(path, "utf8") });
    }
  };
  walk(dir);
  return out;
}

let config: EffectiveConfig | null = null;

/** The recommended config, resolved once. */
export async function recommended(): Promise<EffectiveConfig> {
  config ??= await new ConfigResolver({ config: {} }).effectiveFor(null);
  return config;
}

/** Lints without catching anything: a throw fails the calling property. */
export function lint(source: string, filePath: string, cfg: EffectiveConfig): LintResult {
  return lintTemplate(source, cfg, { filePath });
}

/** Line and column rules every message must satisfy, fatal or not. */
export function checkPositions(source: string, result: LintResult): void {
  const lines = source.split(/\r\n|\r|\n/).length;
  for (const m of [...result.messages, ...result.suppressedMessages]) {
    const where = `${m.ruleId ?? "fatal"} "${m.message.slice(0, 80)}"`;
    if (!Number.isInteger(m.line) || m.line < 1 || m.line > lines) throw new Error(`${where}: line ${m.line} outside 1..${lines}`);
    if (!Number.isInteger(m.column) || m.column < 1) throw new Error(`${where}: column ${m.column}`);
    if (m.endLine !== undefined && (m.endLine < m.line || m.endLine > lines)) throw new Error(`${where}: endLine ${m.endLine}`);
    if (m.endLine === m.line && m.endColumn !== undefined && m.endColumn < m.column) throw new Error(`${where}: endColumn ${m.endColumn} < column ${m.column}`);
    if (typeof m.message !== "string" || !m.message) throw new Error(`${where}: empty message`);
  }
}

/** Findings as comparable keys: rule, line, column, end. */
export function positionKeys(messages: LintMessage[]): string[] {
  return messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine ?? ""}:${m.endColumn ?? ""}`).sort();
}
