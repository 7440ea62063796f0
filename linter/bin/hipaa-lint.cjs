#!/usr/bin/env node
"use strict";
// Starts the bundled CLI (dist/bundle/cli.cjs, made by scripts/bundle.mjs)
// with the V8 code cache made at build time (scripts/write-code-cache.mjs):
// V8 then reads the compiled functions instead of parsing and compiling
// 1.5 MB of JavaScript, a fifth of a one-file run. A cache from another Node
// version, other V8 flags or another build is rejected by V8 itself, and the
// bundle is compiled as usual. CommonJS because Node 20 offers no code cache
// for ES modules.
const { readFileSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "..", "dist", "bundle", "cli.cjs");
const CODE_CACHE = `${bundle}.code-cache`;

let cachedData;
try {
  cachedData = readFileSync(CODE_CACHE);
} catch {
  // No cache (a build without one): compile as usual.
}
// The wrapper Node gives a CommonJS module, plus this file's import(): a
// vm.Script's own has no module loader behind it (src/import-module.ts).
const source = `(function (exports, require, module, __filename, __dirname, __hipaaLintImport) {${readFileSync(bundle, "utf8")}\n})`;
const script = new Script(source, { filename: bundle, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(bundle), cli, bundle, dirname(bundle), (url) => import(url));

// Build time only: scripts/write-code-cache.mjs runs the CLI with this set
// and keeps what V8 compiled by the end of the run.
if (process.env.HIPAA_LINT_WRITE_CODE_CACHE === "1") {
  process.on("exit", () => writeFileSync(CODE_CACHE, script.createCachedData()));
}

cli.exports.main();
