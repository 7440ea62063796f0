import type { Core } from "@strapi/strapi";
import { REVIEW_EVENT_UID, type EventAction } from "../constants";
import type { Finding } from "./linting";

export interface Actor {
  id: number | null;
  name: string | null;
}

export interface NewEvent {
  campaignDocumentId: string | null;
  campaignTitle?: string | null;
  action: EventAction;
  contentHash: string | null;
  findings: Finding[];
  comment?: string | null;
  actor: Actor | null;
}

/** A finding as kept in the audit trail: enough to know what was decided on. */
function snapshot(findings: Finding[]) {
  return findings.map(({ ruleId, severity, message, field, line, column, surface, blocking }) => ({ ruleId, severity, message, field, line, column, surface, blocking }));
}

export function actorName(user: { firstname?: string | null; lastname?: string | null; username?: string | null; email?: string | null } | null | undefined): string | null {
  if (!user) return null;
  const full = [user.firstname, user.lastname].filter(Boolean).join(" ").trim();
  return full || user.username || user.email || null;
}

/**
 * The append-only audit trail. Events are written through the query engine;
 * the document service refuses every write to them and database lifecycles
 * refuse every update and delete (see register.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Appends an event; returns its id. */
  async record(event: NewEvent): Promise<{ id: number }> {
    // createMany: one INSERT (create would read the new row back, which no caller needs).
    const { ids } = await strapi.db.query(REVIEW_EVENT_UID).createMany({
      data: [{
        campaignDocumentId: event.campaignDocumentId,
        campaignTitle: event.campaignTitle ?? null,
        action: event.action,
        contentHash: event.contentHash,
        findings: snapshot(event.findings),
        comment: event.comment ?? null,
        actorId: event.actor?.id ?? null,
        actorName: event.actor?.name ?? null,
        at: new Date(),
      }],
    });
    return { id: ids[0] as number };
  },

  /**
   * Records an event that must survive the surrounding transaction's
   * rollback (a refused publish rolls back, its audit event must not):
   * inside a transaction it is written once the transaction ends.
   */
  async recordDurably(event: NewEvent): Promise<void> {
    if (!strapi.db.inTransaction()) {
      await this.record(event);
      return;
    }
    // Strapi's transaction context can hand the same callback list to a
    // later transaction of the same request: write at most once.
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      this.record(event).catch((error: unknown) => strapi.log.error(`[hipaa-lint] could not record a ${event.action} audit event: ${(error as Error).message}`));
    };
    await strapi.db.transaction(async ({ onCommit, onRollback }) => {
      onCommit(write);
      onRollback(write);
    });
  },

  async list(campaignDocumentId: string) {
    return strapi.db.query(REVIEW_EVENT_UID).findMany({
      where: { campaignDocumentId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
  },

  /** The latest reviewer decision (approved / rejected) on a campaign, if any; without its findings (read on every save). */
  async latestDecision(campaignDocumentId: string) {
    return strapi.db.query(REVIEW_EVENT_UID).findOne({
      where: { campaignDocumentId, action: { $in: ["approved", "rejected"] } },
      select: ["id", "action", "contentHash", "comment", "actorId", "actorName", "at"],
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
  },
});
