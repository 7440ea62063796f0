import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_CORPUS, ROOT, runCli, tempDir } from "../helpers.js";

const require = createRequire(import.meta.url);

interface LoadedBundle {
  usedCache: boolean;
}
type LoadBundle = (importModule: (url: string) => Promise<unknown>) => LoadedBundle;

/** bin/compile-bundle.cjs of a linter folder (a fresh copy of the module each time, so it reads its files again). */
function loaderOf(linterDir: string): { loadBundle: LoadBundle; BUNDLE: string; CODE_CACHE: string } {
  const path = join(linterDir, "bin", "compile-bundle.cjs");
  delete require.cache[path];
  return require(path) as { loadBundle: LoadBundle; BUNDLE: string; CODE_CACHE: string };
}

/** A copy of the built linter (bin and dist) that resolves packages from this repository's node_modules. */
function copyOfLinter(): string {
  const dir = tempDir("hipaa-lint-code-cache-");
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(ROOT, "linter", part), join(dir, "linter", part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return join(dir, "linter");
}

const importModule = (url: string) => import(url);

describe("the bin's V8 code cache", { timeout: 120_000 }, () => {
  it("the build writes a cache that the bundle is compiled from", () => {
    const { loadBundle, CODE_CACHE } = loaderOf(join(ROOT, "linter"));
    expect(readFileSync(CODE_CACHE).length).toBeGreaterThan(100_000); // the sample run compiled the parsers and rules, not only the top level
    expect(loadBundle(importModule).usedCache).toBe(true);
  });

  it("a missing, corrupt or stale cache is not used, and changes nothing but speed", () => {
    const expected = runCli(["--format", "json", DEV_CORPUS]);
    expect(expected.status).toBe(1);
    const linter = copyOfLinter();
    try {
      const { BUNDLE, CODE_CACHE } = loaderOf(linter);
      const goodCache = readFileSync(CODE_CACHE);
      const lint = () => spawnSync(process.execPath, [join(linter, "bin", "hipaa-lint.cjs"), "--format", "json", DEV_CORPUS], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const cases: [string, () => void][] = [
        ["corrupt", () => writeFileSync(CODE_CACHE, Buffer.from("not a code cache"))],
        ["from another build", () => writeFileSync(CODE_CACHE, Buffer.concat([Buffer.alloc(32), goodCache.subarray(32)]))],
        ["missing", () => rmSync(CODE_CACHE)],
        [
          // V8 itself would take this one: it checks the source's length, not its text.
          "stale, for a bundle of the same length",
          () => {
            writeFileSync(CODE_CACHE, goodCache);
            const source = readFileSync(BUNDLE, "utf8");
            const edited = source.replace('"use strict";', "'use strict';");
            expect(edited).not.toBe(source);
            expect(edited.length).toBe(source.length);
            writeFileSync(BUNDLE, edited);
          },
        ],
      ];
      for (const [name, breakIt] of cases) {
        breakIt();
        expect(loaderOf(linter).loadBundle(importModule).usedCache, name).toBe(false);
        const run = lint();
        expect(run.status, `${name}: ${run.stderr}`).toBe(1);
        expect(run.stderr, name).toBe("");
        expect(run.stdout, name).toBe(expected.stdout);
      }
    } finally {
      rmSync(join(linter, ".."), { recursive: true, force: true });
    }
  });

  it("JavaScript config files still load (import() goes through the bin)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "hipaa-lint.config.mjs"), 'export default { rules: { "require-consent-category": "off", "require-unsubscribe": "off" } };\n');
    writeFileSync(join(dir, "t.html"), "<p>Spring wellness tips</p>\n");
    const run = runCli(["t.html"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
