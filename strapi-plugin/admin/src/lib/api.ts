/** Shapes of the plugin's admin API (see strapi-plugin/README.md) and small helpers the views share. */
import { PLUGIN_ID } from "../pluginId";

export const CAMPAIGN_UID = "plugin::hipaa-lint.campaign";
export const CONSENT_CATEGORY_UID = "plugin::hipaa-lint.consent-category";

export const PERMISSIONS = {
  read: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
  lint: [{ action: `plugin::${PLUGIN_ID}.lint`, subject: null }],
  approve: [{ action: `plugin::${PLUGIN_ID}.approve`, subject: null }],
  settings: [{ action: `plugin::${PLUGIN_ID}.settings`, subject: null }],
};

export type Severity = "error" | "warn";
export type ReviewStatus = "clean" | "flagged" | "approved" | "rejected";
export const REVIEW_STATUSES: ReviewStatus[] = ["flagged", "rejected", "approved", "clean"];
export type FindingField = "subject" | "preheader" | "consentCategory" | "body" | "file";
export const FIELD_ORDER: FindingField[] = ["subject", "preheader", "consentCategory", "body", "file"];

export interface Finding {
  ruleId: string | null;
  severity: Severity;
  message: string;
  surface: string;
  field: FindingField;
  line: number | null;
  column: number | null;
  blocking: boolean;
  docsUrl?: string | null;
  suggestions?: { desc: string; fix?: { range: [number, number]; text: string } }[];
}

export interface LintReport {
  errorCount: number;
  warningCount: number;
  blockingCount: number;
  blockOn: Severity[];
  findings: Finding[];
}

export interface LintResponse {
  meta: { contentHash: string; report: LintReport };
}

export interface ReviewEvent {
  id: number;
  campaignDocumentId: string;
  action: "flagged" | "approved" | "rejected" | "publish-blocked" | "published";
  contentHash: string | null;
  comment: string | null;
  actorName: string | null;
  at: string;
  findings?: Finding[];
}

export interface ReviewRow {
  documentId: string;
  title: string;
  subject: string | null;
  consentCategory: string | null;
  reviewStatus: ReviewStatus;
  errorCount: number;
  warningCount: number;
  blockingCount: number;
  /** The hash of the draft listed: a decision sent with it is refused (409) if the draft changed since. */
  contentHash: string | null;
  lastEditor: { id: number; name: string | null } | null;
  updatedAt: string;
}

export interface ConsentCategory {
  documentId?: string;
  key: string;
  name: string;
  conditionSpecific: boolean;
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: "off" | "warn" | "error";
  docsUrl: string;
}

export interface PluginSettings {
  config: { rules?: Record<string, unknown>; [key: string]: unknown };
  blockOn: Severity[];
  separationOfDuties: boolean;
}

/** The path of a campaign's edit view inside the admin. */
export const campaignPath = (documentId: string) => `/content-manager/collection-types/${CAMPAIGN_UID}/${documentId}`;

/** Where the rule's documentation lives, when the server did not say. */
export const docsUrlOf = (finding: Pick<Finding, "ruleId" | "docsUrl">): string | null =>
  finding.docsUrl ?? (finding.ruleId ? `https://github.com/hipaa-lint/hipaa-lint/blob/main/rules/${finding.ruleId}/README.md` : null);

/** A Strapi error response's message and details, from what useFetchClient throws. */
export function errorOf(error: unknown): { message: string; details: Record<string, any> } {
  const e = error as { response?: { data?: { error?: { message?: string; details?: Record<string, any> } } }; message?: string };
  const body = e?.response?.data?.error;
  return { message: body?.message ?? e?.message ?? String(error), details: body?.details ?? {} };
}

/** Groups findings by the campaign field they are in, in the form's order. */
export function groupByField(findings: Finding[]): [FindingField, Finding[]][] {
  const groups = new Map<FindingField, Finding[]>();
  for (const field of FIELD_ORDER) groups.set(field, []);
  for (const finding of findings) (groups.get(finding.field) ?? groups.get("file")!).push(finding);
  return [...groups].filter(([, list]) => list.length > 0);
}

/** The status the server would store for this content: a decision bound to its hash wins. */
export function statusFor(report: LintReport | null, contentHash: string | null, events: ReviewEvent[]): ReviewStatus | null {
  if (!report) return null;
  const decision = [...events].reverse().find((event) => event.action === "approved" || event.action === "rejected");
  if (decision && contentHash && decision.contentHash === contentHash) return decision.action as ReviewStatus;
  return report.blockingCount > 0 ? "flagged" : "clean";
}

/** Where a finding is, for people: "subject", "body, line 12", "the whole template". */
export function describeWhere(finding: Pick<Finding, "field" | "line">, t: (key: any, values?: any) => string): string {
  if (finding.field === "file") return t("where.file");
  if (finding.field === "body") return t("where.bodyLine", { line: finding.line ?? 1 });
  return t(`field.${finding.field}`);
}
