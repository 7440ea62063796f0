// Shared by the bench scripts: the files of a folder tree, in a stable order.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir` that passes `test`, depth first, names sorted: the same list on every run. */
export function filesUnder(dir, test) {
  const found = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (test(path)) found.push(path);
    }
  })(dir);
  return found;
}
