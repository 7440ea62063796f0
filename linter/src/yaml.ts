/**
 * The yaml package, loaded at first use (front matter, a YAML config, a
 * `--rule` flag, the lexicon sources) rather than at startup.
 *
 * `loadYaml()` imports it: in the CLI's bundle (scripts/bundle.mjs) that is
 * one prepared chunk instead of some 50 CommonJS files. Callers that cannot
 * wait (a synchronous parse that was not preloaded, the lexicon sources)
 * get it through require, which gives the same module.
 */
import { createRequire } from "node:module";

type Yaml = typeof import("yaml");

const require = createRequire(import.meta.url);
let yamlModule: Yaml | null = null;

/** Loads yaml for later yaml() calls; what async callers use. */
export async function loadYaml(): Promise<Yaml> {
  if (!yamlModule) {
    // yaml is CommonJS: Node gives its exports as named and default exports, a bundle chunk as the default only.
    const imported = (await import("yaml")) as Yaml & { default?: Yaml };
    yamlModule ??= imported.default ?? imported;
  }
  return yamlModule;
}

export function yaml(): Yaml {
  yamlModule ??= require("yaml") as Yaml;
  return yamlModule;
}
