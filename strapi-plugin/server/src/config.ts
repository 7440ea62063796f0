/**
 * The plugin's server configuration, set in the app's `config/plugins`:
 *
 *   "hipaa-lint": { enabled: true, config: { lintOnSave: false } }
 *
 * Rule settings live in the plugin store (Settings › hipaa-lint), not here:
 * this is only how the plugin works, set by whoever deploys the app.
 */
export interface PluginConfig {
  /**
   * Lint every campaign create, update and clone, and store the report and
   * review status on the draft (default true). When false, a save stores no
   * report and clears the stored one (it would describe other content), so a
   * campaign has no review status until it is linted again; publishing still
   * lints and gates exactly as before: the publish gate does not depend on it.
   */
  lintOnSave: boolean;
}

export const DEFAULT_CONFIG: PluginConfig = { lintOnSave: true };

export function validateConfig(config: unknown): void {
  if (!config || typeof config !== "object") throw new Error("hipaa-lint: the plugin config must be an object.");
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const key of Object.keys(config)) {
    if (!known.has(key)) throw new Error(`hipaa-lint: unknown plugin config key "${key}" (known: ${[...known].join(", ")}).`);
  }
  const { lintOnSave } = config as Partial<PluginConfig>;
  if (typeof lintOnSave !== "boolean") throw new Error(`hipaa-lint: plugin config "lintOnSave" must be true or false, not ${JSON.stringify(lintOnSave)}.`);
}

export default { default: DEFAULT_CONFIG, validator: validateConfig };
