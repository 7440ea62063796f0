import { appendFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { DEV_CORPUS, ROOT, runCli, tempDir } from "../helpers.js";

const BUNDLE = join(ROOT, "linter", "dist", "bundle", "cli.cjs");
const CODE_CACHE = `${BUNDLE}.code-cache`;

/** Compiles the bundle with the code cache the way bin/hipaa-lint.cjs does; true when V8 rejects the cache. */
function cacheRejected(bundle: string, cache: Buffer): boolean {
  const source = `(function (exports, require, module, __filename, __dirname, __hipaaLintImport) {${readFileSync(bundle, "utf8")}\n})`;
  return new Script(source, { filename: bundle, cachedData: cache }).cachedDataRejected === true;
}

/** A copy of the built linter (bin and dist) that resolves packages from this repository's node_modules. */
function copyOfLinter(): string {
  const dir = tempDir("hipaa-lint-code-cache-");
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(ROOT, "linter", part), join(dir, "linter", part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

describe("the bin's V8 code cache", { timeout: 120_000 }, () => {
  it("the build writes a cache that V8 accepts for the bundle", () => {
    const cache = readFileSync(CODE_CACHE);
    expect(cache.length).toBeGreaterThan(100_000); // the sample run compiled the parsers and rules, not only the top level
    expect(cacheRejected(BUNDLE, cache)).toBe(false);
  });

  it("a missing, corrupt or stale cache changes nothing but speed", () => {
    const expected = runCli(["--format", "json", DEV_CORPUS]);
    expect(expected.status).toBe(1);
    const dir = copyOfLinter();
    try {
      const bin = join(dir, "linter", "bin", "hipaa-lint.cjs");
      const bundle = join(dir, "linter", "dist", "bundle", "cli.cjs");
      const cache = `${bundle}.code-cache`;
      const lint = () => spawnSync(process.execPath, [bin, "--format", "json", DEV_CORPUS], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const cases: [string, () => void][] = [
        ["corrupt", () => writeFileSync(cache, Buffer.from("not a code cache"))],
        ["missing", () => rmSync(cache)],
        [
          "stale",
          () => {
            writeFileSync(cache, readFileSync(CODE_CACHE));
            appendFileSync(bundle, "\n// another build\n");
            expect(cacheRejected(bundle, readFileSync(cache))).toBe(true);
          },
        ],
      ];
      for (const [name, breakIt] of cases) {
        breakIt();
        const run = lint();
        expect(run.status, `${name}: ${run.stderr}`).toBe(1);
        expect(run.stderr, name).toBe("");
        expect(run.stdout, name).toBe(expected.stdout);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
