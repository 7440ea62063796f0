#!/usr/bin/env node
// `npm run bench:strapi` (issue 7): what linting on save costs a Strapi
// campaign update. One run, one process tree: this process boots the real
// playground app in a child process (bench/strapi-server.mjs, as the
// integration tests boot it: fresh SQLite file, 127.0.0.1, port 0, no admin
// panel), creates a Super Admin and logs in, creates campaigns from
// real-world templates, then times campaign updates through the content
// manager's HTTP API (PUT /content-manager/collection-types/
// plugin::hipaa-lint.campaign/:documentId), each one changing the content.
//
// "with lint" and "without" are the same server, the same database and the
// same warmed-up process: between blocks of updates the plugin's
// `lintOnSave` config is switched (the middleware reads it on every save;
// off, it skips the lint and only clears the stored report; the publish gate
// is not involved in an update either way). Blocks alternate A B B A A B ...
// so that drift in machine load and database size hits both sides alike.
// Nothing here is a test: no threshold fails the run; bench/RESULTS.md
// records the figures against the target (with ≤ 1.2 × without, median and
// p95).
//
//   npm run bench:strapi
//   npm run bench:strapi -- --updates 400 --block 25 --warmup 40
//   npm run bench:strapi -- --mode with --profile   # one side, CPU profile of the
//                                                   # server's measured rounds (bench/out/)
//
// Needs the built linter and plugin: npm ci, then npm run build:strapi-plugin.
import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { filesUnder } from "./files.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const realWorld = join(root, "..", "shared", "corpus", "real-world");
const out = join(root, "bench", "out");
const CAMPAIGN = "plugin::hipaa-lint.campaign";
const CM = `/content-manager/collection-types/${CAMPAIGN}`;

const { values: args } = parseArgs({
  options: {
    updates: { type: "string", default: "200" },
    warmup: { type: "string", default: "40" },
    block: { type: "string", default: "20" },
    templates: { type: "string", default: "8" },
    mode: { type: "string", default: "both" },
    profile: { type: "boolean", default: false },
  },
});
const updates = Number(args.updates);
const warmup = Number(args.warmup);
const blockSize = Number(args.block);
const templateCount = Number(args.templates);
const sides = { both: ["with", "without"], with: ["with"], without: ["without"] }[args.mode];
if (!sides || !(updates > 0) || !(blockSize > 0) || !(warmup >= 0) || !(templateCount > 0)) {
  console.error("usage: node bench/strapi.mjs [--updates N] [--warmup N] [--block N] [--templates N] [--mode both|with|without] [--profile]");
  process.exit(2);
}
for (const [what, path] of [
  ["the shared corpus", realWorld],
  ["the built linter (npm ci builds it)", join(root, "linter", "dist")],
  ["the built plugin (npm run build:strapi-plugin)", join(root, "strapi-plugin", "dist", "server")],
]) {
  if (!existsSync(path)) {
    console.error(`bench:strapi: missing ${what}: ${path}`);
    process.exit(2);
  }
}

const lines = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};
const progress = (line) => process.stderr.write(`  ${line}\n`);

// ---------------------------------------------------------------- templates


/**
 * Campaign bodies of realistic size: whole emails (an MJML document with
 * <mj-body>, an HTML document with <body>; no test fixtures or partials) of
 * shared/corpus/real-world, evenly spread over the middle half of each
 * format's sizes, half MJML and half HTML (with Handlebars or not).
 */
function pickTemplates(count) {
  const all = filesUnder(realWorld, (p) => /\.(mjml|html|hbs)$/.test(p) && !/\/tests?\//.test(p))
    .map((path) => ({ path, size: statSync(path).size, format: path.endsWith(".mjml") ? "mjml" : "html", text: readFileSync(path, "utf8") }))
    .filter((t) => (t.format === "mjml" ? /<mjml[\s>]/.test(t.text) && t.text.includes("<mj-body") : /<body[\s>]/i.test(t.text)));
  const picked = [];
  for (const format of ["mjml", "html"]) {
    const group = all.filter((t) => t.format === format).sort((a, b) => a.size - b.size || a.path.localeCompare(b.path));
    const middle = group.slice(Math.floor(group.length / 4), Math.ceil((group.length * 3) / 4));
    const n = format === "mjml" ? Math.ceil(count / 2) : Math.floor(count / 2);
    for (let i = 0; i < n; i++) picked.push(middle[Math.floor(((i + 0.5) * middle.length) / n)]);
  }
  return picked.map((t) => ({ ...t, name: relative(realWorld, t.path) }));
}

const WORDS = ["spring", "clinic", "update", "welcome", "reminder", "digest", "survey", "event", "news", "portal"];

/** What an editor saves on update number `i`: every update changes subject and body. */
function edit(template, i) {
  let body = template.text.replace(/\b(the|your|our)\b/i, (w) => `${w} ${WORDS[i % WORDS.length]}`);
  body += `\n<!-- revision ${i} -->\n`;
  return {
    title: `Bench: ${template.name}`,
    subject: `Your ${WORDS[(i * 3) % WORDS.length]} news from Sunrise Clinic, edition ${i}`,
    preheader: "What is new at the clinic this month",
    body,
    format: template.format,
    audienceSegment: "Patients who opted in to newsletters",
  };
}

// ---------------------------------------------------------------- server

const templates = pickTemplates(templateCount);
mkdirSync(out, { recursive: true });
const [load1, load5] = loadavg();
say(`# hipaa-lint bench:strapi, ${new Date().toISOString()}`);
say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${(freemem() / 2 ** 30).toFixed(0)} GiB free; node ${process.version}; load average at start ${load1.toFixed(1)} (1 min), ${load5.toFixed(1)} (5 min)`);
say(`command: node bench/strapi.mjs --updates ${updates} --warmup ${warmup} --block ${blockSize} --templates ${templateCount} --mode ${args.mode}${args.profile ? " --profile" : ""}`);
say(`server: the playground Strapi app in a child process (SQLite, 127.0.0.1), driven over HTTP by this process; PUT ${CM}/:documentId`);
say(`campaigns: ${templates.length}, one per template of shared/corpus/real-world (middle half of each format's sizes):`);
for (const t of templates) say(`- ${t.name} (${t.format}, ${t.size} bytes)`);
say();

const server = fork(join(root, "bench", "strapi-server.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const waiting = new Map();
server.on("message", (message) => {
  const resolveMessage = waiting.get(message.type);
  waiting.delete(message.type);
  resolveMessage?.(message);
});
const exited = new Promise((resolveExit) => server.on("exit", (code, signal) => resolveExit({ code, signal })));
exited.then(({ code, signal }) => {
  for (const [type, resolveMessage] of waiting) resolveMessage({ type, error: `the server exited (${signal ?? code})` });
  waiting.clear();
});
/** Sends a message and waits for the server's answer of the same type. */
function ask(message) {
  return new Promise((resolveMessage, reject) => {
    waiting.set(message.type, (answer) => (answer.error ? reject(new Error(answer.error)) : resolveMessage(answer)));
    if (message.type !== "ready") server.send(message);
  });
}
const killServer = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill();
};
process.on("exit", killServer);

// ---------------------------------------------------------------- HTTP

let baseUrl = "";
let token = "";
async function call(method, path, body) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 600)}`);
  return { body: parsed, ms };
}

// ---------------------------------------------------------------- statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? "n/a" : x.toFixed(digits));

// ---------------------------------------------------------------- run

try {
  const ready = await ask({ type: "ready" });
  baseUrl = ready.baseUrl;
  if (ready.lintOnSave !== true) throw new Error(`the playground's lintOnSave is ${ready.lintOnSave}: the bench expects the default (true)`);

  const password = "Bench-pass-1234";
  await call("POST", "/admin/register-admin", { firstname: "Bench", lastname: "Admin", email: "bench@example.org", password });
  token = (await call("POST", "/admin/login", { email: "bench@example.org", password })).body.data.token;
  const categories = (await call("GET", "/hipaa-lint/consent-categories")).body.data;
  const category = categories.find((c) => c.key === "newsletters");
  if (!category) throw new Error("the playground has no 'newsletters' consent category");

  const campaigns = [];
  for (const [i, template] of templates.entries()) {
    const created = (await call("POST", CM, { ...edit(template, -1 - i), consentCategory: category.documentId })).body.data;
    campaigns.push({ template, documentId: created.documentId, hash: created.contentHash });
  }

  let lintOnSave = true;
  async function setLintOnSave(value) {
    const answer = await ask({ type: "lintOnSave", value });
    if (answer.value !== value) throw new Error(`lintOnSave is ${answer.value}, expected ${value}`);
    lintOnSave = value;
  }

  // Each side goes through the campaigns in the same order (so both see the
  // same mix of templates whatever the block size); every update's content
  // is new (the revision number is global).
  let revision = 0;
  const nextCampaign = { with: 0, without: 0 };
  const statuses = { with: {}, without: {} };
  let lastWith = null;
  /** One update of the next campaign; checks that lint ran (or did not). */
  async function update(side, record) {
    const campaign = campaigns[nextCampaign[side]++ % campaigns.length];
    const data = edit(campaign.template, revision++);
    const { body, ms } = await call("PUT", `${CM}/${campaign.documentId}`, data);
    const saved = body.data;
    if (side === "with") {
      if (!saved.lintReport || !/^[0-9a-f]{64}$/.test(saved.contentHash ?? "") || saved.contentHash === campaign.hash) {
        throw new Error(`update with lint: the response carries no fresh lint report (status ${saved.reviewStatus}, hash ${saved.contentHash})`);
      }
      campaign.hash = saved.contentHash;
      lastWith = { data, saved };
    } else if (saved.reviewStatus !== null || saved.lintReport !== null) {
      throw new Error(`update without lint: the response carries a report (status ${saved.reviewStatus})`);
    }
    const key = String(saved.reviewStatus);
    if (record) statuses[side][key] = (statuses[side][key] ?? 0) + 1;
    return ms;
  }

  const usage = async () => await ask({ type: "usage" });
  const results = Object.fromEntries(sides.map((s) => [s, { ms: [], cpuMs: [], blockMedians: [], relintMs: [] }]));

  /** A block of `n` updates on `side`; returns latencies and the server's CPU time per update. */
  async function block(side, n, record) {
    const want = side === "with";
    if (lintOnSave !== want) await setLintOnSave(want);
    const before = (await usage()).cpu;
    const ms = [];
    for (let i = 0; i < n; i++) ms.push(await update(side, record));
    const { cpu: after, relintMs } = await usage();
    const cpuPerUpdate = (after.user - before.user + after.system - before.system) / 1000 / n;
    if (record) {
      results[side].ms.push(...ms);
      results[side].cpuMs.push(cpuPerUpdate);
      results[side].blockMedians.push(median(ms));
      results[side].relintMs.push(...relintMs);
    }
  }

  /** Rounds of one block per side, the order flipped every round: A B B A A B ... */
  async function rounds(total, record, label) {
    const count = Math.ceil(total / blockSize);
    for (let r = 0; r < count; r++) {
      const n = Math.min(blockSize, total - r * blockSize);
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) await block(side, n, record);
      progress(`${label}: round ${r + 1}/${count}, load ${loadavg()[0].toFixed(1)}`);
    }
  }

  if (warmup > 0) await rounds(warmup, false, "warm-up");
  const loadDuring = [];
  const timer = setInterval(() => loadDuring.push(loadavg()[0]), 5000);
  const profilePath = join(out, `strapi-server-${args.mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
  if (args.profile) await ask({ type: "profile-start" });
  await rounds(updates, true, "measured");
  if (args.profile) await ask({ type: "profile-stop", path: profilePath });
  clearInterval(timer);
  loadDuring.push(loadavg()[0]);

  // The report stored on save is the one the linter gives for that content.
  let sameReport = "n/a (no update with lint)";
  if (lastWith) {
    const { data, saved } = lastWith;
    const live = (await call("POST", "/hipaa-lint/lint", { subject: data.subject, preheader: data.preheader, body: data.body, format: data.format, consentCategory: category.key, audienceSegment: data.audienceSegment })).body;
    const same = live.meta.contentHash === saved.contentHash && JSON.stringify(live.meta.report.findings) === JSON.stringify(saved.lintReport.findings);
    if (!same) throw new Error("the report stored on save differs from POST /hipaa-lint/lint's for the same content");
    sameReport = `yes (${saved.lintReport.findings.length} findings, status ${saved.reviewStatus})`;
  }

  say(`## campaign update latency, ms (${updates} measured updates per side after ${warmup} warm-up, blocks of ${blockSize}, alternating)`);
  say(`| lintOnSave | median | p95 | mean | min | max | server CPU ms / update (median of blocks) | review status after the save |`);
  say(`|---|---|---|---|---|---|---|---|`);
  for (const side of sides) {
    const r = results[side];
    const st = Object.entries(statuses[side]).map(([k, v]) => `${k} ${v}`).join(", ");
    say(`| ${side === "with" ? "true (with lint)" : "false (without)"} | ${fmt(median(r.ms))} | ${fmt(percentile(r.ms, 95))} | ${fmt(mean(r.ms))} | ${fmt(Math.min(...r.ms))} | ${fmt(Math.max(...r.ms))} | ${fmt(median(r.cpuMs))} | ${st} |`);
  }
  say();
  if (sides.length === 2) {
    const w = results.with;
    const wo = results.without;
    const ratio = { median: median(w.ms) / median(wo.ms), p95: percentile(w.ms, 95) / percentile(wo.ms, 95) };
    const perRound = median(w.blockMedians.map((m, i) => m / wo.blockMedians[i]));
    const cpu = median(w.cpuMs) / median(wo.cpuMs);
    const verdict = (x) => (x <= 1.2 ? "≤ 1.2: holds" : "> 1.2: does not hold");
    say(`ratio with / without: median **${fmt(ratio.median, 3)}** (${verdict(ratio.median)}), p95 **${fmt(ratio.p95, 3)}** (${verdict(ratio.p95)})`);
    say(`also: median of per-block median ratios ${fmt(perRound, 3)}; server CPU per update ${fmt(cpu, 3)}`);
    say(`lint cost per update: median +${fmt(median(w.ms) - median(wo.ms))} ms, p95 +${fmt(percentile(w.ms, 95) - percentile(wo.ms, 95))} ms`);
  }
  if (results.with?.relintMs.length) {
    const r = results.with.relintMs;
    say(`inside the server, relint (lint, its queries and writes) per update with lint: median ${fmt(median(r))} ms, p95 ${fmt(percentile(r, 95))} ms`);
  }
  say(`stored report = POST /hipaa-lint/lint's report for the same content: ${sameReport}`);
  say(`load average (1 min) during the measured rounds: ${fmt(Math.min(...loadDuring))} to ${fmt(Math.max(...loadDuring))}; at end ${fmt(loadavg()[0])} (1 min), ${fmt(loadavg()[1])} (5 min)`);

  await ask({ type: "lintOnSave", value: true });
  server.send({ type: "close" });
  await exited;
  if (args.profile) say(`CPU profile of the server during the measured rounds: ${relative(root, profilePath)} (node bench/profile-summary.mjs FILE)`);
  writeFileSync(join(out, "strapi-latest.md"), `${lines.join("\n")}\n`);
  console.log(`\nwritten: bench/out/strapi-latest.md`);
} catch (error) {
  console.error(`bench:strapi: ${error.stack ?? error}`);
  killServer();
  process.exitCode = 1;
}
