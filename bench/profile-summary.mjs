#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): where the time went,
// counting only samples whose stack passes through a function you name.
//
//   node bench/profile-summary.mjs PROFILE.cpuprofile [--under NAME]... [--top N]
//
// Prints the sampled time under each --under function (inclusive), then,
// for the samples under the first one, self time by package (or file, for
// this repository's code) and the top functions by self and by inclusive
// time. Used to profile bench:strapi's server (npm run bench:strapi --
// --profile); no dependency.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { under: { type: "string", multiple: true, default: [] }, top: { type: "string", default: "25" } },
});
if (positionals.length !== 1) {
  console.error("usage: node bench/profile-summary.mjs PROFILE.cpuprofile [--under NAME]... [--top N]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const top = Number(args.top);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Time of each sample, in ms (V8 gives the delta before each sample). */
const sampleMs = profile.timeDeltas.map((d, i) => (profile.timeDeltas[i + 1] ?? d) / 1000);
const stackOf = (id) => {
  const stack = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(nodes.get(cur));
  return stack; // leaf first
};
const label = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "").replace(/.*\/(linter|rules|strapi-plugin)\//, "$1/");
  return `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
};
const area = (n) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName || "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node core";
  return url.replace(/^file:\/\//, "").replace(/.*\/(linter|rules|strapi-plugin)\//, "$1/");
};

const total = sampleMs.reduce((a, b) => a + b, 0);
console.log(`profile: ${profile.samples.length} samples, ${(total / 1000).toFixed(2)} s sampled`);
const under = (stack, name) => stack.some((n) => n.callFrame.functionName === name);
const stacks = profile.samples.map((id) => stackOf(id));
for (const name of args.under) {
  const ms = stacks.reduce((sum, stack, i) => sum + (under(stack, name) ? sampleMs[i] : 0), 0);
  console.log(`under ${name}: ${ms.toFixed(0)} ms (${((100 * ms) / total).toFixed(1)}% of all)`);
}
const focus = args.under[0];
const chosen = stacks.map((stack, i) => ({ stack, ms: sampleMs[i] })).filter(({ stack }) => !focus || under(stack, focus));
const focusMs = chosen.reduce((a, b) => a + b.ms, 0);

const tally = (key) => {
  const map = new Map();
  for (const { stack, ms } of chosen) map.set(key(stack), (map.get(key(stack)) ?? 0) + ms);
  return [...map].sort((a, b) => b[1] - a[1]);
};
const show = (title, rows) => {
  console.log(`\n${title}`);
  for (const [k, ms] of rows.slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / focusMs).toFixed(1).padStart(5)}%  ${k}`);
};
show(`self time by package / file${focus ? ` (samples under ${focus}: ${focusMs.toFixed(0)} ms)` : ""}`, tally((s) => area(s[0])));
show("self time by function", tally((s) => label(s[0])));
const inclusive = new Map();
for (const { stack, ms } of chosen) for (const k of new Set(stack.map(label))) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
show("inclusive time by function", [...inclusive].sort((a, b) => b[1] - a[1]));
