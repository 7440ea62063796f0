#!/usr/bin/env node
// hipaa-lint's benchmark (issue 7). Runs real CLIs as child processes of this
// one process, alternating A B A B so that both sides see the same machine
// load, and prints medians and ratios. Nothing here is a test: no threshold
// fails the run; bench/RESULTS.md records the figures against the targets.
//
//   npm run bench                      # everything, defaults below
//   npm run bench -- --reps 3 --tree 2000 --only corpus,startup,tree,workers
//
// Needs the built linter (npm install builds it), ember-template-lint and mjml
// (devDependencies). Peak memory comes from GNU time (/usr/bin/time; Debian
// package `time`); without it memory is reported as n/a.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { filesUnder } from "./files.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared");
const realWorld = join(shared, "corpus", "real-world");
const devCorpus = join(shared, "corpus", "dev");
const HIPAA = join(root, "linter", "bin", "hipaa-lint.cjs");
const ETL = join(root, "node_modules", "ember-template-lint", "bin", "ember-template-lint.js");
const MJML = join(root, "node_modules", "mjml", "bin", "mjml");
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

const { values: args } = parseArgs({
  options: {
    reps: { type: "string", default: "5" },
    "startup-reps": { type: "string", default: "10" },
    tree: { type: "string", default: "10000" },
    "worker-reps": { type: "string", default: "1" },
    only: { type: "string", default: "corpus,startup,tree,workers" },
  },
});
const reps = Number(args.reps);
const startupReps = Number(args["startup-reps"]);
const treeSize = Number(args.tree);
const workerReps = Number(args["worker-reps"]);
const only = new Set(args.only.split(","));

for (const [name, path] of [["hipaa-lint (run npm run build)", HIPAA], ["ember-template-lint (npm install)", ETL], ["mjml (npm install)", MJML], ["the shared corpus", realWorld]]) {
  if (!existsSync(path)) {
    console.error(`bench: missing ${name}: ${path}`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), "hipaa-lint-bench-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

/** Runs a command; wall time measured here, CPU time and peak RSS by GNU time when present. */
function measure(command, commandArgs, { cwd = root, okCodes = [0, 1] } = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(work, `time-${process.hrtime.bigint()}.txt`);
    const [cmd, cmdArgs] = GNU_TIME ? [GNU_TIME, ["-f", "%U %S %M", "-o", timeFile, command, ...commandArgs]] : [command, commandArgs];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let cpu = null;
      let rssMB = null;
      if (GNU_TIME && existsSync(timeFile)) {
        const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
        const [user, sys, kb] = last.split(/\s+/).map(Number);
        if (Number.isFinite(user)) {
          cpu = user + sys;
          rssMB = kb / 1024;
        }
      }
      if (!okCodes.includes(code)) reject(new Error(`${basename(command)} ${commandArgs.slice(0, 4).join(" ")} … exited ${code}: ${stderr.slice(0, 800)}`));
      else resolvePromise({ wall, cpu, rssMB });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(digits));
const max = (xs) => (xs.some((x) => x === null) ? null : Math.max(...xs));

/** A and B alternately, `n` times each (B first on odd rounds); medians, ratios of medians and the median per-round ratio. */
async function compare(label, a, b, n) {
  const runs = { a: [], b: [] };
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? ["a", "b"] : ["b", "a"];
    for (const side of order) {
      const spec = side === "a" ? a : b;
      runs[side].push(await measure(spec.command, spec.args, spec.options));
    }
    process.stderr.write(`  ${label}: round ${i + 1}/${n}\n`);
  }
  const summary = (rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: rs[0].cpu === null ? null : median(rs.map((r) => r.cpu)), rssMB: max(rs.map((r) => r.rssMB)) });
  const sa = summary(runs.a);
  const sb = summary(runs.b);
  const roundRatios = runs.a.map((r, i) => r.wall / runs.b[i].wall);
  return { label, a: { ...a, ...sa }, b: { ...b, ...sb }, wallRatio: sa.wall / sb.wall, cpuRatio: sa.cpu === null ? null : sa.cpu / sb.cpu, roundRatio: median(roundRatios), n };
}


const lines = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};

const [load1, load5] = loadavg();
say(`# hipaa-lint benchmark, ${new Date().toISOString()}`);
say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${(freemem() / 2 ** 30).toFixed(0)} GiB free; node ${process.version}; load average at start ${load1.toFixed(1)} (1 min), ${load5.toFixed(1)} (5 min)`);
say(`command: node bench/run.mjs --reps ${reps} --startup-reps ${startupReps} --tree ${treeSize} --worker-reps ${workerReps} --only ${[...only].join(",")}`);
say(`peak memory: ${GNU_TIME ? "GNU time %M (max RSS of the process)" : "n/a (no /usr/bin/time: apt-get install time)"}`);
say();

function report(r, files) {
  say(`## ${r.label}`);
  say(`| tool | median wall s | median CPU s | templates/s (wall) | peak RSS MB |`);
  say(`|---|---|---|---|---|`);
  for (const side of [r.a, r.b]) say(`| ${side.name} | ${fmt(side.wall)} | ${fmt(side.cpu)} | ${files ? fmt(files / side.wall, 0) : "-"} | ${fmt(side.rssMB, 0)} |`);
  say(`ratio ${r.a.name} / ${r.b.name}: wall (medians) ${fmt(r.wallRatio, 3)}, wall (median of per-round ratios) ${fmt(r.roundRatio, 3)}, CPU ${fmt(r.cpuRatio, 3)}  (${r.n} rounds, alternating)`);
  say();
}

const hipaa = (name, extra, files) => ({ name, command: process.execPath, args: [HIPAA, "--format", "json", ...extra, ...files] });

if (only.has("corpus")) {
  const hbs = filesUnder(realWorld, (p) => p.endsWith(".hbs"));
  const mjml = filesUnder(realWorld, (p) => p.endsWith(".mjml"));
  const etlConfig = join(work, "etl");
  mkdirSync(etlConfig);
  writeFileSync(join(etlConfig, ".template-lintrc.js"), "module.exports = { extends: 'recommended' };\n");
  // Relative paths keep the argument lists short; every tool runs from the corpus folder.
  const rel = (files) => files.map((f) => relative(realWorld, f));
  report(
    await compare(
      `.hbs: ${hbs.length} templates of shared/corpus/real-world`,
      { ...hipaa("hipaa-lint", [], rel(hbs)), options: { cwd: realWorld } },
      { name: "ember-template-lint (recommended)", command: process.execPath, args: [ETL, "--config-path", join(etlConfig, ".template-lintrc.js"), "--format", "json", ...rel(hbs)], options: { cwd: realWorld } },
      reps,
    ),
    hbs.length,
  );
  report(
    await compare(
      `.mjml: ${mjml.length} templates of shared/corpus/real-world`,
      { ...hipaa("hipaa-lint", [], rel(mjml)), options: { cwd: realWorld } },
      // mjml --validate exits 1 when a template has validation errors: that is a result, not a failure.
      { name: "mjml --validate", command: process.execPath, args: [MJML, "--validate", ...rel(mjml)], options: { cwd: realWorld, okCodes: [0, 1] } },
      reps,
    ),
    mjml.length,
  );
}

if (only.has("startup")) {
  const small = filesUnder(realWorld, (p) => p.endsWith(".hbs")).sort((a, b) => statSync(a).size - statSync(b).size)[0];
  const r = await compare(
    `startup: one small file (${relative(shared, small)}, ${statSync(small).size} bytes)`,
    { name: "hipaa-lint one file", command: process.execPath, args: [HIPAA, small], options: { cwd: work } },
    { name: "node -e 0", command: process.execPath, args: ["-e", "0"], options: { cwd: work } },
    startupReps,
  );
  report(r, 0);
}

/** A tree of `n` templates from both corpora, with varied names, folders and content. */
function makeTree(n) {
  const isTemplate = (p) => /\.(hbs|html|mjml|md)$/.test(p) && !/(^|\/)(readme|manifest|license|changelog)[^/]*$/i.test(p);
  const sources = [...filesUnder(devCorpus, isTemplate), ...filesUnder(realWorld, isTemplate)].map((path) => ({ path, text: readFileSync(path, "utf8") }));
  const tree = join(work, "tree");
  const words = ["spring", "clinic", "update", "welcome", "reminder", "digest", "survey", "event", "news", "portal"];
  for (let i = 0; i < n; i++) {
    const source = sources[(i * 7919) % sources.length];
    const name = basename(source.path);
    const ext = name.endsWith(".html.hbs") ? ".html.hbs" : name.endsWith(".mjml.hbs") ? ".mjml.hbs" : extname(name);
    const dir = join(tree, `team-${i % 20}`, words[(i >> 3) % words.length], `batch-${i % 13}`);
    mkdirSync(dir, { recursive: true });
    // Vary the content: a different word in the copy and a per-file comment, so no two files hash alike.
    const varied = source.text.replace(/\b(the|your|our)\b/, (w) => `${w} ${words[i % words.length]}`) + `\n<!-- copy ${i} of ${name} -->\n`;
    writeFileSync(join(dir, `${name.slice(0, -ext.length)}-${i}${ext}`), varied);
  }
  return { tree, sources: sources.length };
}

if (only.has("tree") || only.has("workers")) {
  const { tree, sources } = makeTree(treeSize);
  say(`## generated tree: ${treeSize} templates from ${sources} sources of both corpora (in a temp dir)`);
  say();
  if (only.has("tree")) {
    const cache = join(work, "tree-cache");
    const cold = await measure(process.execPath, [HIPAA, "--format", "json", "--cache", "--cache-location", cache, tree]);
    const warm = await measure(process.execPath, [HIPAA, "--format", "json", "--cache", "--cache-location", cache, tree]);
    say(`| run (default --concurrency auto) | wall s | CPU s | templates/s | peak RSS MB |`);
    say(`|---|---|---|---|---|`);
    for (const [name, r] of [["cold, --cache (empty cache)", cold], ["warm, --cache", warm]]) {
      say(`| ${name} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt(treeSize / r.wall, 0)} | ${fmt(r.rssMB, 0)} |`);
    }
    say(`ratio warm / cold: wall ${fmt(warm.wall / cold.wall, 3)}, CPU ${cold.cpu ? fmt(warm.cpu / cold.cpu, 3) : "n/a"}`);
    say(`note: peak RSS is the main thread's process, which includes its worker threads.`);
    say();
  }
  if (only.has("workers")) {
    const r = await compare(
      `workers: ${treeSize} templates, --concurrency 2 vs 1`,
      hipaa("2 workers", ["--concurrency", "2"], [tree]),
      hipaa("1 worker", ["--concurrency", "1"], [tree]),
      workerReps,
    );
    report(r, treeSize);
    say(`throughput 2 workers / 1 worker: ${fmt(1 / r.wallRatio, 2)}× (medians), ${fmt(1 / r.roundRatio, 2)}× (per-round)`);
    const ceiling = await parallelCeiling(3);
    say(`machine ceiling, measured now: two CPU-bound processes side by side run ${fmt(ceiling, 2)}× the throughput of one (2.00× on two free cores); no worker pool can beat it`);
    const workload = await workloadCeiling(tree, workerReps);
    say(`workload ceiling, measured now: two hipaa-lint processes without workers, side by side on half the tree each, run ${fmt(workload, 2)}× the throughput of one such process on the whole tree: what two cores give this work with no pool at all (memory and the garbage collector's threads are shared)`);
    say();
  }
}

/**
 * How much a second thread can add on this machine right now: one CPU-bound
 * process alone, then two at once, alternating; other work on a shared
 * machine takes cores, and then no pool can scale. Returns the throughput of
 * two side by side relative to one (median over rounds).
 */
async function parallelCeiling(rounds) {
  const spin = ["-e", "let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;"];
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    const one = await measure(process.execPath, spin);
    const started = process.hrtime.bigint();
    await Promise.all([measure(process.execPath, spin), measure(process.execPath, spin)]);
    const both = Number(process.hrtime.bigint() - started) / 1e9;
    ratios.push((2 * one.wall) / both);
  }
  return median(ratios);
}

/**
 * The same ceiling for this work rather than a spin loop: one process lints
 * the whole tree in its main thread, then two processes lint half of it each
 * at once, alternating. A pool of two workers cannot do better than two
 * independent processes; the spin loop overstates what is possible, since
 * linting allocates and V8's garbage collector runs on helper threads that
 * a lone process gets the second core for.
 */
async function workloadCeiling(tree, rounds) {
  const teams = readdirSync(tree).sort().map((name) => join(tree, name));
  const halves = [teams.filter((_, i) => i % 2 === 0), teams.filter((_, i) => i % 2 === 1)];
  const withoutWorkers = (paths) => [HIPAA, "--format", "json", "--concurrency", "off", ...paths];
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    const one = await measure(process.execPath, withoutWorkers([tree]));
    const started = process.hrtime.bigint();
    await Promise.all(halves.map((half) => measure(process.execPath, withoutWorkers(half))));
    const both = Number(process.hrtime.bigint() - started) / 1e9;
    ratios.push(one.wall / both);
    process.stderr.write(`  workload ceiling: round ${i + 1}/${rounds}\n`);
  }
  return median(ratios);
}

const [endLoad1] = loadavg();
say(`load average at end: ${endLoad1.toFixed(1)} (1 min)`);
const out = join(root, "bench", "out");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "latest.md"), `${lines.join("\n")}\n`);
