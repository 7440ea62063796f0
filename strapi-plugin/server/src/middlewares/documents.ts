import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { ACTIONS, CAMPAIGN_UID, CONSENT_CATEGORY_UID, CONSENT_FIELD_UID, PROTECTED_CAMPAIGN_FIELDS, REVIEW_EVENT_UID } from "../constants";
import { withCampaignLock } from "../services/lock";

type Ctx = { uid: string; action: string; params: Record<string, any>; contentType: { attributes: Record<string, any> } };
type Next = () => Promise<any>;

/** Every document-service method that writes. */
const WRITES = new Set(["create", "update", "delete", "publish", "unpublish", "discardDraft", "clone"]);

function stripProtected(data: unknown): Record<string, unknown> | unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const copy = { ...(data as Record<string, unknown>) };
  for (const field of PROTECTED_CAMPAIGN_FIELDS) delete copy[field];
  return copy;
}

/** The plugin-owned fields of a campaign that has not been linted since its last save. */
const NOT_LINTED = Object.fromEntries(PROTECTED_CAMPAIGN_FIELDS.map((field) => [field, null]));

/**
 * The plugin's document service middleware:
 * - campaigns: strips the plugin-owned fields from every write, lints every
 *   create / update / clone / discardDraft (unless the plugin config's
 *   `lintOnSave` is false: then a save clears the stored report instead),
 *   and gates every publish whatever `lintOnSave` says (the `publish`
 *   action, bulk publish, and create / update with `status: 'published'`,
 *   which Strapi would otherwise publish internally);
 * - review events: refuses every write (the audit trail is append-only);
 * - consent categories: an admin user needs the `settings` action to change them;
 * - any content type using the `consent-category` custom field: the value
 *   must be the key of an active consent category.
 */
export function documentsMiddleware(strapi: Core.Strapi) {
  const reviews = () => strapi.plugin("hipaa-lint").service("reviews");
  // Read on every save: the app's config/plugins sets it (see config.ts).
  const lintOnSave = () => strapi.plugin("hipaa-lint").config<boolean>("lintOnSave", true) !== false;

  const campaign = async (ctx: Ctx, next: Next) => {
    const { action } = ctx;
    if (action === "create" || action === "update" || action === "clone") {
      const { status, ...rest } = ctx.params;
      const publishRequested = status === "published" && action !== "clone";
      const lint = lintOnSave();
      const data = stripProtected(rest.data);
      // Strapi publishes create/update with status 'published' inside the
      // repository, past every middleware: save the draft here, then publish
      // through the document service so the publish gate below runs.
      ctx.params = {
        ...rest,
        ...(status && !publishRequested ? { status } : {}),
        // Not linting: a stored report would describe the previous content.
        data: lint || !data || typeof data !== "object" ? data : { ...data, ...NOT_LINTED },
      };
      // An update holds the campaign's lock (see services/lock.ts) from before it writes until the re-lint is
      // stored; with lintOnSave off too: the publish gate relies on no write coming between its check and the publish.
      return withCampaignLock(strapi, action === "update" ? ctx.params.documentId : undefined, async () => {
        const saved = await next();
        const documentId: string | undefined = saved?.documentId;
        if (!documentId) return saved;
        // The publish below lints (the gate) whatever lintOnSave says.
        const linted = lint ? await reviews().relint(documentId) : null;
        if (publishRequested) {
          const { locale, fields, populate } = ctx.params;
          const published = await strapi.documents(CAMPAIGN_UID as any).publish({ documentId, locale, fields, populate } as any);
          return published.entries[0];
        }
        if (linted && action !== "clone") Object.assign(saved, linted.state);
        return saved;
      });
    }
    if (action === "publish") {
      // The lock keeps the draft that the gate checks the one that is copied to the published version.
      return withCampaignLock(strapi, ctx.params.documentId, async () => {
        const allowed = await reviews().assertPublishable(ctx.params.documentId);
        const result = await next();
        if (allowed && result?.entries?.length) await reviews().recordPublished(allowed.row, allowed.outcome);
        return result;
      });
    }
    if (action === "discardDraft") {
      return withCampaignLock(strapi, ctx.params.documentId, async () => {
        const result = await next();
        if (ctx.params.documentId && lintOnSave()) await reviews().relint(ctx.params.documentId);
        return result;
      });
    }
    if (action === "delete" || action === "unpublish") {
      return withCampaignLock(strapi, ctx.params.documentId, next);
    }
    return next();
  };

  const consentFields = (ctx: Ctx) =>
    Object.entries(ctx.contentType?.attributes ?? {})
      .filter(([, attribute]) => attribute?.customField === CONSENT_FIELD_UID)
      .map(([name]) => name);

  const checkConsentFields = async (ctx: Ctx) => {
    const data = ctx.params.data;
    if (!data || typeof data !== "object") return;
    for (const name of consentFields(ctx)) {
      const value = data[name];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value !== "string") throw new errors.ValidationError(`${name}: a consent category key (text) is expected.`, { key: name });
      const found = await strapi.db.query(CONSENT_CATEGORY_UID).findOne({ where: { key: value, active: true }, select: ["id"] });
      if (!found) {
        const keys = await strapi.plugin("hipaa-lint").service("linting").activeCategoryKeys();
        throw new errors.ValidationError(`${name}: "${value}" is not an active consent category. Active categories: ${keys.join(", ") || "(none)"}.`, { key: name, value });
      }
    }
  };

  /**
   * Consent categories are compliance policy (a condition-specific category
   * turns naming a condition from an error into a warning): an admin user
   * changes them only with the `settings` action, whatever the content
   * manager's permissions say. Server code (no admin request) may.
   */
  const assertMayChangeCategories = (action: string) => {
    const request = strapi.requestContext.get() as { state?: { userAbility?: { can(action: string): boolean }; auth?: { strategy?: { name?: string } } } } | undefined;
    const state = request?.state;
    if (state?.auth?.strategy?.name !== "admin") return;
    if (state.userAbility?.can(ACTIONS.settings)) return;
    throw new errors.PolicyError(`Consent categories decide what the publish gate lets through: "${action}" on them needs the hipaa-lint settings permission.`);
  };

  return async (ctx: Ctx, next: Next) => {
    if (ctx.uid === CONSENT_CATEGORY_UID && WRITES.has(ctx.action)) assertMayChangeCategories(ctx.action);
    if (ctx.uid === REVIEW_EVENT_UID) {
      if (WRITES.has(ctx.action)) {
        throw new errors.PolicyError(`Review events are an append-only audit trail: "${ctx.action}" is not allowed on them.`);
      }
      return next();
    }
    if (ctx.uid === CAMPAIGN_UID) return campaign(ctx, next);
    if (ctx.action === "create" || ctx.action === "update") await checkConsentFields(ctx);
    return next();
  };
}
