/**
 * The real playground Strapi app (strapi-plugin/playground) for an
 * integration test file: boot.mjs boots it (a fresh SQLite file, or with
 * DATABASE_CLIENT=postgres a fresh PostgreSQL database, on a free port of
 * 127.0.0.1); `npm run bench:strapi` boots it the same way.
 */
export { bootPlayground, PLAYGROUND, type Playground } from "./boot.mjs";

export const CAMPAIGN = "plugin::hipaa-lint.campaign";
export const CATEGORY = "plugin::hipaa-lint.consent-category";
export const EVENT = "plugin::hipaa-lint.review-event";
