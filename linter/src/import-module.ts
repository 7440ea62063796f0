/**
 * `import()` of a JavaScript config file, in a module of its own: the CLI
 * bundle is compiled from a V8 code cache (bin/hipaa-lint.cjs), where an
 * `import()` written in the bundle has no module loader to call. Its build
 * (scripts/bundle.mjs) replaces this module with one that calls the bin's
 * own `import()`; everywhere else it is what it says.
 */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}
