/**
 * hipaa-lint's programmatic API: the CLI and the Strapi plugin call these.
 */
export { lintFiles, lintText, prepareConfig, ConfigResolver, type LintFilesOptions, type LintOptions, type LintTextOptions } from "./api.js";
export { lintTemplate, fingerprintOf, type LintTemplateOptions } from "./engine.js";
export { parseTemplate, formatFromPath, sniffFormat, SUPPORTED_EXTENSIONS, TemplateParseError } from "./parse/index.js";
export { ConfigError, effectiveConfigFor, validateConfig, type EffectiveConfig, type RuleSetting } from "./config/load.js";
export { buildConfigSchema, DEFAULT_CONSENT_CATEGORIES, PRESETS, type ConfigInput } from "./config/schema.js";
export { loadFormatter, FORMAT_NAMES, type FormatName } from "./formats/index.js";
export { defineRule, type Rule, type RuleContext, type RuleMeta, type Report, type Severity, type LintSettings, type Suggestion, type FindingSurface } from "./rule-api.js";
export type { LintMessage, LintResult } from "./result.js";
export type * from "./model.js";
export { allRules } from "../../rules/index.js";
export { VERSION } from "./version.js";
export { applyApprovals, justificationOf, staleApprovals, type ApplyApprovalsOptions, type AppliedApprovals } from "./approvals/match.js";
export { approvalFields, approvalsFileSchema, type ApprovalCore, type ApprovalRecord, type FileApproval } from "./approvals/schema.js";
export { ApprovalsFileError, APPROVALS_FILE_NAME, loadApprovals, writeApprovals } from "./approvals/store.js";
export type { ApprovalOptions } from "./approvals/run.js";

