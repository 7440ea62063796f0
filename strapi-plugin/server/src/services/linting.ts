import { createHash } from "node:crypto";
import type { Core } from "@strapi/strapi";
import { allRules, lintText, prepareConfig, VERSION, type ConfigInput, type EffectiveConfig, type LintMessage, type LintResult } from "hipaa-lint";
import { CONSENT_CATEGORY_UID } from "../constants";
import type { PluginSettings } from "./settings";

export type CampaignFormat = "mjml" | "html" | "markdown";

/** The parts of a campaign that are linted and hashed. */
export interface CampaignContent {
  subject: string | null;
  preheader: string | null;
  body: string | null;
  format: CampaignFormat | null;
  /** The consent category's key. */
  consentCategory: string | null;
  /** Whether that category is condition-specific (its audience explicitly opted in to content about a condition). */
  conditionSpecific?: boolean;
  /** Who receives it: not linted, but part of what a reviewer approves. */
  audienceSegment?: string | null;
}

/** Which campaign field a finding is in, with a line counted within that field. */
export type FindingField = "subject" | "preheader" | "consentCategory" | "body" | "file";

export interface Finding {
  ruleId: string | null;
  severity: "error" | "warn";
  message: string;
  surface: string;
  field: FindingField;
  /** 1-based line within `field` (null for findings about the whole template). */
  line: number | null;
  column: number | null;
  /** Position in the generated template (front matter + body) the linter saw. */
  templateLine: number;
  templateColumn: number;
  blocking: boolean;
  /** The rule's documentation, for the admin panel. */
  docsUrl?: string | null;
  suggestions?: LintMessage["suggestions"];
  fingerprint?: string;
}

/** What is stored in a campaign's `lintReport`. */
export interface LintReport {
  linter: { name: "hipaa-lint"; version: string };
  errorCount: number;
  warningCount: number;
  blockingCount: number;
  blockOn: PluginSettings["blockOn"];
  suppressedCount: number;
  findings: Finding[];
}

export interface Template {
  source: string;
  /** Line in `source` of each front-matter key. */
  keyLines: Partial<Record<"subject" | "preheader" | "consentCategory", number>>;
  /** Line in `source` where the body starts. */
  bodyLine: number;
}

const FORMATS: readonly CampaignFormat[] = ["mjml", "html", "markdown"];

const DOCS = new Map<string, string>(allRules.map((rule) => [rule.meta.id, rule.meta.docsUrl]));

/** YAML's short escapes for the control characters that have one; the others are \xHH. */
const YAML_SHORT_ESCAPES: Record<string, string> = { "00": "\\0", "07": "\\a", "0b": "\\v", "1b": "\\e" };

/**
 * A YAML double-quoted scalar on one line. For a value without line breaks,
 * byte for byte what the `yaml` package writes with `defaultStringType:
 * "QUOTE_DOUBLE", lineWidth: 0` (test/strapi/template.test.ts checks it), at
 * a fraction of the cost: its stringify was the largest part of building the
 * template on each save. JSON's escapes are YAML 1.2's; the control
 * characters JSON writes as \u00HH, YAML writes as \xHH or as \0, \a, \v,
 * \e. A line break stays an escaped \n, where `yaml` folds a value of 40
 * characters or more over several lines: that put the body lower in the
 * template than `bodyLine` said, and body findings on the wrong lines.
 */
export function yamlQuoted(value: string): string {
  return JSON.stringify(value).replace(/\\(?:u00([01][0-9a-f])|.)/g, (escape, hex?: string) => (hex === undefined ? escape : YAML_SHORT_ESCAPES[hex] ?? `\\x${hex}`));
}

/**
 * The template the linter sees: YAML front matter (subject, preheader,
 * consentCategory) then the body. Values are double-quoted on one line each,
 * so an editor's text cannot inject other front-matter keys.
 */
export function buildTemplate(content: CampaignContent): Template {
  const entries: [keyof Template["keyLines"], string][] = [];
  entries.push(["subject", content.subject ?? ""]);
  if (content.preheader) entries.push(["preheader", content.preheader]);
  if (content.consentCategory) entries.push(["consentCategory", content.consentCategory]);
  const keyLines: Template["keyLines"] = {};
  const lines = ["---"];
  for (const [key, value] of entries) {
    keyLines[key] = lines.length + 1;
    lines.push(`${key}: ${yamlQuoted(value)}`);
  }
  lines.push("---");
  return { source: `${lines.join("\n")}\n${content.body ?? ""}`, keyLines, bodyLine: lines.length + 1 };
}

/** sha256 of everything a reviewer approves: any change to it voids an approval. */
export function contentHash(content: CampaignContent): string {
  const canonical = JSON.stringify([
    content.format ?? null,
    content.subject ?? "",
    content.preheader ?? "",
    content.consentCategory ?? null,
    content.body ?? "",
    content.audienceSegment ?? "",
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** Rules that find content naming a condition, medication, treatment or test. */
export const CONDITION_CONTENT_RULES = ["no-condition-in-body", "generic-cta"];

/**
 * The rule config for one campaign. Naming a condition is an error unless
 * the campaign's consent category is condition-specific: for other
 * categories the condition-content rules are raised to "error" (keeping
 * their options), unless the settings turned them off.
 */
export function configFor(base: ConfigInput, categories: string[], conditionSpecific: boolean): ConfigInput {
  const config: ConfigInput = { ...base, ...(categories.length ? { consentCategories: categories } : {}) };
  if (conditionSpecific) return config;
  const rules: Record<string, unknown> = { ...(base.rules ?? {}) };
  for (const id of CONDITION_CONTENT_RULES) {
    if (!allRules.some((rule) => rule.meta.id === id)) continue;
    const entry = rules[id];
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (severity === "off" || severity === 0) continue;
    rules[id] = Array.isArray(entry) ? ["error", ...entry.slice(1)] : "error";
  }
  return { ...config, rules: rules as ConfigInput["rules"] };
}

function fieldOf(template: Template, message: LintMessage): Pick<Finding, "field" | "line" | "column"> {
  if (message.surface === "file") return { field: "file", line: null, column: null };
  if (message.line >= template.bodyLine) return { field: "body", line: message.line - template.bodyLine + 1, column: message.column };
  for (const [key, line] of Object.entries(template.keyLines)) {
    if (line === message.line) return { field: key as FindingField, line: 1, column: null };
  }
  return { field: "file", line: null, column: null };
}

/** Where a finding is, for people: "subject", "body, line 12", "the whole template". */
export function describeLocation(finding: Finding): string {
  if (finding.field === "file") return "the whole template";
  if (finding.field === "body") return `body, line ${finding.line}`;
  return finding.field;
}

export interface LintOutcome {
  result: LintResult;
  report: LintReport;
  hash: string;
  blocking: Finding[];
}

/** How many prepared configs a process keeps (one per settings, consent categories and condition-specific or not). */
const PREPARED_CONFIGS = 32;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Validating and resolving the rule config is the same work for every save
  // with the same settings and categories: done once per distinct config.
  // Keyed by the config itself, so a change of settings or categories is a
  // new key, never a stale entry.
  const prepared = new Map<string, Promise<EffectiveConfig>>();
  const preparedFor = (config: ConfigInput): Promise<EffectiveConfig> => {
    const key = JSON.stringify(config);
    let entry = prepared.get(key);
    if (!entry) {
      if (prepared.size >= PREPARED_CONFIGS) prepared.delete(prepared.keys().next().value!);
      entry = prepareConfig(config);
      entry.catch(() => prepared.delete(key));
      prepared.set(key, entry);
    }
    return entry;
  };

  return {
    buildTemplate,
    contentHash,
    yamlQuoted,

    /** Whether the category with this key is condition-specific (false when there is none). */
    async isConditionSpecific(key: string | null): Promise<boolean> {
      if (!key) return false;
      const row = await strapi.db.query(CONSENT_CATEGORY_UID).findOne({ where: { key }, select: ["conditionSpecific"] });
      return row?.conditionSpecific === true;
    },

    /** Keys of the active consent categories: the linter's `consentCategories`. */
    async activeCategoryKeys(): Promise<string[]> {
      const rows = await strapi.db.query(CONSENT_CATEGORY_UID).findMany({ where: { active: true }, select: ["key"], orderBy: { key: "asc" } });
      return rows.map((row: { key: string }) => row.key);
    },

    /** Lints campaign content with the plugin's settings, in-process, with the same engine as the CLI. */
    async lint(content: CampaignContent, settings?: PluginSettings): Promise<LintOutcome> {
      const effective = settings ?? (await strapi.plugin("hipaa-lint").service("settings").get());
      const categories = await this.activeCategoryKeys();
      const config = configFor(effective.config, categories, content.conditionSpecific ?? false);
      const template = buildTemplate(content);
      const format = content.format && FORMATS.includes(content.format) ? content.format : "mjml";
      const result = await lintText(template.source, { prepared: await preparedFor(config), format });
      const blockOn = new Set(effective.blockOn);
      const findings: Finding[] = result.messages.map((message) => {
        const severity = message.severity === 2 ? "error" : "warn";
        return {
          ruleId: message.ruleId,
          severity,
          message: message.message,
          surface: message.surface ?? "file",
          ...fieldOf(template, message),
          templateLine: message.line,
          templateColumn: message.column,
          blocking: blockOn.has(severity),
          docsUrl: message.ruleId ? DOCS.get(message.ruleId) ?? null : null,
          ...(message.suggestions?.length ? { suggestions: message.suggestions } : {}),
          ...(message.fingerprint ? { fingerprint: message.fingerprint } : {}),
        };
      });
      const blocking = findings.filter((f) => f.blocking);
      const report: LintReport = {
        linter: { name: "hipaa-lint", version: VERSION },
        errorCount: result.errorCount,
        warningCount: result.warningCount,
        blockingCount: blocking.length,
        blockOn: effective.blockOn,
        suppressedCount: result.suppressedMessages.length,
        findings,
      };
      return { result, report, hash: contentHash(content), blocking };
    },
  };
};
