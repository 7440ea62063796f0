import { z } from "zod";
import type { Rule } from "../rule-api.js";

export const PRESETS = ["hipaa-lint:recommended", "hipaa-lint:strict"] as const;

export const DEFAULT_CONSENT_CATEGORIES = [
  "wellness-tips",
  "appointment-reminders",
  "condition-specific-updates",
  "newsletters",
  "events",
];

export const severitySchema = z
  .union([z.enum(["off", "warn", "error"]), z.literal(0), z.literal(1), z.literal(2)])
  .describe('"off" | "warn" | "error" (or 0 | 1 | 2)');

const stringList = z.array(z.string().min(1));

/** A rule's entry: a severity, or [severity, options] with the rule's own options schema. */
function ruleEntrySchema(rule: Rule) {
  return z
    .union([severitySchema, z.tuple([severitySchema]), z.tuple([severitySchema, rule.meta.options])])
    .describe(`${rule.meta.description} (default: ${rule.meta.defaultSeverity})`);
}

function rulesSchema(rules: readonly Rule[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const rule of rules) shape[rule.meta.id] = ruleEntrySchema(rule).optional();
  return z.strictObject(shape).describe("Rule severities and options, by rule id");
}

const formatSchema = z.enum(["mjml", "html", "markdown"]);

/** Settings shared by several rules; the config and an override may both set them. */
export const settingsShape = {
  consentCategories: stringList.optional().describe("Consent categories a template may declare in `consentCategory`"),
  lexicons: z
    .strictObject({
      conditions: z
        .strictObject({
          add: stringList.optional().describe("Conditions, medications, treatments or tests to flag, in addition to the built-in lexicon"),
          remove: stringList.optional().describe("Terms of the built-in lexicon not to flag"),
        })
        .optional(),
    })
    .optional()
    .describe("Additions to and removals from the condition lexicon"),
  phiFields: z
    .strictObject({
      add: z
        .array(z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), category: z.string().min(1) })]))
        .optional()
        .describe("Placeholder words that name PHI (e.g. a field your system uses)"),
      allow: stringList.optional().describe("Placeholder paths or words that are not PHI in your data (e.g. `member.tier`)"),
    })
    .optional(),
  cta: z
    .strictObject({
      allow: stringList.optional().describe("Call-to-action phrases to accept as generic"),
    })
    .optional(),
};

export function buildConfigSchema(rules: readonly Rule[]) {
  const rulesShape = rulesSchema(rules);
  const override = z.strictObject({
    files: z.union([z.string().min(1), stringList.min(1)]).describe("Globs, relative to the config file, this override applies to"),
    excludedFiles: z.union([z.string().min(1), stringList]).optional(),
    rules: rulesShape.optional(),
    format: formatSchema.optional().describe("Parse these files as this format"),
    ...settingsShape,
  });
  return z
    .strictObject({
      $schema: z.string().optional(),
      root: z.boolean().optional().describe("Accepted for familiarity; the nearest config file always applies alone"),
      extends: z
        .union([z.string().min(1), z.array(z.string().min(1))])
        .optional()
        .describe(`Presets (${PRESETS.join(", ")}) or paths of other config files; defaults to hipaa-lint:recommended`),
      rules: rulesShape.optional(),
      overrides: z.array(override).optional().describe("Rules and settings for files matching globs"),
      ignores: stringList.optional().describe("Globs, relative to the config file, of files never linted"),
      formats: z.record(z.string(), formatSchema).optional().describe("Format by glob, overriding detection by extension"),
      maxFileSize: z.number().int().positive().optional().describe("Templates larger than this many bytes are reported, not linted (default 5 MiB)"),
      approvals: z.string().min(1).optional().describe("The reviewer approvals file, relative to this config file (default: hipaa-lint.approvals.json beside it)"),
      ...settingsShape,
    })
    .describe("hipaa-lint configuration");
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;
export type ConfigInput = z.input<ConfigSchema>;
export type ConfigData = z.output<ConfigSchema>;

export type SeverityInput = z.input<typeof severitySchema>;
