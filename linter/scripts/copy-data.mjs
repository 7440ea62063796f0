// Copies what tsc does not emit into dist/: each rule's README (SARIF help,
// --list-rules docs) and the rules' data files (lexicons).
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const rulesSrc = join(here, "..", "..", "rules");
const rulesOut = join(here, "..", "dist", "rules");
const DATA = /\.(md|json|ya?ml|txt)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (DATA.test(name) && !name.endsWith(".test.ts")) {
      const target = join(rulesOut, relative(rulesSrc, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
if (existsSync(rulesSrc)) walk(rulesSrc);
