// Writes dist/build-id.txt: a hash of everything in dist/ (compiled code,
// prepared lexicons, rule docs). The result cache keys on it with the version,
// so a rebuilt linter never reuses results from an older build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const out = join(dist, "build-id.txt");
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    // The code cache is written after this (write-code-cache.mjs) and changes no result.
    else if (path !== out && !name.endsWith(".map") && !name.endsWith(".tsbuildinfo") && !name.endsWith(".code-cache")) files.push(path);
  }
})(dist);
const hash = createHash("sha256");
for (const path of files.sort()) hash.update(`${relative(dist, path)}\u0000`).update(readFileSync(path)).update("\u0000");
writeFileSync(out, `${hash.digest("hex").slice(0, 32)}\n`);
