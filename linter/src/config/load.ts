import { readdir } from "node:fs/promises";
import { dirname, isAbsolute, parse as parsePath, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { lilconfig, type Loader } from "lilconfig";
import picomatch from "picomatch";
import { z } from "zod";
import type { TemplateFormat } from "../model.js";
import type { LintSettings, Rule, Severity } from "../rule-api.js";
import { ConfigError, closestName } from "./errors.js";
import { loadYaml } from "../yaml.js";
import { DEFAULT_CONSENT_CATEGORIES, PRESETS, settingsShape, type ConfigData } from "./schema.js";
import { importModule } from "../import-module.js";

export { ConfigError } from "./errors.js";

export const CONFIG_FILE_NAMES = [
  "hipaa-lint.config.json",
  "hipaa-lint.config.yaml",
  "hipaa-lint.config.yml",
  "hipaa-lint.config.mjs",
  "hipaa-lint.config.js",
  ".hipaalintrc",
  ".hipaalintrc.json",
  ".hipaalintrc.yaml",
  "package.json",
];

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface RuleSetting {
  severity: Severity;
  options: unknown;
}

/** The config that applies to one file, after extends, overrides and CLI flags. */
export interface EffectiveConfig {
  rules: Record<string, RuleSetting>;
  settings: LintSettings;
  format: TemplateFormat | null;
  maxFileSize: number;
}

/** A config file as loaded and validated, with where it came from. */
export interface LoadedConfig {
  filePath: string | null;
  data: ConfigData;
}

function positionOf(content: string, offset: number): string {
  const before = content.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

const loadJson: Loader = (filePath, content) => {
  try {
    return content.trim() ? JSON.parse(content) : {};
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    throw new ConfigError(filePath, at ? positionOf(content, Number(at[1])) : "", `invalid JSON: ${message}`);
  }
};

// yaml is loaded only when a YAML config is found.
const yamlConfigLoader: Loader = async (filePath, content) => {
  const { parse: parseYaml, YAMLParseError } = await loadYaml();
  try {
    return parseYaml(content) ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new ConfigError(filePath, pos ? `${pos.line}:${pos.col}` : "", `invalid YAML: ${error.message.split("\n")[0]}`);
    }
    throw error;
  }
};

/** JavaScript configs run code: they are imported, so only use ones you trust. */
const loadModule: Loader = async (filePath) => {
  let mod: { default?: unknown };
  try {
    mod = (await importModule(pathToFileURL(filePath).href)) as { default?: unknown };
  } catch (error) {
    // Found while searching for a template's config: name the config, not the template.
    throw new ConfigError(filePath, "", `cannot load: ${(error as Error)?.message ?? String(error)}`);
  }
  return mod.default ?? mod;
};

const loaders = {
  ".json": loadJson,
  ".yaml": yamlConfigLoader,
  ".yml": yamlConfigLoader,
  ".mjs": loadModule,
  ".js": loadModule,
  noExt: yamlConfigLoader,
};

const explorer = lilconfig("hipaa-lint", {
  searchPlaces: CONFIG_FILE_NAMES,
  packageProp: "hipaa-lint",
  loaders,
  stopDir: parsePath(process.cwd()).root,
});

/** Validates raw config data against the schema and each rule's options. */
export function validateConfig(raw: unknown, filePath: string | null, rules: readonly Rule[]): ConfigData {
  const where = filePath ?? "<config>";
  const structural = buildValidationSchema();
  const parsed = structural.safeParse(raw);
  if (!parsed.success) throw ConfigError.fromZod(where, parsed.error, []);
  const data = parsed.data as ConfigData;
  validateRules(data.rules, ["rules"], where, rules);
  data.overrides?.forEach((o, i) => validateRules(o.rules, ["overrides", String(i), "rules"], where, rules));
  return data;
}

let validationSchema: z.ZodType | null = null;
function buildValidationSchema(): z.ZodType {
  if (validationSchema) return validationSchema;
  // Rules are checked one by one afterwards, for messages that name the rule.
  const rules = z.record(z.string(), z.unknown());
  const stringList = z.array(z.string().min(1));
  const format = z.enum(["mjml", "html", "markdown"]);
  validationSchema = z.strictObject({
    $schema: z.string().optional(),
    root: z.boolean().optional(),
    extends: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    rules: rules.optional(),
    overrides: z
      .array(
        z.strictObject({
          files: z.union([z.string().min(1), stringList.min(1)]),
          excludedFiles: z.union([z.string().min(1), stringList]).optional(),
          rules: rules.optional(),
          format: format.optional(),
          ...settingsShape,
        }),
      )
      .optional(),
    ignores: stringList.optional(),
    formats: z.record(z.string(), format).optional(),
    maxFileSize: z.number().int().positive().optional(),
    approvals: z.string().min(1).optional(),
    ...settingsShape,
  });
  return validationSchema;
}

const SEVERITIES: Record<string, Severity> = { off: "off", warn: "warn", error: "error", "0": "off", "1": "warn", "2": "error" };

function validateRules(rulesConfig: Record<string, unknown> | undefined, path: string[], where: string, rules: readonly Rule[]): void {
  if (!rulesConfig) return;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, entry] of Object.entries(rulesConfig)) {
    const keyPath = [...path, id];
    const rule = byId.get(id);
    if (!rule) {
      const guess = closestName(id, [...byId.keys()]);
      throw new ConfigError(where, keyPath.join("."), `unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ""}`);
    }
    const [severity, options, ...extra] = Array.isArray(entry) ? entry : [entry];
    const severityPath = Array.isArray(entry) ? [...keyPath, "0"] : keyPath;
    if (typeof severity !== "string" && typeof severity !== "number") {
      throw new ConfigError(where, severityPath.join("."), `expected a severity "off" | "warn" | "error" (or 0 | 1 | 2), or [severity, options]; got ${JSON.stringify(entry)}`);
    }
    if (!(String(severity) in SEVERITIES)) {
      throw new ConfigError(where, severityPath.join("."), `expected a severity "off" | "warn" | "error" (or 0 | 1 | 2); got ${JSON.stringify(severity)}`);
    }
    if (extra.length) throw new ConfigError(where, [...keyPath, "2"].join("."), "expected [severity] or [severity, options]");
    if (Array.isArray(entry) && entry.length > 1) {
      const result = rule.meta.options.safeParse(options);
      if (!result.success) throw ConfigError.fromZod(where, result.error, [...keyPath, "1"]);
    }
  }
}

export function toSeverity(value: unknown): Severity {
  return SEVERITIES[String(value)] ?? "off";
}

const loadedFiles = new Map<string, Promise<LoadedConfig>>();

/** Loads and validates one config file (cached by path). */
export function loadConfigFile(filePath: string, rules: readonly Rule[]): Promise<LoadedConfig> {
  const absolute = resolve(filePath);
  let pending = loadedFiles.get(absolute);
  if (!pending) {
    pending = (async () => {
      let result;
      try {
        result = await explorer.load(absolute);
      } catch (error) {
        if (error instanceof ConfigError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new ConfigError(absolute, "", "config file not found");
        throw new ConfigError(absolute, "", (error as Error).message);
      }
      const raw = result?.config ?? {};
      return { filePath: absolute, data: validateConfig(raw, absolute, rules) };
    })();
    loadedFiles.set(absolute, pending);
  }
  return pending;
}

// Whether a folder holds a file with a config file's name, from one readdir per
// folder. lilconfig tries each of the 9 names in each folder with fs.access,
// and a failed access costs an exception: over a tree of 10,000 templates that
// was a quarter of a run served from the cache.
const candidateFolders = new Map<string, Promise<boolean>>();
function hasCandidate(dir: string): Promise<boolean> {
  let pending = candidateFolders.get(dir);
  if (!pending) {
    pending = readdir(dir).then(
      (names) => names.some((name) => CONFIG_FILE_NAMES.includes(name)),
      () => true, // cannot list it: let lilconfig look
    );
    candidateFolders.set(dir, pending);
  }
  return pending;
}

/**
 * The nearest folder, from `dir` up, that may hold a config (lilconfig
 * decides); null when none can. Remembered per folder, so the files of a
 * folder, and the subfolders of a parent, share one walk up.
 */
const nearestCandidates = new Map<string, Promise<string | null>>();
function firstCandidateFolder(dir: string): Promise<string | null> {
  let nearest = nearestCandidates.get(dir);
  if (!nearest) {
    const parent = dirname(dir);
    nearest = hasCandidate(dir).then((has) => (has ? dir : parent === dir ? null : firstCandidateFolder(parent)));
    nearestCandidates.set(dir, nearest);
  }
  return nearest;
}

/** Finds the config nearest to a file by walking up its folders; null when none. */
export function findConfigFor(filePath: string, rules: readonly Rule[]): Promise<LoadedConfig | null> {
  // The files of a folder share its answer: one lookup per folder, not per file.
  const dir = dirname(resolve(filePath));
  let pending = folderConfigs.get(dir);
  if (!pending) {
    pending = findConfigFrom(dir, rules);
    folderConfigs.set(dir, pending);
  }
  return pending;
}
const folderConfigs = new Map<string, Promise<LoadedConfig | null>>();

async function findConfigFrom(dir: string, rules: readonly Rule[]): Promise<LoadedConfig | null> {
  let found;
  try {
    const from = await firstCandidateFolder(dir);
    found = from === null ? null : await explorer.search(from);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(dir, "", (error as Error).message);
  }
  if (!found) return null;
  return loadConfigFile(found.filepath, rules);
}

export function clearConfigCaches(): void {
  loadedFiles.clear();
  candidateFolders.clear();
  nearestCandidates.clear();
  folderConfigs.clear();
  explorer.clearCaches();
}

function emptySettings(): LintSettings {
  return {
    consentCategories: [...DEFAULT_CONSENT_CATEGORIES],
    lexicons: { conditions: { add: [], remove: [] } },
    phiFields: { add: [], allow: [] },
    cta: { allow: [] },
  };
}

type SettingsInput = Pick<ConfigData, "consentCategories" | "lexicons" | "phiFields" | "cta">;

function mergeSettings(into: LintSettings, from: SettingsInput): void {
  if (from.consentCategories) into.consentCategories = [...from.consentCategories];
  into.lexicons.conditions.add.push(...(from.lexicons?.conditions?.add ?? []));
  into.lexicons.conditions.remove.push(...(from.lexicons?.conditions?.remove ?? []));
  for (const entry of from.phiFields?.add ?? []) {
    into.phiFields.add.push(typeof entry === "string" ? { name: entry, category: "configured PHI field" } : entry);
  }
  into.phiFields.allow.push(...(from.phiFields?.allow ?? []));
  into.cta.allow.push(...(from.cta?.allow ?? []));
}

function applyRules(into: Record<string, RuleSetting>, rulesConfig: Record<string, unknown> | undefined, rules: readonly Rule[]): void {
  if (!rulesConfig) return;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, entry] of Object.entries(rulesConfig)) {
    const rule = byId.get(id);
    if (!rule) continue;
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    const previous = into[id];
    into[id] = {
      severity: toSeverity(severity),
      options: Array.isArray(entry) && entry.length > 1 ? rule.meta.options.parse(options) : previous?.options ?? rule.meta.options.parse(undefined),
    };
  }
}

export function presetRules(name: string, rules: readonly Rule[]): Record<string, RuleSetting> {
  const result: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const severity = name === "hipaa-lint:strict" && rule.meta.defaultSeverity !== "off" ? "error" : rule.meta.defaultSeverity;
    const strictOptions = name === "hipaa-lint:strict" ? rule.meta.strictOptions : undefined;
    result[rule.meta.id] = { severity, options: rule.meta.options.parse(strictOptions) };
  }
  return result;
}

/**
 * Computes the effective config of one file: extends (presets or files),
 * then the config's rules and settings, then matching overrides.
 */
export async function effectiveConfigFor(
  loaded: LoadedConfig | null,
  filePath: string | null,
  rules: readonly Rule[],
  seen: Set<string> = new Set(),
): Promise<EffectiveConfig> {
  const config: EffectiveConfig = { rules: presetRules("hipaa-lint:recommended", rules), settings: emptySettings(), format: null, maxFileSize: DEFAULT_MAX_FILE_SIZE };
  if (!loaded) return config;
  const data = loaded.data;
  const base = loaded.filePath ? dirname(loaded.filePath) : process.cwd();
  const extendsList = data.extends === undefined ? ["hipaa-lint:recommended"] : Array.isArray(data.extends) ? data.extends : [data.extends];
  if (data.extends !== undefined) config.rules = Object.fromEntries(rules.map((r) => [r.meta.id, { severity: "off" as Severity, options: r.meta.options.parse(undefined) }]));
  for (const [i, name] of extendsList.entries()) {
    if (name.startsWith("hipaa-lint:")) {
      if (!(PRESETS as readonly string[]).includes(name)) {
        throw new ConfigError(loaded.filePath ?? "<config>", Array.isArray(data.extends) ? `extends.${i}` : "extends", `unknown preset "${name}"; expected one of ${PRESETS.join(", ")} or a path to a config file`);
      }
      Object.assign(config.rules, presetRules(name, rules));
      continue;
    }
    const target = isAbsolute(name) ? name : resolve(base, name);
    if (seen.has(target)) throw new ConfigError(loaded.filePath ?? "<config>", "extends", `circular extends through ${target}`);
    let parentConfig: LoadedConfig;
    try {
      parentConfig = await loadConfigFile(target, rules);
    } catch (error) {
      // A missing file is the extending config's mistake: name it and its key.
      if (error instanceof ConfigError && error.filePath === target && !error.keyPath) {
        throw new ConfigError(loaded.filePath ?? "<config>", Array.isArray(data.extends) ? `extends.${i}` : "extends", `${error.detail}: ${target}`);
      }
      throw error;
    }
    const parent = await effectiveConfigFor(parentConfig, filePath, rules, new Set([...seen, target]));
    Object.assign(config.rules, parent.rules);
    config.settings = parent.settings;
    config.format = parent.format ?? config.format;
    config.maxFileSize = parent.maxFileSize;
  }
  applyRules(config.rules, data.rules, rules);
  mergeSettings(config.settings, data);
  if (data.maxFileSize) config.maxFileSize = data.maxFileSize;
  if (filePath) {
    const rel = relative(base, resolve(filePath)).split("\\").join("/");
    for (const [glob, format] of Object.entries(data.formats ?? {})) {
      if (picomatch(glob, { dot: true, matchBase: !glob.includes("/") })(rel)) config.format = format;
    }
    for (const override of data.overrides ?? []) {
      const files = Array.isArray(override.files) ? override.files : [override.files];
      const excluded = override.excludedFiles === undefined ? [] : Array.isArray(override.excludedFiles) ? override.excludedFiles : [override.excludedFiles];
      const matches = (globs: string[]) => globs.some((g) => picomatch(g, { dot: true, matchBase: !g.includes("/") })(rel));
      if (!matches(files) || matches(excluded)) continue;
      applyRules(config.rules, override.rules, rules);
      mergeSettings(config.settings, override);
      if (override.format) config.format = override.format;
    }
  }
  return config;
}

/** Whether a config's `ignores` exclude the file. */
export function isIgnoredByConfig(loaded: LoadedConfig | null, filePath: string): boolean {
  const ignores = loaded?.data.ignores;
  if (!loaded?.filePath || !ignores?.length) return false;
  const rel = relative(dirname(loaded.filePath), resolve(filePath)).split("\\").join("/");
  if (rel.startsWith("..")) return false;
  return picomatch(ignores, { dot: true, matchBase: false })(rel) || ignores.some((g) => picomatch(`${g.replace(/\/$/, "")}/**`, { dot: true })(rel));
}
