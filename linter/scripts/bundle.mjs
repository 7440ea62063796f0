#!/usr/bin/env node
// Bundles the compiled CLI and its worker into dist/bundle/ (build step, after
// tsc). Why: Node's ES module loader resolves, reads and links every module
// separately, and a CLI run loaded some 200 of them (zod alone ~95) before
// linting a byte; one bundle starts in a fraction of that. The library entry
// (dist/linter/src/index.js) stays unbundled: hosts such as the Strapi
// plugin import it as a package.
//
// esbuild: the de-facto bundler for Node code, already in the tree (tsx
// depends on it), fast, and with code splitting for ES modules.
import { build } from "esbuild";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const linterDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(linterDir, "dist");
const outdir = join(dist, "bundle");

// Our modules find files beside themselves through import.meta.url: the
// lexicon data (rules/lexicon), the build id, rule READMEs, and roots for
// require() of CommonJS packages. In the bundle each module keeps the URL of
// its compiled file, so those paths do not change. Except pool.js, which
// starts "./worker.js" beside itself: in the bundle that is the bundled worker.
const KEEPS_BUNDLE_URL = new Set([join(dist, "linter", "src", "pool.js")]);

/** `bundleUrl`: the expression for the bundle file's own URL in the output format. */
const ownModuleUrls = (bundleUrl) => ({
  name: "own-module-urls",
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/](linter|rules)[\\/].*\.js$/ }, async ({ path }) => {
      const contents = await readFile(path, "utf8");
      if (!contents.includes("import.meta.url") || KEEPS_BUNDLE_URL.has(path)) return { contents, loader: "js" };
      const fromBundle = relative(outdir, path).split(sep).join("/");
      return { contents: contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle)}, ${bundleUrl}).href`), loader: "js" };
    });
  },
});

// Chunk names carry content hashes: start empty so no stale chunk is left behind.
await rm(outdir, { recursive: true, force: true });
// zod re-exports all of its 60-odd message locales (`z.locales`); hipaa-lint
// uses its English default only. Without the others the bundle is a third
// smaller, which every start pays for in parsing.
const englishZodMessagesOnly = {
  name: "english-zod-messages-only",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: "js",
    }));
  },
};

// In the CLI bundle, import() is the bin's (bin/compile-bundle.cjs passes it;
// see src/import-module.ts): the bundle runs as a vm.Script, whose own
// import() has no loader behind it.
const importThroughBin = {
  name: "import-through-bin",
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]linter[\\/]src[\\/]import-module\.js$/ }, () => ({
      contents: "export function importModule(url) { return __hipaaLintImport(url); }\n",
      loader: "js",
    }));
  },
};

const common = {
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  // piscina starts its own worker script found through __dirname; the SARIF builder reads its package files: both stay packages.
  external: ["piscina", "node-sarif-builder"],
  logLevel: "warning",
  legalComments: "none",
};

// The CLI: one CommonJS file, so that bin/compile-bundle.cjs can compile it
// with the V8 code cache that scripts/write-code-cache.mjs makes (Node 20 has
// no code cache for ES modules). Parsing and compiling the bundle was a fifth
// of a one-file run. What only some runs need (Markdown, formats, the cache,
// approvals, workers) still runs only when asked for; with the code cache,
// being in the file costs little.
await build({
  ...common,
  entryPoints: { cli: join(dist, "linter", "src", "cli.js") },
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // Every import.meta.url left (dependencies') is the bundle's own URL, as
  // in an ES module bundle: a parameter bin/compile-bundle.cjs passes. (Not
  // a banner: esbuild puts a banner above "use strict", which then no longer
  // makes the bundle strict.)
  define: { "import.meta.url": "__hipaaLintBundleUrl" },
  // importThroughBin first: the first plugin to load a file wins.
  plugins: [importThroughBin, ownModuleUrls("__hipaaLintBundleUrl"), englishZodMessagesOnly],
});

// The worker thread (pool.js starts dist/bundle/worker.js): an ES module
// with lazy chunks, loaded once per worker.
await build({
  ...common,
  entryPoints: { worker: join(dist, "linter", "src", "worker.js") },
  splitting: true,
  format: "esm",
  // CommonJS code in the bundle (zod's is ESM; a few dependencies are not) needs a require of its own in an ES module.
  banner: { js: 'import { createRequire as __hipaaLintCreateRequire } from "node:module"; const require = __hipaaLintCreateRequire(import.meta.url);' },
  chunkNames: "[name]-[hash]",
  plugins: [ownModuleUrls("import.meta.url"), englishZodMessagesOnly],
});
