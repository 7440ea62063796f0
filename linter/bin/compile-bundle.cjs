"use strict";
// Compiles the bundled CLI (dist/bundle/cli.cjs, made by scripts/bundle.mjs)
// with the V8 code cache made at build time (scripts/write-code-cache.mjs),
// for bin/hipaa-lint.cjs. V8 then reads the compiled functions instead of
// parsing and compiling 1.5 MB of JavaScript, a fifth of a one-file run.
// CommonJS because Node 20 offers no code cache for ES modules.
//
// V8 accepts a cache for a source of the same length made by the same V8
// with the same flags; it does not compare the source itself. So the cache
// file starts with the sha256 of the bundle it was made from, and is used
// only for that bundle: a cache from another build, another Node version or
// other flags is ignored and the bundle compiles as usual.
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

const BUNDLE = join(__dirname, "..", "dist", "bundle", "cli.cjs");
const CODE_CACHE = `${BUNDLE}.code-cache`;
const HASH_BYTES = 32;

/**
 * The bundle runs as the body of this function, as Node runs a CommonJS
 * module, with two more parameters: its own URL (scripts/bundle.mjs puts
 * it where a module would read import.meta.url) and the caller's import(),
 * since a vm.Script's own import() has no module loader behind it
 * (src/import-module.ts).
 */
const WRAPPER_PARAMETERS = "exports, require, module, __filename, __dirname, __hipaaLintBundleUrl, __hipaaLintImport";

function bundleHash(bytes) {
  return createHash("sha256").update(bytes).digest();
}

/** The cache's compiled code when it was made from exactly this bundle (its bytes); otherwise undefined. */
function cachedDataFor(bytes) {
  let file;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return undefined; // none (a build without one): compile as usual
  }
  if (file.length <= HASH_BYTES || !file.subarray(0, HASH_BYTES).equals(bundleHash(bytes))) return undefined;
  return file.subarray(HASH_BYTES);
}

/**
 * Compiles the bundle (with the code cache unless `useCache` is false) and
 * runs its top level. `importModule` is the caller's `(url) => import(url)`.
 * Returns the bundle's exports (main()), whether the cache was used, and
 * `codeCache()`: the cache file's content for what V8 has compiled so far.
 */
function loadBundle(importModule, { useCache = true } = {}) {
  // Hashed as bytes (6 ms of a run), not as the decoded text, which would be encoded again.
  const bytes = readFileSync(BUNDLE);
  const cachedData = useCache ? cachedDataFor(bytes) : undefined;
  const script = new Script(`(function (${WRAPPER_PARAMETERS}) {${bytes.toString("utf8")}\n})`, { filename: BUNDLE, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, createRequire(BUNDLE), cli, BUNDLE, dirname(BUNDLE), pathToFileURL(BUNDLE).href, importModule);
  return {
    cli: cli.exports,
    /** Whether V8 compiled from the cache (false: no cache for this bundle, or V8 refused it). */
    usedCache: cachedData !== undefined && script.cachedDataRejected !== true,
    codeCache: () => Buffer.concat([bundleHash(bytes), script.createCachedData()]),
  };
}

module.exports = { loadBundle, BUNDLE, CODE_CACHE };
