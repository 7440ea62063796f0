import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { CAMPAIGN_UID, type ReviewStatus } from "../constants";
import { actorName, type Actor } from "./audit";
import { describeLocation, type CampaignContent, type Finding, type LintOutcome, type LintReport } from "./linting";
import { withCampaignLock } from "./lock";

export interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

export interface CampaignRow {
  id: number;
  documentId: string;
  title: string;
  subject: string | null;
  preheader: string | null;
  body: string | null;
  format: CampaignContent["format"];
  audienceSegment: string | null;
  consentCategory: { key: string; conditionSpecific: boolean } | null;
  reviewStatus: ReviewStatus | null;
  lintReport: LintReport | null;
  contentHash: string | null;
  lintedAt: string | null;
  updatedAt: string;
  updatedBy: AdminUser | null;
  createdBy: AdminUser | null;
}

/** What relint reads of a draft: the linted fields, the consent category, and what names it. */
export type LintedRow = Pick<
  CampaignRow,
  "id" | "documentId" | "title" | "subject" | "preheader" | "body" | "format" | "audienceSegment" | "consentCategory" | "reviewStatus" | "contentHash"
>;

const LINTED_FIELDS = ["id", "documentId", "title", "subject", "preheader", "body", "format", "audienceSegment", "reviewStatus", "contentHash"];
const USER_FIELDS = ["id", "firstname", "lastname", "username", "email"];

/** The fields the plugin owns on a campaign, as last computed. */
export interface ReviewState {
  reviewStatus: ReviewStatus;
  lintReport: LintReport;
  contentHash: string;
  lintedAt: Date;
}

export interface Decision {
  documentId: string;
  decision: "approved" | "rejected";
  comment: string;
  contentHash: string;
  reviewStatus: ReviewStatus;
  reviewer: Actor;
  findings: Finding[];
  eventId: number;
}

/** The content a reviewer decided on is no longer the draft's: HTTP 409 (see the controller). */
export class ContentChangedError extends errors.ApplicationError {
  constructor(message: string, details: Record<string, unknown>) {
    super(message, details);
    (this as { name: string }).name = "ContentChangedError";
  }
}

const toActor = (user: AdminUser | null | undefined): Actor | null => (user ? { id: user.id, name: actorName(user) } : null);

export function contentOf(row: LintedRow): CampaignContent {
  return {
    subject: row.subject,
    preheader: row.preheader,
    body: row.body,
    format: row.format,
    consentCategory: row.consentCategory?.key ?? null,
    conditionSpecific: row.consentCategory?.conditionSpecific === true,
    audienceSegment: row.audienceSegment,
  };
}

/** The refusal message: what blocks, where, and the way out. */
export function refusalMessage(row: Pick<CampaignRow, "title" | "documentId">, outcome: LintOutcome, rejection: { actorName: string | null; comment: string | null } | null): string {
  const lines = [`Publishing refused: campaign "${row.title}" (${row.documentId})`];
  if (rejection) {
    lines[0] += ` was rejected by a compliance reviewer${rejection.actorName ? ` (${rejection.actorName})` : ""}${rejection.comment ? `: "${rejection.comment}"` : ""}.`;
    lines.push("Edit the campaign and ask for a new review.");
  } else {
    const n = outcome.blocking.length;
    lines[0] += ` has ${n} blocking hipaa-lint finding${n === 1 ? "" : "s"}:`;
    for (const f of outcome.blocking) lines.push(`- ${f.ruleId ?? "parse-error"} (${f.severity}) in ${describeLocation(f)}: ${f.message}`);
    lines.push("Fix them, or ask a Compliance Reviewer to approve this exact content (any later edit voids the approval).");
  }
  return lines.join("\n");
}

/** Blocking findings in a campaign field, as the content manager's form errors: one message per field. */
export function fieldErrors(findings: Finding[]): { path: string[]; message: string; name: string }[] {
  const byField = new Map<string, string[]>();
  for (const f of findings) {
    if (f.field === "file") continue;
    const field = f.field === "consentCategory" ? "consentCategory" : f.field;
    byField.set(field, [...(byField.get(field) ?? []), `${f.ruleId ?? "parse-error"}: ${f.message}`]);
  }
  return [...byField].map(([field, messages]) => ({ path: [field], message: messages.join(" "), name: "ValidationError" }));
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => strapi.plugin("hipaa-lint").service("audit");
  const linting = () => strapi.plugin("hipaa-lint").service("linting");
  const settings = () => strapi.plugin("hipaa-lint").service("settings");

  /** The admin user behind the current HTTP request, when there is one. */
  const requestUser = (): AdminUser | null => {
    const ctx = strapi.requestContext.get() as { state?: { user?: AdminUser; auth?: { strategy?: { name?: string } } } } | undefined;
    return ctx?.state?.user && ctx.state.auth?.strategy?.name === "admin" ? ctx.state.user : null;
  };

  const loadDraft = async (documentId: string): Promise<CampaignRow | null> =>
    strapi.db.query(CAMPAIGN_UID).findOne({
      where: { documentId, publishedAt: null },
      populate: { consentCategory: true, updatedBy: true, createdBy: true },
    });

  /**
   * The draft as relint needs it: only the linted columns (not the stored
   * report, which can be large) and the category's key; the editors are
   * loaded only when an event needs an actor and the request has none.
   */
  const loadForLint = async (documentId: string): Promise<LintedRow | null> =>
    strapi.db.query(CAMPAIGN_UID).findOne({
      where: { documentId, publishedAt: null },
      select: LINTED_FIELDS,
      populate: { consentCategory: { select: ["key", "conditionSpecific"] } },
    });

  const lastEditor = async (id: number): Promise<AdminUser | null> => {
    const row = await strapi.db.query(CAMPAIGN_UID).findOne({
      where: { id },
      select: ["id"],
      populate: { updatedBy: { select: USER_FIELDS }, createdBy: { select: USER_FIELDS } },
    });
    return row?.updatedBy ?? row?.createdBy ?? null;
  };

  return {
    requestUser,
    loadDraft,

    /**
     * Lints a campaign's current draft and stores report, hash, status and
     * time on it. The status is `approved` / `rejected` when a reviewer's
     * latest decision is bound to exactly this content, else `flagged` when
     * a finding blocks publishing, else `clean`.
     */
    async relint(documentId: string): Promise<{ row: LintedRow; outcome: LintOutcome; state: ReviewState; decision: any } | null> {
      const row = await loadForLint(documentId);
      if (!row) return null;
      const outcome: LintOutcome = await linting().lint(contentOf(row));
      const decision = await audit().latestDecision(documentId);
      const bound = decision && decision.contentHash === outcome.hash ? decision : null;
      const reviewStatus: ReviewStatus = bound ? bound.action : outcome.blocking.length ? "flagged" : "clean";
      const state: ReviewState = { reviewStatus, lintReport: outcome.report, contentHash: outcome.hash, lintedAt: new Date() };
      // One UPDATE: `update` would also read the row before and after, and walk its relations.
      await strapi.db.query(CAMPAIGN_UID).updateMany({ where: { id: row.id }, data: state });
      // A flagged event when the draft becomes flagged with this content: not
      // when it already was (a save that changed nothing linted, a refused
      // publish); again when it comes back to flagged content after a change.
      if (reviewStatus === "flagged" && !(row.reviewStatus === "flagged" && row.contentHash === outcome.hash)) {
        await audit().record({
          campaignDocumentId: documentId,
          campaignTitle: row.title,
          action: "flagged",
          contentHash: outcome.hash,
          findings: outcome.report.findings,
          actor: toActor(requestUser() ?? (await lastEditor(row.id))),
        });
      }
      return { row, outcome, state, decision: bound };
    },

    /** The publish gate: throws a ValidationError listing the findings unless this content may be published. */
    async assertPublishable(documentId: string): Promise<{ row: LintedRow; outcome: LintOutcome } | null> {
      const linted = await this.relint(documentId);
      if (!linted) return null;
      const { row, outcome, decision } = linted;
      const approved = decision?.action === "approved";
      const rejected = decision?.action === "rejected";
      if (approved || (!rejected && outcome.blocking.length === 0)) return { row, outcome };
      const message = refusalMessage(row, outcome, rejected ? { actorName: decision.actorName, comment: decision.comment } : null);
      await audit().recordDurably({
        campaignDocumentId: documentId,
        campaignTitle: row.title,
        action: "publish-blocked",
        contentHash: outcome.hash,
        findings: outcome.report.findings,
        comment: rejected ? "rejected by a reviewer" : null,
        actor: toActor(requestUser()),
      });
      throw new errors.ValidationError(message, {
        // The content manager reads `errors` (path + message) to show each one beside its field;
        // without it, it expects every detail to be an array of strings and breaks on ours.
        errors: fieldErrors(outcome.blocking),
        plugin: "hipaa-lint",
        documentId,
        contentHash: outcome.hash,
        reviewStatus: rejected ? "rejected" : "flagged",
        findings: outcome.blocking,
      });
    },

    async recordPublished(row: Pick<CampaignRow, "documentId" | "title">, outcome: LintOutcome) {
      await audit().record({
        campaignDocumentId: row.documentId,
        campaignTitle: row.title,
        action: "published",
        contentHash: outcome.hash,
        findings: outcome.report.findings,
        actor: toActor(requestUser()),
      });
    },

    /**
     * A reviewer's approval or rejection of the current draft, bound to its
     * content hash. With `expectedHash` (the hash of the content the reviewer
     * read), a draft that changed since is refused with a ContentChangedError
     * (HTTP 409) and nothing is recorded: a reviewer never approves content
     * they did not see.
     */
    async decide(documentId: string, decision: "approved" | "rejected", comment: unknown, reviewer: AdminUser, expectedHash?: unknown): Promise<Decision> {
      if (typeof comment !== "string" || !comment.trim()) {
        throw new errors.ValidationError(`A comment is required to ${decision === "approved" ? "approve" : "reject"} a campaign: say what you checked and why.`, { key: "comment" });
      }
      if (comment.length > 5000) throw new errors.ValidationError("The comment is longer than 5000 characters.", { key: "comment" });
      if (expectedHash !== undefined && expectedHash !== null && (typeof expectedHash !== "string" || !/^[0-9a-f]{64}$/.test(expectedHash))) {
        throw new errors.ValidationError("contentHash must be the 64-character hex SHA-256 of the content that was reviewed.", { key: "contentHash" });
      }
      return withCampaignLock(strapi, documentId, async () => {
        const row = await loadDraft(documentId);
        if (!row) throw new errors.NotFoundError(`No campaign with documentId "${documentId}".`);
        const { separationOfDuties } = await settings().get();
        const editedBy = row.updatedBy ?? row.createdBy;
        if (separationOfDuties && editedBy && editedBy.id === reviewer.id) {
          // A PolicyError, not a ForbiddenError: Strapi replaces the message of the latter with "Forbidden".
          throw new errors.PolicyError(
            `Separation of duties: you edited campaign "${row.title}" last, so another reviewer must ${decision === "approved" ? "approve" : "reject"} it (setting \`separationOfDuties\`).`,
          );
        }
        const linted = (await this.relint(documentId))!;
        if (typeof expectedHash === "string" && expectedHash !== linted.outcome.hash) {
          throw new ContentChangedError(
            `Campaign "${row.title}" changed after you opened it: reload it and review the current content before you ${decision === "approved" ? "approve" : "reject"} it.`,
            { key: "contentHash", expected: expectedHash, current: linted.outcome.hash },
          );
        }
        const actor = toActor(reviewer)!;
        const event = await audit().record({
          campaignDocumentId: documentId,
          campaignTitle: row.title,
          action: decision,
          contentHash: linted.outcome.hash,
          findings: linted.outcome.report.findings,
          comment: comment.trim(),
          actor,
        });
        await strapi.db.query(CAMPAIGN_UID).update({ where: { id: row.id }, data: { reviewStatus: decision } });
        return {
          documentId,
          decision,
          comment: comment.trim(),
          contentHash: linted.outcome.hash,
          reviewStatus: decision,
          reviewer: actor,
          findings: linted.outcome.report.findings,
          eventId: event.id,
        };
      });
    },

    /** Campaign drafts with a review status, for the review queue. */
    async list(status: ReviewStatus) {
      const rows: CampaignRow[] = await strapi.db.query(CAMPAIGN_UID).findMany({
        where: { publishedAt: null, reviewStatus: status },
        populate: { updatedBy: true, createdBy: true, consentCategory: true },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      });
      return rows.map((row) => {
        const editor = row.updatedBy ?? row.createdBy;
        return {
          documentId: row.documentId,
          title: row.title,
          subject: row.subject,
          consentCategory: row.consentCategory?.key ?? null,
          reviewStatus: row.reviewStatus,
          errorCount: row.lintReport?.errorCount ?? 0,
          warningCount: row.lintReport?.warningCount ?? 0,
          blockingCount: row.lintReport?.blockingCount ?? 0,
          contentHash: row.contentHash,
          lastEditor: editor ? { id: editor.id, name: actorName(editor) } : null,
          updatedAt: row.updatedAt,
          lintedAt: row.lintedAt,
        };
      });
    },
  };
};
