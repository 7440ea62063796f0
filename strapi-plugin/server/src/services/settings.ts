import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { allRules, ConfigError, effectiveConfigFor, PRESETS, validateConfig, type ConfigInput } from "hipaa-lint";
import { z } from "zod";
import { PLUGIN_ID } from "../constants";

export type BlockingSeverity = "error" | "warn";

/** What the plugin stores: the linter's rule config plus how the publish gate and reviews behave. */
export interface PluginSettings {
  /** A hipaa-lint config object (same schema as hipaa-lint.config.json). Consent categories come from the Consent category collection. */
  config: ConfigInput;
  /** Which finding severities block publishing unless a reviewer approved the content. */
  blockOn: BlockingSeverity[];
  /** When true, a reviewer cannot approve or reject a campaign they edited last. */
  separationOfDuties: boolean;
}

export const DEFAULT_SETTINGS: PluginSettings = {
  config: {},
  blockOn: ["error"],
  separationOfDuties: true,
};

const settingsSchema = z.strictObject({
  config: z.record(z.string(), z.unknown()).optional(),
  blockOn: z.array(z.enum(["error", "warn"])).min(1).optional(),
  separationOfDuties: z.boolean().optional(),
});

/** A 400 that names the offending key, e.g. `config.rules.require-unsubscribe`. */
export function invalidSettings(key: string, detail: string): errors.ValidationError {
  return new errors.ValidationError(`Invalid hipaa-lint settings: ${key}: ${detail}`, { key, detail });
}

/** Validates a (partial) settings object; config goes through the linter's own schema and rule option schemas. */
export async function validateSettings(raw: unknown, base: PluginSettings = DEFAULT_SETTINGS): Promise<PluginSettings> {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return fail([...path, issue.keys[0] ?? ""].join("."), `unknown key "${issue.keys[0]}"`);
    return fail(path.join(".") || "(settings)", issue.message);
  }
  const next: PluginSettings = {
    config: (parsed.data.config as ConfigInput | undefined) ?? base.config,
    blockOn: parsed.data.blockOn ? [...new Set(parsed.data.blockOn)] : base.blockOn,
    separationOfDuties: parsed.data.separationOfDuties ?? base.separationOfDuties,
  };
  if ("consentCategories" in (next.config as object)) {
    return fail("config.consentCategories", "consent categories are managed in the Consent category collection of the content manager, not in settings");
  }
  const extendsValue = (next.config as { extends?: unknown }).extends;
  if (extendsValue !== undefined) {
    const list = Array.isArray(extendsValue) ? extendsValue : [extendsValue];
    list.forEach((name, i) => {
      if (typeof name === "string" && !(PRESETS as readonly string[]).includes(name)) {
        // A config path would make the server read (or, for .js/.mjs, run) a file named by an admin request.
        fail(Array.isArray(extendsValue) ? `config.extends.${i}` : "config.extends", `unknown preset "${name}": settings may extend only ${PRESETS.join(", ")} (config files on the server are not read from settings)`);
      }
    });
  }
  try {
    const data = validateConfig(next.config, null, allRules);
    // resolves `extends`: an unknown preset or config path is refused now, not at the next lint
    await effectiveConfigFor({ filePath: null, data }, null, allRules);
  } catch (error) {
    if (error instanceof ConfigError) {
      const inner = error.keyPath && error.keyPath !== "(top level)" ? `config.${error.keyPath}` : "config";
      return fail(inner, error.detail);
    }
    throw error;
  }
  return next;
}

function fail(key: string, detail: string): never {
  throw invalidSettings(key, detail);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: "plugin", name: PLUGIN_ID, key: "settings" });
  return {
    async get(): Promise<PluginSettings> {
      const stored = (await store().get({})) as Partial<PluginSettings> | null;
      return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
    },
    /** Validates and stores a partial update; returns the full new settings. */
    async update(raw: unknown): Promise<PluginSettings> {
      const current = await this.get();
      const next = await validateSettings(raw, current);
      await store().set({ value: next });
      return next;
    },
  };
};
