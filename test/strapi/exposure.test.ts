/**
 * What leaves the plugin through Strapi's APIs, in the real playground:
 *
 * - The audit trail cannot be created, changed or deleted through the
 *   content manager, the document service, the public content API or the
 *   plugin's routes. The boundary is the raw database layer
 *   (`strapi.db.connection`, SQL), which only server code reaches; the
 *   query engine (`strapi.db.query`) is still guarded by lifecycles.
 * - The public content API: with the users-permissions Public and
 *   Authenticated roles given find / findOne on campaigns and consent
 *   categories (as an admin would, over the admin API), and with a
 *   read-only API token, responses carry published campaigns only and
 *   none of the plugin-owned fields; review events have no route at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUser, registerSuperAdmin, type Client } from "./admins.js";
import { clean, client, noUnsubscribe } from "./fixtures.js";
import { bootPlayground, CAMPAIGN, CATEGORY, EVENT, type Playground } from "./playground.js";

const CM = `/content-manager/collection-types/${CAMPAIGN}`;
const CM_EVENT = `/content-manager/collection-types/${EVENT}`;
/** Keys that must never appear in a public response (plugin-owned fields, audit data, admin users). */
const NEVER_PUBLIC = ["reviewStatus", "lintReport", "contentHash", "lintedAt", "findings", "actorId", "actorName", "comment", "campaignDocumentId", "createdBy", "updatedBy"];

let app: Playground;
let strapi: any;
let superAdmin: Client;
let editor: Client;
let reviewer: Client;
let newsletters: string;
let n = 0;

const events = () => strapi.db.query(EVENT).findMany({ orderBy: { id: "asc" } });

beforeAll(async () => {
  app = await bootPlayground();
  strapi = app.strapi;
  superAdmin = await registerSuperAdmin(app);
  editor = (await adminUser(app, "eddie@example.org", "Eddie", { codes: ["strapi-editor"] })).client;
  reviewer = (await adminUser(app, "rita@example.org", "Rita", { names: ["Compliance Reviewer"] })).client;
  newsletters = (await strapi.documents(CATEGORY).findFirst({ filters: { key: "newsletters" } })).documentId;
});

afterAll(async () => {
  await app?.close();
});

async function createViaCM(content: Record<string, unknown>, title: string) {
  const created = await editor.post(CM, { ...content, title: `${title} #${++n}`, consentCategory: newsletters });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data as { documentId: string; contentHash: string };
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, into));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

describe("the audit trail through every API", () => {
  let campaign: { documentId: string; contentHash: string };
  let trail: any[];

  beforeAll(async () => {
    campaign = await createViaCM(noUnsubscribe, "Audited");
    expect((await reviewer.post(`/hipaa-lint/campaigns/${campaign.documentId}/reject`, { comment: "Needs an opt-out link", contentHash: campaign.contentHash })).status).toBe(200);
    trail = await events();
    expect(trail.length).toBeGreaterThan(0);
  });

  it("content manager: create, update, delete, bulk delete, clone, publish, unpublish, discard — all refused, nothing changed", async () => {
    const event = trail.find((e: any) => e.campaignDocumentId === campaign.documentId && e.action === "rejected");
    const attempts = {
      create: await superAdmin.post(CM_EVENT, { action: "approved", campaignDocumentId: campaign.documentId, contentHash: campaign.contentHash, at: new Date().toISOString() }),
      update: await superAdmin.put(`${CM_EVENT}/${event.documentId}`, { action: "approved", comment: "tampered" }),
      delete: await superAdmin.del(`${CM_EVENT}/${event.documentId}`),
      bulkDelete: await superAdmin.post(`${CM_EVENT}/actions/bulkDelete`, { documentIds: [event.documentId] }),
      clone: await superAdmin.post(`${CM_EVENT}/clone/${event.documentId}`, {}),
      publish: await superAdmin.post(`${CM_EVENT}/${event.documentId}/actions/publish`, {}),
      bulkPublish: await superAdmin.post(`${CM_EVENT}/actions/bulkPublish`, { documentIds: [event.documentId] }),
      unpublish: await superAdmin.post(`${CM_EVENT}/${event.documentId}/actions/unpublish`, {}),
      discard: await superAdmin.post(`${CM_EVENT}/${event.documentId}/actions/discard`, {}),
    };
    for (const [what, response] of Object.entries(attempts)) {
      expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
    }
    expect(await events()).toEqual(trail);
  });

  it("content manager: deleting the campaign, alone or in bulk, leaves its trail", async () => {
    const other = await createViaCM(noUnsubscribe, "Deleted in bulk");
    const before = await events();
    expect((await superAdmin.post(`${CM}/actions/bulkDelete`, { documentIds: [other.documentId] })).status).toBe(200);
    const deleted = await createViaCM(noUnsubscribe, "Deleted");
    expect((await superAdmin.del(`${CM}/${deleted.documentId}`)).status).toBe(200);
    const after = await events();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((e: any) => e.campaignDocumentId === other.documentId).map((e: any) => e.action)).toEqual(["flagged"]);
    expect(after.filter((e: any) => e.campaignDocumentId === deleted.documentId).map((e: any) => e.action)).toEqual(["flagged"]);
    trail = after;
  });

  it("document service: every write refused (and no publishing methods)", async () => {
    const [event] = trail;
    const docs = strapi.documents(EVENT);
    const writes: [string, () => Promise<unknown>][] = [
      ["create", () => docs.create({ data: { action: "approved", campaignDocumentId: campaign.documentId, at: new Date() } })],
      ["update", () => docs.update({ documentId: event.documentId, data: { comment: "tampered" } })],
      ["delete", () => docs.delete({ documentId: event.documentId })],
      ["clone", () => docs.clone({ documentId: event.documentId, data: {} })],
    ];
    for (const [what, write] of writes) await expect(write(), what).rejects.toThrow(/append-only/);
    // no draft & publish on events: the document service has no publishing method for them at all
    for (const method of ["publish", "unpublish", "discardDraft"]) expect(docs[method], method).toBeUndefined();
    expect(await events()).toEqual(trail);
  });

  it("plugin routes: none changes or removes an event; a decision only appends one", async () => {
    const [event] = trail;
    for (const [method, path] of [
      ["put", `/hipaa-lint/campaigns/${campaign.documentId}/events`],
      ["del", `/hipaa-lint/campaigns/${campaign.documentId}/events`],
      ["post", `/hipaa-lint/campaigns/${campaign.documentId}/events`],
      ["put", `/hipaa-lint/events/${event.id}`],
      ["del", `/hipaa-lint/events/${event.id}`],
      ["del", `/hipaa-lint/campaigns/${campaign.documentId}`],
    ] as const) {
      const response = await (superAdmin as any)[method](path);
      expect([404, 405], `${method} ${path}`).toContain(response.status);
    }
    const approved = await reviewer.post(`/hipaa-lint/campaigns/${campaign.documentId}/approve`, { comment: "Opt-out handled by the sender", contentHash: campaign.contentHash });
    expect(approved.status).toBe(200);
    const after = await events();
    expect(after.slice(0, trail.length)).toEqual(trail);
    expect(after.slice(trail.length).map((e: any) => e.action)).toEqual(["approved"]);
    trail = after;
  });

  it("public content API: no route, for the public, a user, or a full-access API token", async () => {
    const token = await strapi.service("admin::api-token").create({ name: `full access #${++n}`, type: "full-access", lifespan: null });
    const callers = { public: client(app.baseUrl), fullAccessToken: client(app.baseUrl, token.accessKey) };
    for (const [who, caller] of Object.entries(callers)) {
      for (const path of ["/api/hipaa-lint/review-events", "/api/review-events", `/api/hipaa-lint/review-events/${trail[0].documentId}`]) {
        for (const method of ["get", "post", "put", "del"] as const) {
          const response = await (caller as any)[method](path);
          expect([404, 405], `${who} ${method} ${path}: ${JSON.stringify(response.body)}`).toContain(response.status);
        }
      }
    }
    const actions = await strapi.plugin("users-permissions").service("users-permissions").getActions();
    expect(Object.keys(actions["plugin::hipaa-lint"].controllers).sort()).toEqual(["campaign", "consent-category"]);
    expect(await events()).toEqual(trail);
  });

  it("the boundary: the query engine is guarded by lifecycles; only the raw database connection (server code, never HTTP) can change an event", async () => {
    const [event] = trail;
    await expect(strapi.db.query(EVENT).update({ where: { id: event.id }, data: { comment: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(strapi.db.query(EVENT).deleteMany({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    const { tableName } = strapi.db.metadata.get(EVENT);
    await strapi.db.connection(tableName).where({ id: event.id }).update({ comment: "changed with SQL" });
    expect((await strapi.db.query(EVENT).findOne({ where: { id: event.id } })).comment).toBe("changed with SQL");
  });
});

describe("public content API", () => {
  let published: { clean: string; approved: string };
  let draftOnly: string;
  let callers: Record<"public" | "authenticated" | "readOnlyToken", Client>;

  /** What an admin does in Settings › Users & Permissions: find and findOne on campaigns and consent categories. */
  async function allowReading(roleType: "public" | "authenticated") {
    const roles = (await superAdmin.get("/users-permissions/roles")).body.roles as { id: number; type: string }[];
    const role = roles.find((r) => r.type === roleType)!;
    const current = (await superAdmin.get(`/users-permissions/roles/${role.id}`)).body.role;
    const permissions = current.permissions;
    for (const controller of ["campaign", "consent-category"]) {
      for (const action of ["find", "findOne"]) permissions["plugin::hipaa-lint"].controllers[controller][action].enabled = true;
    }
    const saved = await superAdmin.put(`/users-permissions/roles/${role.id}`, { name: current.name, description: current.description, type: current.type, permissions });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }

  beforeAll(async () => {
    await allowReading("public");
    await allowReading("authenticated");
    const anonymous = client(app.baseUrl);
    const registered = await anonymous.post("/api/auth/local/register", { username: "patient", email: "patient@example.org", password: "Patient-pass-1" });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const token = await strapi.service("admin::api-token").create({ name: `read only #${++n}`, type: "read-only", lifespan: null });
    callers = { public: anonymous, authenticated: client(app.baseUrl, registered.body.jwt), readOnlyToken: client(app.baseUrl, token.accessKey) };

    const cleanOne = await createViaCM(clean, "Public clean");
    expect((await editor.post(`${CM}/${cleanOne.documentId}/actions/publish`, {})).status).toBe(200);
    const flagged = await createViaCM(noUnsubscribe, "Public approved");
    expect((await reviewer.post(`/hipaa-lint/campaigns/${flagged.documentId}/approve`, { comment: "Sent by a system that adds the opt-out", contentHash: flagged.contentHash })).status).toBe(200);
    expect((await editor.post(`${CM}/${flagged.documentId}/actions/publish`, {})).status).toBe(200);
    published = { clean: cleanOne.documentId, approved: flagged.documentId };
    draftOnly = (await createViaCM({ ...clean, subject: "Draft only: not for the public" }, "Public draft")).documentId;
  });

  it("serves published campaigns without the plugin-owned fields, to every caller given read access", async () => {
    for (const [who, caller] of Object.entries(callers)) {
      for (const path of ["/api/hipaa-lint/campaigns?populate=*&pagination[pageSize]=100", "/api/hipaa-lint/campaigns?status=draft&pagination[pageSize]=100"]) {
        const response = await caller.get(path);
        expect(response.status, `${who} ${path}: ${JSON.stringify(response.body)}`).toBe(200);
        const ids = response.body.data.map((c: any) => c.documentId);
        expect(ids, `${who} ${path}`).toEqual(expect.arrayContaining([published.clean, published.approved]));
        // drafts never: status=draft is overridden
        expect(ids, `${who} ${path}`).not.toContain(draftOnly);
        expect(response.body.data.every((c: any) => c.publishedAt), `${who} ${path}`).toBe(true);
        const keys = keysOf(response.body);
        for (const key of NEVER_PUBLIC) expect(keys.has(key), `${who} ${path} has ${key}`).toBe(false);
        expect(keys.has("subject") && keys.has("body")).toBe(true);
      }
      for (const documentId of [published.clean, published.approved]) {
        const one = await caller.get(`/api/hipaa-lint/campaigns/${documentId}?populate=*`);
        expect(one.status, `${who}: ${JSON.stringify(one.body)}`).toBe(200);
        expect(one.body.data.consentCategory).toMatchObject({ key: "newsletters" });
        for (const key of NEVER_PUBLIC) expect(keysOf(one.body).has(key), `${who} findOne has ${key}`).toBe(false);
      }
      expect((await caller.get(`/api/hipaa-lint/campaigns/${draftOnly}`)).status, who).toBe(404);
      expect((await caller.get(`/api/hipaa-lint/campaigns/${draftOnly}?status=draft`)).status, who).toBe(404);
    }
  });

  it("gives no oracle on the plugin-owned fields: filtering, sorting or selecting them is refused", async () => {
    for (const [who, caller] of Object.entries(callers)) {
      for (const query of ["filters[reviewStatus][$eq]=approved", "filters[contentHash][$startsWith]=a", "filters[lintReport][$notNull]=true", "sort=lintedAt:desc", "fields[0]=lintReport"]) {
        const response = await caller.get(`/api/hipaa-lint/campaigns?${query}`);
        expect(response.status, `${who} ${query}: ${JSON.stringify(response.body)}`).toBe(400);
      }
    }
  });

  it("serves consent categories, and nothing writes through the content API", async () => {
    for (const [who, caller] of Object.entries(callers)) {
      const response = await caller.get("/api/hipaa-lint/consent-categories?pagination[pageSize]=100");
      expect(response.status, who).toBe(200);
      expect(response.body.data.map((c: any) => c.key)).toContain("newsletters");
      for (const [method, path] of [
        ["post", "/api/hipaa-lint/campaigns"],
        ["put", `/api/hipaa-lint/campaigns/${published.clean}`],
        ["del", `/api/hipaa-lint/campaigns/${published.clean}`],
        ["post", "/api/hipaa-lint/consent-categories"],
      ] as const) {
        const attempt = await (caller as any)[method](path, method === "del" ? undefined : { data: { title: "x" } });
        expect([403, 404, 405], `${who} ${method} ${path}`).toContain(attempt.status);
      }
    }
    expect((await strapi.documents(CAMPAIGN).findOne({ documentId: published.clean, status: "published" })).title).toMatch(/^Public clean/);
  });

  it("is no way into the admin API: a user's JWT or an API token gets 401 on the plugin's admin routes", async () => {
    const fullAccess = await strapi.service("admin::api-token").create({ name: `full access, admin routes #${++n}`, type: "full-access", lifespan: null });
    const tokens = { authenticated: callers.authenticated, readOnlyToken: callers.readOnlyToken, fullAccessToken: client(app.baseUrl, fullAccess.accessKey) };
    for (const [who, caller] of Object.entries(tokens)) {
      expect((await caller.get("/hipaa-lint/reviews")).status, who).toBe(401);
      expect((await caller.post(`/hipaa-lint/campaigns/${draftOnly}/approve`, { comment: "approved by an API token" })).status, who).toBe(401);
      expect((await caller.put("/hipaa-lint/settings", { separationOfDuties: false })).status, who).toBe(401);
      expect((await caller.put(`${CM}/${draftOnly}`, { title: "edited by an API token" })).status, who).toBe(401);
    }
    expect((await strapi.documents(CAMPAIGN).findOne({ documentId: draftOnly })).reviewStatus).toBe("clean");
    expect((await strapi.plugin("hipaa-lint").service("settings").get()).separationOfDuties).toBe(true);
  });

  it("is closed without the permission: the Public role without find / findOne reads nothing (403)", async () => {
    const roles = (await superAdmin.get("/users-permissions/roles")).body.roles as { id: number; type: string }[];
    const publicRole = roles.find((r) => r.type === "public")!;
    const current = (await superAdmin.get(`/users-permissions/roles/${publicRole.id}`)).body.role;
    const permissions = current.permissions;
    for (const controller of ["campaign", "consent-category"]) {
      for (const action of ["find", "findOne"]) permissions["plugin::hipaa-lint"].controllers[controller][action].enabled = false;
    }
    expect((await superAdmin.put(`/users-permissions/roles/${publicRole.id}`, { ...current, permissions })).status).toBe(200);
    expect((await callers.public.get("/api/hipaa-lint/campaigns")).status).toBe(403);
    expect((await callers.public.get(`/api/hipaa-lint/campaigns/${published.clean}`)).status).toBe(403);
    expect((await callers.public.get("/api/hipaa-lint/consent-categories")).status).toBe(403);
  });
});
