#!/usr/bin/env node
// Scores the built CLI on the shared corpora, as the before-stop hook and CI
// acceptance do: precision/recall on the labeled dev corpus, and the number of
// content-rule findings on the real-world (non-medical) corpus.
//
//   node test/eval/corpora.mjs [--verbose]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const shared = resolve(root, "..", "shared");
const bin = join(root, "linter", "bin", "hipaa-lint.cjs");
const verbose = process.argv.includes("--verbose");
const out = mkdtempSync(join(tmpdir(), "hipaa-lint-eval-"));

function lint(corpus) {
  const run = spawnSync(process.execPath, [bin, "--format", "json", corpus], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`hipaa-lint exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

const devJson = join(out, "dev.json");
writeFileSync(devJson, lint(join(shared, "corpus", "dev")));
const score = spawnSync(process.execPath, [join(shared, "eval", "score.mjs"), join(shared, "corpus", "dev"), devJson], { encoding: "utf8" });
process.stdout.write(verbose ? score.stdout : score.stdout.split("\n").filter((l) => !l.startsWith("  ")).join("\n"));

const CONTENT_RULES = new Set(["no-condition-in-subject", "generic-cta", "no-condition-in-body"]);
const realWorld = JSON.parse(lint(join(shared, "corpus", "real-world")));
const findings = realWorld.flatMap((r) => r.messages.filter((m) => CONTENT_RULES.has(m.ruleId)).map((m) => `${r.filePath.slice(shared.length + 1)}:${m.line} ${m.ruleId} ${m.message.slice(0, 100)}`));
const byRule = {};
for (const r of realWorld) for (const m of r.messages) byRule[m.ruleId ?? "fatal"] = (byRule[m.ruleId ?? "fatal"] ?? 0) + 1;
console.log(`\nreal-world: ${realWorld.length} files; content-rule findings: ${findings.length} (limit 4)`);
console.log(`real-world findings by rule: ${JSON.stringify(byRule)}`);
for (const f of findings.slice(0, verbose ? 100 : 10)) console.log(`  ${f}`);
