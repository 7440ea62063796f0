export const PLUGIN_ID = "hipaa-lint";
