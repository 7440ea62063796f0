/**
 * The plugin through Strapi's document service, in the real playground app:
 * lint on save, plugin-owned fields, the publish gate on every publishing
 * path, approvals bound to content, the append-only audit trail, settings,
 * the plugin config (lintOnSave) and the consent-category custom field.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedCases, clean, eventually, noUnsubscribe } from "./fixtures.js";
import { bootPlayground, CAMPAIGN, CATEGORY, EVENT, PLAYGROUND, type Playground } from "./playground.js";
import { createRequire } from "node:module";

const TEMPLATES = join(PLAYGROUND, "../../templates");

let app: Playground;
let strapi: any;
const docs = () => strapi.documents(CAMPAIGN);
const reviews = () => strapi.plugin("hipaa-lint").service("reviews");
const settings = () => strapi.plugin("hipaa-lint").service("settings");
let reviewer: any;
let n = 0;

async function categoryId(key: string): Promise<string> {
  const category = await strapi.documents(CATEGORY).findFirst({ filters: { key } });
  return category.documentId;
}

async function createDraft(content: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return docs().create({ data: { ...content, title: `${content.title} #${++n}`, consentCategory: await categoryId("newsletters"), ...extra } });
}

const draftOf = (documentId: string) => docs().findOne({ documentId, status: "draft" });
const publishedOf = (documentId: string) => docs().findOne({ documentId, status: "published" });
const events = (documentId: string) => strapi.plugin("hipaa-lint").service("audit").list(documentId);

beforeAll(async () => {
  app = await bootPlayground();
  strapi = app.strapi;
  const role = await strapi.service("admin::role").findOne({ name: "Compliance Reviewer" });
  reviewer = await strapi.service("admin::user").create({ firstname: "Rita", lastname: "Reviewer", email: "rita@example.org", password: "Reviewer-pass-1", isActive: true, roles: [role.id] });
});

afterAll(async () => {
  await app?.close();
});

describe("bootstrap", () => {
  it("creates the Compliance Reviewer role with read and approve, next to Strapi's default roles", async () => {
    const roles = await strapi.db.query("admin::role").findMany({ populate: ["permissions"] });
    expect(roles.map((r: any) => r.name).sort()).toEqual(["Author", "Compliance Reviewer", "Editor", "Super Admin"]);
    const role = roles.find((r: any) => r.name === "Compliance Reviewer");
    expect(role.permissions.map((p: any) => p.action).sort()).toEqual(["plugin::hipaa-lint.approve", "plugin::hipaa-lint.read"]);
  });

  it("indexes the audit trail by campaign, action and time (read on every save)", async () => {
    const indexes: { name: string; columns: string[] }[] = await strapi.db.dialect.schemaInspector.getIndexes("hipaa_lint_review_events");
    const index = indexes.find((i) => i.name === "hipaa_lint_review_events_campaign_action_idx");
    // The lookup's columns lead; PostgreSQL's inspector does not list the trailing id that SQLite's does.
    expect(index?.columns.slice(0, 3)).toEqual(["campaign_document_id", "action", "at"]);
  });

  it("registers the plugin's RBAC actions", () => {
    const ids = strapi.admin.services.permission.actionProvider.values().map((a: any) => a.actionId);
    expect(ids).toEqual(expect.arrayContaining(["plugin::hipaa-lint.read", "plugin::hipaa-lint.lint", "plugin::hipaa-lint.approve", "plugin::hipaa-lint.settings"]));
  });

  it("seeds the consent categories and campaigns made from templates/", async () => {
    const categories = await strapi.documents(CATEGORY).findMany({ sort: "key" });
    expect(categories.map((c: any) => c.key)).toEqual(["appointment-reminders", "condition-specific-updates", "events", "newsletters", "wellness-tips"]);
    expect(categories.find((c: any) => c.key === "condition-specific-updates").conditionSpecific).toBe(true);
    const seeded = await docs().findMany({ filters: { title: { $notContains: "#" } }, populate: ["consentCategory"], sort: "title" });
    const starters = readdirSync(TEMPLATES).filter((f) => /\.(mjml|html|hbs|md)$/.test(f));
    const failing = readdirSync(join(TEMPLATES, "examples-failing")).filter((f) => /\.(mjml|html|hbs|md)$/.test(f) && f !== "README.md");
    expect(seeded).toHaveLength(starters.length + failing.length);
    // the starter templates pass, as they do on the command line
    for (const campaign of seeded.filter((c: any) => !c.title.startsWith("Failing example"))) {
      expect(campaign.reviewStatus, `${campaign.title}: ${JSON.stringify(campaign.lintReport.findings)}`).toBe("clean");
    }
    expect(seeded.find((c: any) => c.title === "Newsletter")).toMatchObject({ format: "mjml", consentCategory: { key: "newsletters" } });
    expect(seeded.find((c: any) => c.title === "Appointment reminder")).toMatchObject({ format: "html" });
    const subjectExample = seeded.find((c: any) => c.title === "Failing example: No condition in subject");
    expect(subjectExample.reviewStatus).toBe("flagged");
    expect(subjectExample.lintReport.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "no-condition-in-subject", field: "subject" })]));
  });
});

describe("lint on save", () => {
  it("stores report, status, content hash and lint time on create and update", async () => {
    const created = await createDraft(noUnsubscribe);
    const stored = await draftOf(created.documentId);
    expect(stored.reviewStatus).toBe("flagged");
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(stored.lintedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.lintReport).toMatchObject({ linter: { name: "hipaa-lint" }, errorCount: 1, blockingCount: 1, blockOn: ["error"] });
    expect(stored.lintReport.findings).toEqual([
      expect.objectContaining({ ruleId: "require-unsubscribe", severity: "error", field: "file", blocking: true }),
    ]);

    const updated = await docs().update({ documentId: created.documentId, data: { body: clean.body } });
    expect(updated.reviewStatus).toBe("clean");
    const after = await draftOf(created.documentId);
    expect(after).toMatchObject({ reviewStatus: "clean", lintReport: { errorCount: 0, findings: [] } });
    expect(after.contentHash).not.toBe(stored.contentHash);
  });

  it("passes subject, preheader and consent category to the linter as front matter", async () => {
    const created = await createDraft(clean, { consentCategory: null });
    const stored = await draftOf(created.documentId);
    expect(stored.lintReport.findings.map((f: any) => f.ruleId)).toContain("require-consent-category");
    // an unknown key: the category's key reaches the linter, which checks it against the active categories
    await strapi.documents(CATEGORY).update({ documentId: await categoryId("events"), data: { active: false } });
    try {
      const evented = await createDraft(clean, { consentCategory: await categoryId("events") });
      const report = (await draftOf(evented.documentId)).lintReport;
      expect(report.findings).toEqual([expect.objectContaining({ ruleId: "valid-consent-category", field: "consentCategory", message: expect.stringContaining('"events"') })]);
    } finally {
      await strapi.documents(CATEGORY).update({ documentId: await categoryId("events"), data: { active: true } });
    }
  });

  it("makes naming a condition an error unless the consent category is condition-specific", async () => {
    const body = `<html><body>
<p>Hi {{firstName}},</p>
<p>Since your diagnosis of type 2 diabetes, your care team recommends a check-in every three months.</p>
<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>
</body></html>`;
    const general = await createDraft({ ...clean, title: "Body condition", body });
    const generalReport = (await draftOf(general.documentId)).lintReport;
    expect(generalReport.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "no-condition-in-body", severity: "error", field: "body", blocking: true })]));
    expect((await draftOf(general.documentId)).reviewStatus).toBe("flagged");

    const optedIn = await createDraft({ ...clean, title: "Body condition", body }, { consentCategory: await categoryId("condition-specific-updates") });
    const optedInDraft = await draftOf(optedIn.documentId);
    expect(optedInDraft.lintReport.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "no-condition-in-body", severity: "warn", blocking: false })]));
    expect(optedInDraft.reviewStatus).toBe("clean");
    // switching the category re-lints: the same content is now an error
    await docs().update({ documentId: optedIn.documentId, data: { consentCategory: await categoryId("wellness-tips") } });
    expect((await draftOf(optedIn.documentId)).reviewStatus).toBe("flagged");
  });

  it("records a 'flagged' audit event once per flagged content", async () => {
    const created = await createDraft(noUnsubscribe);
    await docs().update({ documentId: created.documentId, data: { audienceSegment: "Everyone who opted in" } });
    await docs().update({ documentId: created.documentId, data: { title: "Renamed, same content" } });
    const flagged = (await events(created.documentId)).filter((e: any) => e.action === "flagged");
    // the audience segment is part of what is approved (new hash); the title is not
    expect(flagged).toHaveLength(2);
    expect(flagged[0].findings[0]).toMatchObject({ ruleId: "require-unsubscribe" });
  });

  it("an approval holds when the content comes back to it, however many flagged saves came between", async () => {
    const created = await createDraft(noUnsubscribe);
    await reviews().decide(created.documentId, "approved", "Checked with the privacy officer", reviewer);
    for (let i = 0; i < 21; i++) await docs().update({ documentId: created.documentId, data: { preheader: `Draft ${i}` } });
    expect((await events(created.documentId)).map((e: any) => e.action)).toEqual(["flagged", "approved", ...Array(21).fill("flagged")]);
    // back to the approved content: the approval, 22 events back, holds
    const back = await docs().update({ documentId: created.documentId, data: { preheader: noUnsubscribe.preheader } });
    expect(back.reviewStatus).toBe("approved");
    expect(await events(created.documentId)).toHaveLength(23);
  });

  it("records a 'flagged' event when the draft becomes flagged with new content, not again while it stays so", async () => {
    const created = await createDraft(noUnsubscribe);
    const actions = async () => (await events(created.documentId)).map((e: any) => e.action);
    // a refused publish, then a save that changes nothing linted: still the same flagged content
    await expect(docs().publish({ documentId: created.documentId })).rejects.toThrow(/Publishing refused/);
    await eventually(async () => (await actions()).includes("publish-blocked"));
    await docs().update({ documentId: created.documentId, data: { title: `Renamed #${++n}` } });
    expect(await actions()).toEqual(["flagged", "publish-blocked"]);
    // clean, then back to the flagged content: flagged again
    await docs().update({ documentId: created.documentId, data: { body: clean.body } });
    await docs().update({ documentId: created.documentId, data: { body: noUnsubscribe.body } });
    expect(await actions()).toEqual(["flagged", "publish-blocked", "flagged"]);
    const [first, , again] = await events(created.documentId);
    expect(again.contentHash).toBe(first.contentHash);
  });

  it("ignores plugin-owned fields written through the document service", async () => {
    const created = await createDraft(noUnsubscribe, { reviewStatus: "approved", contentHash: "forged", lintReport: { errorCount: 0 }, lintedAt: "2000-01-01T00:00:00.000Z" });
    let stored = await draftOf(created.documentId);
    expect(stored.reviewStatus).toBe("flagged");
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.lintReport.errorCount).toBe(1);
    await docs().update({ documentId: created.documentId, data: { reviewStatus: "approved", contentHash: "forged" } });
    stored = await draftOf(created.documentId);
    expect(stored.reviewStatus).toBe("flagged");
    expect(stored.contentHash).not.toBe("forged");
    await expect(docs().publish({ documentId: created.documentId })).rejects.toThrow(/require-unsubscribe/);
  });
});

describe("publish gate", () => {
  it("publishes a clean campaign and records a 'published' event", async () => {
    const created = await createDraft(clean);
    const result = await docs().publish({ documentId: created.documentId });
    expect(result.entries).toHaveLength(1);
    const published = await publishedOf(created.documentId);
    expect(published).toMatchObject({ reviewStatus: "clean", subject: clean.subject });
    expect((await events(created.documentId)).map((e: any) => e.action)).toEqual(["published"]);
  });

  it("publishes a clean campaign created with status 'published'", async () => {
    const created = await docs().create({ data: { ...clean, title: `Clean direct #${++n}`, consentCategory: await categoryId("newsletters") }, status: "published" });
    expect(created.publishedAt).toBeTruthy();
    expect(await publishedOf(created.documentId)).toMatchObject({ reviewStatus: "clean" });
  });

  describe.each(blockedCases)("refuses $name", ({ content, expectRule, expectIn }) => {
    const refusal = new RegExp(`Publishing refused[\\s\\S]*${expectRule} \\(error\\) in ${expectIn}`);

    it("on publish, listing the findings, with a 'publish-blocked' event", async () => {
      const created = await createDraft(content);
      const error = await docs().publish({ documentId: created.documentId }).catch((e: any) => e);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(refusal);
      expect(error.details.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: expectRule, blocking: true })]));
      expect(await publishedOf(created.documentId)).toBeNull();
      const blocked = await eventually(async () => (await events(created.documentId)).find((e: any) => e.action === "publish-blocked"));
      expect(blocked.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: expectRule })]));
    });

    it("on create with status 'published', creating nothing", async () => {
      const title = `Create-and-publish ${expectRule} #${++n}`;
      const error = await docs()
        .create({ data: { ...content, title, consentCategory: await categoryId("newsletters") }, status: "published" })
        .catch((e: any) => e);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(refusal);
      expect(await docs().count({ filters: { title } })).toBe(0);
      expect(await docs().count({ filters: { title }, status: "published" })).toBe(0);
    });

    it("on update with status 'published', keeping the previous draft", async () => {
      const created = await createDraft(content);
      const error = await docs()
        .update({ documentId: created.documentId, data: { preheader: "Changed while publishing" }, status: "published" })
        .catch((e: any) => e);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(refusal);
      expect(await publishedOf(created.documentId)).toBeNull();
      expect((await draftOf(created.documentId)).preheader).toBe(content.preheader);
    });

    it("on bulk publish, publishing none of the selection", async () => {
      const good = await createDraft(clean);
      const bad = await createDraft(content);
      const manager = strapi.plugin("content-manager").service("document-manager");
      const error = await manager.publishMany(CAMPAIGN, [good.documentId, bad.documentId]).catch((e: any) => e);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(refusal);
      expect(await publishedOf(good.documentId)).toBeNull();
      expect(await publishedOf(bad.documentId)).toBeNull();
      await eventually(async () => (await events(bad.documentId)).some((e: any) => e.action === "publish-blocked"));
      expect((await events(good.documentId)).map((e: any) => e.action)).not.toContain("published");
    });

    it("until a reviewer approves exactly this content; an edit voids the approval", async () => {
      const created = await createDraft(content);
      await expect(reviews().decide(created.documentId, "approved", "  ", reviewer)).rejects.toThrow(/comment is required/);
      const decision = await reviews().decide(created.documentId, "approved", "Checked with the privacy officer", reviewer);
      expect(decision).toMatchObject({ decision: "approved", reviewStatus: "approved", reviewer: { id: reviewer.id, name: "Rita Reviewer" } });
      expect(decision.contentHash).toBe((await draftOf(created.documentId)).contentHash);
      expect((await draftOf(created.documentId)).reviewStatus).toBe("approved");

      await docs().publish({ documentId: created.documentId });
      expect(await publishedOf(created.documentId)).toMatchObject({ reviewStatus: "approved" });

      await docs().update({ documentId: created.documentId, data: { body: `${content.body}\n<p>One more line.</p>` } });
      expect((await draftOf(created.documentId)).reviewStatus).toBe("flagged");
      await expect(docs().publish({ documentId: created.documentId })).rejects.toThrow(refusal);

      const actions = (await eventually(async () => {
        const list = await events(created.documentId);
        return list.length >= 5 && list;
      })).map((e: any) => e.action);
      expect(actions).toEqual(["flagged", "approved", "published", "flagged", "publish-blocked"]);
    });
  });

  it("refuses a clean campaign a reviewer rejected, until it is edited", async () => {
    const created = await createDraft(clean);
    await reviews().decide(created.documentId, "rejected", "Tone is too pushy for this audience", reviewer);
    await expect(docs().publish({ documentId: created.documentId })).rejects.toThrow(/rejected by a compliance reviewer \(Rita Reviewer\): "Tone is too pushy/);
    await docs().update({ documentId: created.documentId, data: { preheader: "Gentle seasonal tips" } });
    await docs().publish({ documentId: created.documentId });
    expect(await publishedOf(created.documentId)).not.toBeNull();
  });

  it("keeps separation of duties: the last editor cannot approve", async () => {
    const created = await createDraft(noUnsubscribe, { updatedBy: reviewer.id });
    await expect(reviews().decide(created.documentId, "approved", "Looks fine to me", reviewer)).rejects.toThrow(/Separation of duties/);
    await settings().update({ separationOfDuties: false });
    try {
      await expect(reviews().decide(created.documentId, "approved", "Looks fine to me", reviewer)).resolves.toMatchObject({ decision: "approved" });
    } finally {
      await settings().update({ separationOfDuties: true });
    }
  });
});

describe("audit trail", () => {
  it("cannot be created, changed or deleted through the document service or the query engine", async () => {
    const created = await createDraft(noUnsubscribe);
    const [event] = await events(created.documentId);
    const eventDocs = strapi.documents(EVENT);
    await expect(eventDocs.update({ documentId: event.documentId, data: { comment: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(eventDocs.delete({ documentId: event.documentId })).rejects.toThrow(/append-only/);
    await expect(eventDocs.create({ data: { action: "approved", campaignDocumentId: created.documentId, at: new Date() } })).rejects.toThrow(/append-only/);
    await expect(strapi.db.query(EVENT).update({ where: { id: event.id }, data: { action: "approved" } })).rejects.toThrow(/append-only/);
    await expect(strapi.db.query(EVENT).delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(strapi.db.query(EVENT).deleteMany({ where: {} })).rejects.toThrow(/append-only/);
    await expect(strapi.db.query(EVENT).updateMany({ where: {}, data: { comment: "x" } })).rejects.toThrow(/append-only/);
    const [again] = await events(created.documentId);
    expect(again).toEqual(event);
  });

  it("survives the deletion of its campaign", async () => {
    const created = await createDraft(noUnsubscribe);
    await docs().delete({ documentId: created.documentId });
    expect((await events(created.documentId)).map((e: any) => e.action)).toEqual(["flagged"]);
  });
});

describe("settings", () => {
  it("a valid change takes effect on the next lint", async () => {
    const created = await createDraft(noUnsubscribe);
    await settings().update({ config: { rules: { "require-unsubscribe": "warn" } } });
    try {
      await docs().update({ documentId: created.documentId, data: { preheader: "Re-lint, please" } });
      const stored = await draftOf(created.documentId);
      expect(stored.reviewStatus).toBe("clean");
      expect(stored.lintReport).toMatchObject({ errorCount: 0, warningCount: 1, blockingCount: 0 });
      // warnings block too when configured so
      await settings().update({ blockOn: ["error", "warn"] });
      await expect(docs().publish({ documentId: created.documentId })).rejects.toThrow(/require-unsubscribe \(warn\)/);
    } finally {
      await settings().update({ config: {}, blockOn: ["error"] });
    }
  });

  it("an invalid change is refused naming the key, and nothing is stored", async () => {
    const before = await settings().get();
    await expect(settings().update({ config: { rules: { "require-unsubscribe": "loud" } } })).rejects.toMatchObject({
      name: "ValidationError",
      details: { key: "config.rules.require-unsubscribe" },
    });
    await expect(settings().update({ config: { rules: { "require-unsubscrib": "error" } } })).rejects.toThrow(/config\.rules\.require-unsubscrib: unknown rule .*did you mean "require-unsubscribe"/);
    await expect(settings().update({ blockOn: [] })).rejects.toMatchObject({ details: { key: "blockOn" } });
    await expect(settings().update({ colour: "red" })).rejects.toMatchObject({ details: { key: "colour" } });
    expect(await settings().get()).toEqual(before);
  });
});

describe("plugin config: lintOnSave", () => {
  const setLintOnSave = (value: boolean) => strapi.config.set("plugin::hipaa-lint.lintOnSave", value);
  const NOT_LINTED = { reviewStatus: null, lintReport: null, contentHash: null, lintedAt: null };

  it("is on by default, and the validator refuses other values and unknown keys", () => {
    // The built plugin's config validator, as Strapi calls it at startup (CommonJS build, as Strapi loads it).
    const validatePluginConfig: (config: unknown) => void = createRequire(import.meta.url)("strapi-plugin-hipaa-lint/strapi-server").default.config.validator;
    expect(strapi.plugin("hipaa-lint").config("lintOnSave")).toBe(true);
    expect(() => validatePluginConfig({ lintOnSave: false })).not.toThrow();
    expect(() => validatePluginConfig({ lintOnSave: "no" })).toThrow(/"lintOnSave" must be true or false/);
    expect(() => validatePluginConfig({ lintOnSave: true, lintOnSafe: false })).toThrow(/unknown plugin config key "lintOnSafe"/);
  });

  it("off: saves store no report and clear the stored one, with no 'flagged' event; back on, the next save lints", async () => {
    const linted = await createDraft(noUnsubscribe);
    expect(linted.reviewStatus).toBe("flagged");
    setLintOnSave(false);
    try {
      const updated = await docs().update({ documentId: linted.documentId, data: { body: `${noUnsubscribe.body}\n<p>Edited with lint on save off</p>` } });
      expect(updated).toMatchObject(NOT_LINTED);
      expect(await draftOf(linted.documentId)).toMatchObject(NOT_LINTED);
      // forged values are still stripped
      const forged = await docs().update({ documentId: linted.documentId, data: { reviewStatus: "approved", contentHash: "forged" } });
      expect(forged).toMatchObject(NOT_LINTED);

      const created = await createDraft(noUnsubscribe);
      expect(await draftOf(created.documentId)).toMatchObject(NOT_LINTED);
      expect(await events(created.documentId)).toEqual([]);
      const cloned = await docs().clone({ documentId: linted.documentId, data: { title: `Clone, lint on save off #${++n}` } });
      expect(await draftOf(cloned.documentId)).toMatchObject(NOT_LINTED);
    } finally {
      setLintOnSave(true);
    }
    const again = await docs().update({ documentId: linted.documentId, data: { preheader: "Lint on save is back" } });
    expect(again).toMatchObject({ reviewStatus: "flagged", lintReport: { findings: [expect.objectContaining({ ruleId: "require-unsubscribe" })] } });
  });

  it("off: every publishing path still lints and gates", async () => {
    setLintOnSave(false);
    try {
      const bad = await createDraft(noUnsubscribe);
      await expect(docs().publish({ documentId: bad.documentId })).rejects.toThrow(/Publishing refused[\s\S]*require-unsubscribe \(error\)/);
      expect(await publishedOf(bad.documentId)).toBeNull();
      await eventually(async () => (await events(bad.documentId)).find((e: any) => e.action === "publish-blocked"));

      const title = `Create-and-publish, lint on save off #${++n}`;
      await expect(docs().create({ data: { ...noUnsubscribe, title, consentCategory: await categoryId("newsletters") }, status: "published" })).rejects.toThrow(/Publishing refused/);
      expect(await docs().count({ filters: { title } })).toBe(0);

      await expect(docs().update({ documentId: bad.documentId, data: { preheader: "Publish me anyway" }, status: "published" })).rejects.toThrow(/Publishing refused/);
      expect(await publishedOf(bad.documentId)).toBeNull();
      expect((await draftOf(bad.documentId)).preheader).toBe(noUnsubscribe.preheader);

      const manager = strapi.plugin("content-manager").service("document-manager");
      const good = await createDraft(clean);
      await expect(manager.publishMany(CAMPAIGN, [good.documentId, bad.documentId])).rejects.toThrow(/Publishing refused/);
      expect(await publishedOf(good.documentId)).toBeNull();

      // clean content publishes, with the report the gate computed
      await docs().publish({ documentId: good.documentId });
      const published = await publishedOf(good.documentId);
      expect(published).toMatchObject({ reviewStatus: "clean", lintReport: { errorCount: 0 } });
      expect(published.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await events(good.documentId)).map((e: any) => e.action)).toEqual(["published"]);
    } finally {
      setLintOnSave(true);
    }
  });
});

describe("consent-category custom field", () => {
  it("stores an active category's key on an editor's own content type and refuses others", async () => {
    const announcements = strapi.documents("api::announcement.announcement");
    const ok = await announcements.create({ data: { title: "Open day", consentCategory: "events" } });
    expect(ok.consentCategory).toBe("events");
    await expect(announcements.create({ data: { title: "Bad", consentCategory: "diabetes-patients" } })).rejects.toThrow(
      /consentCategory: "diabetes-patients" is not an active consent category/,
    );
    expect(strapi.contentType("api::announcement.announcement").attributes.consentCategory).toMatchObject({ customField: "plugin::hipaa-lint.consent-category", type: "string" });
  });
});
