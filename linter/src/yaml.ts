/**
 * The yaml package, loaded at first use (front matter, a YAML config, a
 * `--rule` flag, the lexicon sources) rather than at startup. Through
 * require: yaml is CommonJS under Node, and a require gives the same module
 * object whether this file runs compiled, bundled (scripts/bundle.mjs) or
 * from source.
 */
import { createRequire } from "node:module";

type Yaml = typeof import("yaml");

const require = createRequire(import.meta.url);
let yamlModule: Yaml | null = null;

export function yaml(): Yaml {
  yamlModule ??= require("yaml") as Yaml;
  return yamlModule;
}
