/**
 * Who may do what, over HTTP, in the real playground: no token, an Author,
 * an Editor, a Compliance Reviewer and a Super Admin (Strapi's default
 * roles and the plugin's, users made with Strapi's admin services and
 * logged in through /admin/login) against every plugin admin route and
 * against the content manager's writes to campaigns (their plugin-owned
 * fields), consent categories and review events. Each table below is the
 * expected HTTP status of each request for each actor; a test per row
 * checks every cell, and what a request that was let through did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUser, registerSuperAdmin, type Client } from "./admins.js";
import { client, noUnsubscribe, type Response } from "./fixtures.js";
import { bootPlayground, CAMPAIGN, CATEGORY, EVENT, type Playground } from "./playground.js";

const ACTORS = ["none", "author", "editor", "reviewer", "superAdmin"] as const;
type Actor = (typeof ACTORS)[number];

/** Rows of `label | status per actor`, the header naming the actors in ACTORS' order. */
function table(text: string): { label: string; expected: Record<Actor, number> }[] {
  const [header, ...rows] = text
    .trim()
    .split("\n")
    .map((line) => line.split("|").map((cell) => cell.trim()));
  expect(header!.slice(1)).toEqual([...ACTORS]);
  return rows.map(([label, ...cells]) => ({
    label: label!,
    expected: Object.fromEntries(ACTORS.map((actor, i) => [actor, Number(cells[i])])) as Record<Actor, number>,
  }));
}

/**
 * The plugin's admin routes. Authors and Editors write campaigns: they may
 * lint (the plugin gives the default Editor and Author roles `lint` on its
 * first boot) but not read the review queue or audit trail, decide or change
 * settings. Compliance Reviewers read and decide, and do not lint. Only the
 * Super Admin has `settings`. Any admin user may list the consent
 * categories (the custom field's select).
 */
const PLUGIN_ROUTES = table(`
  request                                      | none | author | editor | reviewer | superAdmin
  POST /hipaa-lint/lint                        | 401  | 200    | 200    | 403      | 200
  GET /hipaa-lint/reviews                      | 401  | 403    | 403    | 200      | 200
  POST /hipaa-lint/campaigns/:id/approve       | 401  | 403    | 403    | 200      | 200
  POST /hipaa-lint/campaigns/:id/reject        | 401  | 403    | 403    | 200      | 200
  GET /hipaa-lint/campaigns/:id/events         | 401  | 403    | 403    | 200      | 200
  GET /hipaa-lint/settings                     | 401  | 403    | 403    | 403      | 200
  PUT /hipaa-lint/settings                     | 401  | 403    | 403    | 403      | 200
  GET /hipaa-lint/consent-categories           | 401  | 200    | 200    | 200      | 200
`);

/**
 * The content manager. A campaign's plugin-owned fields (reviewStatus,
 * lintReport, contentHash, lintedAt) sent in a create or an edit are
 * ignored: the request succeeds for whoever may edit the campaign, and the
 * stored values are the plugin's (checked after every cell). Authors edit
 * only what they created and do not publish; the gate refuses a flagged
 * campaign (400) to those who may publish. Consent categories are policy:
 * only `settings` (Super Admin) changes them. Review events are append-only
 * for everyone, the Super Admin included: the content manager has no write
 * action on them to give any role (403), and below it the plugin's document
 * service middleware refuses every write (document-service.test.ts).
 */
const CONTENT_MANAGER = table(`
  request                                          | none | author | editor | reviewer | superAdmin
  PUT campaign (the author's), plugin-owned fields | 401  | 200    | 200    | 403      | 200
  POST campaign, with plugin-owned fields          | 401  | 201    | 201    | 403      | 201
  PUT campaign created by the editor               | 401  | 403    | 200    | 403      | 200
  POST publish a flagged campaign                  | 401  | 403    | 400    | 403      | 400
  POST consent category                            | 401  | 403    | 403    | 403      | 201
  PUT consent category                             | 401  | 403    | 403    | 403      | 200
  DELETE consent category                          | 401  | 403    | 403    | 403      | 200
  POST review event                                | 401  | 403    | 403    | 403      | 403
  PUT review event                                 | 401  | 403    | 403    | 403      | 403
  DELETE review event                              | 401  | 403    | 403    | 403      | 403
  POST review events bulkDelete                    | 401  | 403    | 403    | 403      | 403
  POST review event clone                          | 401  | 403    | 403    | 403      | 403
`);

const CM = `/content-manager/collection-types/${CAMPAIGN}`;
const CM_CATEGORY = `/content-manager/collection-types/${CATEGORY}`;
const CM_EVENT = `/content-manager/collection-types/${EVENT}`;
const OWNED = ["reviewStatus", "lintReport", "contentHash", "lintedAt"] as const;
const FORGED = {
  reviewStatus: "approved",
  lintReport: { errorCount: 0, warningCount: 0, blockingCount: 0, findings: [] },
  contentHash: "0".repeat(64),
  lintedAt: "2000-01-01T00:00:00.000Z",
};

let app: Playground;
let strapi: any;
let as: Record<Actor, Client>;
let newsletters: string;
let authorDraft: string;
let editorDraft: string;
let flaggedDraft: string;
let throwawayCategory: string;
let n = 0;

const draftOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "draft" });
const publishedOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "published" });
const allEvents = () => strapi.db.query(EVENT).findMany({ orderBy: { id: "asc" } });
const allCategories = () => strapi.db.query(CATEGORY).findMany({ orderBy: { id: "asc" } });

async function createViaCM(c: Client, title: string): Promise<string> {
  const created = await c.post(CM, { ...noUnsubscribe, title: `${title} #${++n}`, consentCategory: newsletters });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.documentId;
}

/** The plugin-owned fields of a draft are the plugin's: the lint of the stored content, whatever was sent. */
async function expectPluginOwned(documentId: string, before?: any) {
  const stored = await draftOf(documentId);
  expect(stored.reviewStatus).toBe("flagged");
  expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(stored.contentHash).not.toBe(FORGED.contentHash);
  expect(stored.lintReport).toMatchObject({ errorCount: 1, blockingCount: 1, findings: [expect.objectContaining({ ruleId: "require-unsubscribe" })] });
  expect(new Date(stored.lintedAt).getFullYear()).toBeGreaterThan(2000);
  if (before) {
    expect(stored.contentHash).toBe(before.contentHash);
    expect(stored.lintReport).toEqual(before.lintReport);
  }
  return stored;
}

beforeAll(async () => {
  app = await bootPlayground();
  strapi = app.strapi;
  const superAdmin = await registerSuperAdmin(app);
  const author = await adminUser(app, "aria@example.org", "Aria", { codes: ["strapi-author"] });
  const editor = await adminUser(app, "eddie@example.org", "Eddie", { codes: ["strapi-editor"] });
  const reviewer = await adminUser(app, "rita@example.org", "Rita", { names: ["Compliance Reviewer"] });
  as = { none: client(app.baseUrl), author: author.client, editor: editor.client, reviewer: reviewer.client, superAdmin };
  newsletters = (await strapi.documents(CATEGORY).findFirst({ filters: { key: "newsletters" } })).documentId;
  authorDraft = await createViaCM(as.author, "Author's draft");
  flaggedDraft = await createViaCM(as.author, "Flagged, to publish");
  editorDraft = await createViaCM(as.editor, "Editor's draft");
  throwawayCategory = (await strapi.documents(CATEGORY).create({ data: { name: "Throwaway", key: "throwaway", purpose: "marketing", conditionSpecific: false, active: false } })).documentId;
});

afterAll(async () => {
  await app?.close();
});

describe("plugin admin routes", () => {
  const request = async (label: string, c: Client): Promise<Response> => {
    const hash = async () => (await draftOf(authorDraft)).contentHash;
    switch (label) {
      case "POST /hipaa-lint/lint":
        return c.post("/hipaa-lint/lint", { subject: noUnsubscribe.subject, body: noUnsubscribe.body, format: "html", consentCategory: "newsletters" });
      case "GET /hipaa-lint/reviews":
        return c.get("/hipaa-lint/reviews");
      case "POST /hipaa-lint/campaigns/:id/approve":
        return c.post(`/hipaa-lint/campaigns/${authorDraft}/approve`, { comment: "Checked the opt-out with the privacy officer", contentHash: await hash() });
      case "POST /hipaa-lint/campaigns/:id/reject":
        return c.post(`/hipaa-lint/campaigns/${authorDraft}/reject`, { comment: "Add the opt-out link", contentHash: await hash() });
      case "GET /hipaa-lint/campaigns/:id/events":
        return c.get(`/hipaa-lint/campaigns/${authorDraft}/events`);
      case "GET /hipaa-lint/settings":
        return c.get("/hipaa-lint/settings");
      case "PUT /hipaa-lint/settings":
        return c.put("/hipaa-lint/settings", { separationOfDuties: true });
      case "GET /hipaa-lint/consent-categories":
        return c.get("/hipaa-lint/consent-categories");
    }
    throw new Error(`no request for "${label}"`);
  };

  it.each(PLUGIN_ROUTES)("$label", async ({ label, expected }) => {
    const decisionsBefore = (await allEvents()).filter((e: any) => e.action === "approved" || e.action === "rejected").length;
    const got: Record<string, number> = {};
    for (const actor of ACTORS) got[actor] = (await request(label, as[actor])).status;
    expect(got).toEqual(expected);
    // a refused decision records nothing; each allowed one records one event
    const decisions = (await allEvents()).filter((e: any) => e.action === "approved" || e.action === "rejected").length;
    const allowedDecisions = label.includes("/approve") || label.includes("/reject") ? ACTORS.filter((a) => expected[a] === 200).length : 0;
    expect(decisions - decisionsBefore).toBe(allowedDecisions);
  });

  it("answers a decision on content that changed since it was read with 409, recording nothing", async () => {
    const stale = (await draftOf(authorDraft)).contentHash;
    await as.author.put(`${CM}/${authorDraft}`, { preheader: `Changed after the review started #${++n}` });
    const eventsBefore = await allEvents();
    const response = await as.reviewer.post(`/hipaa-lint/campaigns/${authorDraft}/approve`, { comment: "Looks fine", contentHash: stale });
    expect(response.status, JSON.stringify(response.body)).toBe(409);
    expect(response.body.error).toMatchObject({ name: "ConflictError", details: { key: "contentHash", expected: stale, current: (await draftOf(authorDraft)).contentHash } });
    expect(response.body.error.message).toMatch(/changed after you opened it/);
    expect(await allEvents()).toEqual(eventsBefore);
    expect((await draftOf(authorDraft)).reviewStatus).toBe("flagged");
    const malformed = await as.reviewer.post(`/hipaa-lint/campaigns/${authorDraft}/approve`, { comment: "Looks fine", contentHash: "abc" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.key).toBe("contentHash");
  });
});

describe("content manager", () => {
  let eventsAtStart: any[];
  let categoriesAtStart: any[];

  beforeAll(async () => {
    eventsAtStart = await allEvents();
    categoriesAtStart = await allCategories();
  });

  const request = async (label: string, c: Client, actor: Actor): Promise<Response> => {
    const [event] = await allEvents();
    switch (label) {
      case "PUT campaign (the author's), plugin-owned fields":
        return c.put(`${CM}/${authorDraft}`, { title: `Author's draft, edited by ${actor}`, ...FORGED });
      case "POST campaign, with plugin-owned fields":
        return c.post(CM, { ...noUnsubscribe, title: `Created by ${actor} #${++n}`, consentCategory: newsletters, ...FORGED });
      case "PUT campaign created by the editor":
        return c.put(`${CM}/${editorDraft}`, { title: `Editor's draft, edited by ${actor}` });
      case "POST publish a flagged campaign":
        return c.post(`${CM}/${flaggedDraft}/actions/publish`, {});
      case "POST consent category":
        return c.post(CM_CATEGORY, { name: `Made by ${actor}`, key: `made-by-${actor.toLowerCase()}`, purpose: "marketing", conditionSpecific: true, active: true });
      case "PUT consent category":
        return c.put(`${CM_CATEGORY}/${newsletters}`, { conditionSpecific: true });
      case "DELETE consent category":
        return c.del(`${CM_CATEGORY}/${throwawayCategory}`);
      case "POST review event":
        return c.post(CM_EVENT, { action: "approved", campaignDocumentId: authorDraft, contentHash: "0".repeat(64), at: new Date().toISOString() });
      case "PUT review event":
        return c.put(`${CM_EVENT}/${event.documentId}`, { action: "approved", comment: "tampered" });
      case "DELETE review event":
        return c.del(`${CM_EVENT}/${event.documentId}`);
      case "POST review events bulkDelete":
        return c.post(`${CM_EVENT}/actions/bulkDelete`, { documentIds: [event.documentId] });
      case "POST review event clone":
        return c.post(`${CM_EVENT}/clone/${event.documentId}`, {});
    }
    throw new Error(`no request for "${label}"`);
  };

  it.each(CONTENT_MANAGER)("$label", async ({ label, expected }) => {
    const got: Record<string, number> = {};
    const bodies: Record<string, unknown> = {};
    for (const actor of ACTORS) {
      const before = label.startsWith("PUT campaign (the author's)") ? await draftOf(authorDraft) : undefined;
      const response = await request(label, as[actor], actor);
      got[actor] = response.status;
      bodies[actor] = response.body;
      if (label.startsWith("PUT campaign (the author's)")) await expectPluginOwned(authorDraft, before);
      if (label.startsWith("POST campaign") && response.status === 201) {
        expect(response.body.data.reviewStatus).toBe("flagged");
        await expectPluginOwned(response.body.data.documentId);
      }
      if (label.includes("review event") && actor === "superAdmin") {
        // the content manager's RBAC policy: no role, not even the Super Admin's, has a write action on review events
        expect(response.body.error).toMatchObject({ name: "PolicyError" });
      }
    }
    expect(got, JSON.stringify(bodies, null, 1).slice(0, 4000)).toEqual(expected);
  });

  it("has no content manager write action on review events that a role could be given (read only)", () => {
    const actions = strapi.admin.services.permission.actionProvider.values();
    const onEvents = actions.filter((a: any) => (a.subjects ?? []).includes(EVENT));
    expect(onEvents.map((a: any) => a.actionId)).toEqual(["plugin::content-manager.explorer.read"]);
    expect(actions.filter((a: any) => (a.subjects ?? []).includes(CAMPAIGN)).map((a: any) => a.actionId)).toContain("plugin::content-manager.explorer.update");
  });

  it("left the flagged campaign unpublished, the audit trail untouched and the categories as only the Super Admin changed them", async () => {
    expect(await publishedOf(flaggedDraft)).toBeNull();
    const events = await allEvents();
    // every event there at the start is still there, unchanged; new ones are only the plugin's own records
    expect(events.slice(0, eventsAtStart.length)).toEqual(eventsAtStart);
    expect(events.slice(eventsAtStart.length).map((e: any) => e.action)).not.toContain("approved");
    const categories = await allCategories();
    expect(categories.map((c: any) => c.key)).not.toContain("throwaway");
    expect(categories.filter((c: any) => c.key.startsWith("made-by-")).map((c: any) => c.key)).toEqual(["made-by-superadmin"]);
    const before = categoriesAtStart.find((c: any) => c.key === "newsletters");
    const after = categories.find((c: any) => c.key === "newsletters");
    // the Super Admin's PUT went through; nobody else's did (conditionSpecific was false at the start)
    expect(before.conditionSpecific).toBe(false);
    expect(after.conditionSpecific).toBe(true);
    await strapi.documents(CATEGORY).update({ documentId: newsletters, data: { conditionSpecific: false } });
  });

  it("refuses consent category changes without the settings permission even when a role is given them in the content manager", async () => {
    const editorRole = await strapi.db.query("admin::role").findOne({ where: { code: "strapi-editor" } });
    const current = await strapi.service("admin::permission").findMany({ where: { role: { id: editorRole.id } } });
    const categoryFields = ["name", "key", "description", "purpose", "conditionSpecific", "active"];
    await strapi.service("admin::role").assignPermissions(editorRole.id, [
      ...current.map(({ action, subject, properties, conditions, actionParameters }: any) => ({ action, subject, properties, conditions, actionParameters })),
      { action: "plugin::content-manager.explorer.create", subject: CATEGORY, properties: { fields: categoryFields }, conditions: [] },
      { action: "plugin::content-manager.explorer.update", subject: CATEGORY, properties: { fields: categoryFields }, conditions: [] },
      { action: "plugin::content-manager.explorer.delete", subject: CATEGORY, properties: {}, conditions: [] },
    ]);
    const before = await allCategories();
    const update = await as.editor.put(`${CM_CATEGORY}/${newsletters}`, { conditionSpecific: true });
    expect(update.status, JSON.stringify(update.body)).toBe(403);
    expect(update.body.error.message).toMatch(/needs the hipaa-lint settings permission/);
    const create = await as.editor.post(CM_CATEGORY, { name: "Diabetes opt-in", key: "diabetes-opt-in", purpose: "treatment", conditionSpecific: true, active: true });
    expect(create.status).toBe(403);
    expect((await as.editor.del(`${CM_CATEGORY}/${newsletters}`)).status).toBe(403);
    expect(await allCategories()).toEqual(before);
  });
});

describe("campaign edit view", () => {
  it("has no input for the plugin-owned fields, and 'Configure the view' does not offer them", async () => {
    for (const actor of ["author", "editor", "superAdmin"] as const) {
      const response = await as[actor].get(`/content-manager/content-types/${CAMPAIGN}/configuration`);
      expect(response.status).toBe(200);
      const { metadatas, layouts } = response.body.data.contentType;
      const inForm = layouts.edit.flat().map((field: { name: string }) => field.name);
      expect(inForm).toEqual(expect.arrayContaining(["title", "subject", "preheader", "body", "format", "consentCategory", "audienceSegment"]));
      for (const field of OWNED) {
        expect(inForm).not.toContain(field);
        expect(metadatas[field].edit).toMatchObject({ visible: false, editable: false });
      }
    }
  });

  it("still gives the admin panel the plugin-owned values (the side panel shows the saved report)", async () => {
    const response = await as.author.get(`${CM}/${flaggedDraft}`);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ reviewStatus: "flagged", contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), lintReport: { errorCount: 1 } });
    expect(Date.parse(response.body.data.lintedAt)).not.toBeNaN();
  });
});
