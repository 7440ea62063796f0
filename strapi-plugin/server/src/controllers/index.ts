import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { allRules } from "hipaa-lint";
import { z } from "zod";
import { REVIEW_STATUSES, type ReviewStatus } from "../constants";
import { ContentChangedError } from "../services/reviews";
import { campaign, consentCategory } from "./content-api";

const lintBody = z.strictObject({
  subject: z.string().max(1000).nullish(),
  preheader: z.string().max(1000).nullish(),
  body: z.string().max(5 * 1024 * 1024),
  format: z.enum(["mjml", "html", "markdown"]).default("mjml"),
  consentCategory: z.string().max(200).nullish(),
  audienceSegment: z.string().max(1000).nullish(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.code === "unrecognized_keys" ? issue.keys[0] ?? "" : issue.path.map(String).join(".");
  const detail = issue.code === "unrecognized_keys" ? `unknown key "${key}"` : issue.message;
  throw new errors.ValidationError(`Invalid ${what}: ${key || "(body)"}: ${detail}`, { key, detail });
}

const plugin = (strapi: Core.Strapi) => strapi.plugin("hipaa-lint");

/** The linter's rules, for the admin's Settings page. */
const rulesMeta = () =>
  allRules.map(({ meta }) => ({ id: meta.id, description: meta.description, defaultSeverity: meta.defaultSeverity, docsUrl: meta.docsUrl }));

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const decide = async (ctx: any, decision: "approved" | "rejected") => {
    const body = ctx.request.body ?? {};
    try {
      ctx.body = { data: await plugin(strapi).service("reviews").decide(ctx.params.documentId, decision, body.comment, ctx.state.user, body.contentHash) };
    } catch (error) {
      if (!(error instanceof ContentChangedError)) throw error;
      ctx.status = 409;
      ctx.body = { data: null, error: { status: 409, name: "ConflictError", message: error.message, details: error.details } };
    }
  };

  return {
    /** POST /lint: live linting for the editor; nothing is stored. */
    async lint(ctx: any) {
      const content = parse(lintBody, ctx.request.body, "lint request");
      const linting = plugin(strapi).service("linting");
      const outcome = await linting.lint({
        subject: content.subject ?? null,
        preheader: content.preheader ?? null,
        body: content.body,
        format: content.format,
        consentCategory: content.consentCategory ?? null,
        conditionSpecific: await linting.isConditionSpecific(content.consentCategory ?? null),
        audienceSegment: content.audienceSegment ?? null,
      });
      ctx.body = { data: outcome.result, meta: { contentHash: outcome.hash, report: outcome.report } };
    },

    /** GET /reviews?status=flagged: the review queue. */
    async reviews(ctx: any) {
      const status = (ctx.query.status ?? "flagged") as string;
      if (!REVIEW_STATUSES.includes(status as ReviewStatus)) {
        throw new errors.ValidationError(`Invalid status "${status}": expected one of ${REVIEW_STATUSES.join(", ")}.`, { key: "status" });
      }
      ctx.body = { data: await plugin(strapi).service("reviews").list(status) };
    },

    /** POST /campaigns/:documentId/approve {comment, contentHash?}: 409 when the draft is no longer the content with `contentHash`. */
    async approve(ctx: any) {
      await decide(ctx, "approved");
    },

    async reject(ctx: any) {
      await decide(ctx, "rejected");
    },

    /** GET /campaigns/:documentId/events: the campaign's audit trail, oldest first. */
    async events(ctx: any) {
      ctx.body = { data: await plugin(strapi).service("audit").list(ctx.params.documentId) };
    },

    async getSettings(ctx: any) {
      ctx.body = { data: await plugin(strapi).service("settings").get(), meta: { rules: rulesMeta() } };
    },

    async putSettings(ctx: any) {
      const updated = await plugin(strapi).service("settings").update(ctx.request.body ?? {});
      strapi.log.info(`[hipaa-lint] settings changed by admin user ${ctx.state.user?.id}`);
      ctx.body = { data: updated, meta: { rules: rulesMeta() } };
    },

    /** GET /consent-categories: active categories, for the custom field's input. */
    async consentCategories(ctx: any) {
      const rows = await strapi.db.query("plugin::hipaa-lint.consent-category").findMany({
        where: { active: true },
        select: ["documentId", "name", "key", "description", "purpose", "conditionSpecific"],
        orderBy: { name: "asc" },
      });
      ctx.body = { data: rows };
    },
  };
};

export default { hipaa: controller, campaign, "consent-category": consentCategory };
