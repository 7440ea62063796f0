import { createHash } from "node:crypto";
import type { Core } from "@strapi/strapi";
import { CAMPAIGN_UID } from "../constants";

/**
 * Serializes the writes to one campaign: every transaction that reads a
 * campaign's draft to decide on it (lint on save, the publish gate, a
 * reviewer's decision) and every write to it holds this lock until it ends.
 * Without it, on a database that runs transactions concurrently, a publish
 * could check content A while an edit to B commits, then copy B to the
 * published version (Strapi's publish reads the draft again).
 *
 * - PostgreSQL: a transaction-scoped advisory lock on the document id (it
 *   also covers a draft that `discardDraft` deletes and re-creates).
 * - MySQL / MariaDB: `SELECT ... FOR UPDATE` on the document's rows.
 * - SQLite: nothing to do: Strapi's SQLite pool has one connection, so a
 *   transaction holds it until it ends and transactions never interleave.
 *
 * Runs inside the transaction withCampaignLock opens, before the first read.
 */
async function lockCampaign(strapi: Core.Strapi, trx: any, documentId: string): Promise<void> {
  const client: string | undefined = (strapi.db as any).config?.connection?.client;
  if (client === "postgres") {
    await trx.raw("select pg_advisory_xact_lock(?::bigint)", [lockKey(documentId)]);
  } else if (client === "mysql" || client === "mysql2") {
    const { tableName } = strapi.db.metadata.get(CAMPAIGN_UID);
    await trx(tableName).select("id").where("document_id", documentId).forUpdate();
  }
}

/** A signed 64-bit key for the advisory lock, derived from the document id. */
export function lockKey(documentId: string): string {
  const digest = createHash("sha256").update(`hipaa-lint:campaign:${documentId}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/** Runs `work` in a transaction that holds the campaign's lock (joins the current transaction, if any). */
export async function withCampaignLock<T>(strapi: Core.Strapi, documentId: string | undefined, work: () => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => {
    if (documentId) await lockCampaign(strapi, trx, documentId);
    return work();
  });
}
