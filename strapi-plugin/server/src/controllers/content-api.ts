import { factories } from "@strapi/strapi";
import { CAMPAIGN_UID, CONSENT_CATEGORY_UID } from "../constants";

/**
 * Read-only content API controllers (GET /api/hipaa-lint/campaigns[/:id],
 * /api/hipaa-lint/consent-categories[/:id]), off until an admin gives a
 * role or API token `find` / `findOne` on them. Campaigns are served
 * published only: `status=draft` would hand out content the publish gate
 * has not passed. Strapi's content API sanitizer removes the plugin-owned
 * fields (`private` in the schema).
 */
export const campaign = factories.createCoreController(CAMPAIGN_UID as any, () => ({
  async find(ctx: any) {
    ctx.query = { ...ctx.query, status: "published" };
    return super.find(ctx);
  },
  async findOne(ctx: any) {
    ctx.query = { ...ctx.query, status: "published" };
    return super.findOne(ctx);
  },
}));

export const consentCategory = factories.createCoreController(CONSENT_CATEGORY_UID as any);
