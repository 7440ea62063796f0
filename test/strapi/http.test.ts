/**
 * The plugin over HTTP, as the admin panel uses it: /admin/login, the
 * content manager's routes and the plugin's admin routes, with Super Admin,
 * Editor and Compliance Reviewer users of the real playground app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedCases, clean, client, eventually, noUnsubscribe } from "./fixtures.js";
import { bootPlayground, CAMPAIGN, CATEGORY, EVENT, type Playground } from "./playground.js";

let app: Playground;
let strapi: any;
let anonymous: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let editor: ReturnType<typeof client>;
let reviewer: ReturnType<typeof client>;
let editorReviewer: ReturnType<typeof client>;
let newsletters: string;
let n = 0;

const CM = `/content-manager/collection-types/${CAMPAIGN}`;
const PASSWORD = "Str0ng-enough-pass";

async function login(email: string) {
  const response = await anonymous.post("/admin/login", { email, password: PASSWORD });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return client(app.baseUrl, response.body.data.token);
}

async function user(email: string, firstname: string, roleCodes: string[], roleNames: string[] = []) {
  const roles = await strapi.db.query("admin::role").findMany({ where: { $or: [{ code: { $in: roleCodes } }, { name: { $in: roleNames } }] } });
  await strapi.service("admin::user").create({ email, firstname, lastname: "Test", password: PASSWORD, isActive: true, roles: roles.map((r: any) => r.id) });
  return login(email);
}

/** Creates a campaign draft through the content manager, as `as`. */
async function createViaCM(as: ReturnType<typeof client>, content: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const response = await as.post(CM, { ...content, title: `${content.title} (http #${++n})`, consentCategory: newsletters, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

const draftOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "draft" });
const publishedOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "published" });

beforeAll(async () => {
  app = await bootPlayground();
  strapi = app.strapi;
  anonymous = client(app.baseUrl);
  const registered = await anonymous.post("/admin/register-admin", { firstname: "Ada", lastname: "Admin", email: "ada@example.org", password: PASSWORD });
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  admin = await login("ada@example.org");
  editor = await user("eddie@example.org", "Eddie", ["strapi-editor"]);
  reviewer = await user("rita@example.org", "Rita", [], ["Compliance Reviewer"]);
  editorReviewer = await user("sam@example.org", "Sam", ["strapi-editor"], ["Compliance Reviewer"]);
  newsletters = (await strapi.documents(CATEGORY).findFirst({ filters: { key: "newsletters" } })).documentId;
});

afterAll(async () => {
  await app?.close();
});

describe("authentication and RBAC", () => {
  it("refuses every plugin route without a token (401)", async () => {
    for (const [method, path] of [
      ["post", "/hipaa-lint/lint"],
      ["get", "/hipaa-lint/reviews"],
      ["post", "/hipaa-lint/campaigns/x/approve"],
      ["post", "/hipaa-lint/campaigns/x/reject"],
      ["get", "/hipaa-lint/campaigns/x/events"],
      ["get", "/hipaa-lint/settings"],
      ["put", "/hipaa-lint/settings"],
      ["get", "/hipaa-lint/consent-categories"],
    ] as const) {
      expect((await (anonymous as any)[method](path)).status, `${method} ${path}`).toBe(401);
    }
  });

  it("refuses an Editor the review routes (403), whatever the campaign", async () => {
    const campaign = await createViaCM(editor, noUnsubscribe);
    const approve = await editor.post(`/hipaa-lint/campaigns/${campaign.documentId}/approve`, { comment: "I approve my own work" });
    expect(approve.status).toBe(403);
    expect((await editor.post(`/hipaa-lint/campaigns/${campaign.documentId}/reject`, { comment: "no" })).status).toBe(403);
    expect((await editor.get("/hipaa-lint/reviews")).status).toBe(403);
    expect((await editor.put("/hipaa-lint/settings", { separationOfDuties: false })).status).toBe(403);
    expect((await draftOf(campaign.documentId)).reviewStatus).toBe("flagged");
  });

  it("gives a Compliance Reviewer read and approve, not settings or lint", async () => {
    expect((await reviewer.get("/hipaa-lint/reviews")).status).toBe(200);
    expect((await reviewer.get("/hipaa-lint/settings")).status).toBe(403);
    expect((await reviewer.put("/hipaa-lint/settings", { separationOfDuties: false })).status).toBe(403);
    expect((await reviewer.post("/hipaa-lint/lint", { body: "x" })).status).toBe(403);
  });
});

describe("lint on save through the content manager", () => {
  it("stores report and status, and ignores review status or hash sent by an editor", async () => {
    const created = await createViaCM(editor, noUnsubscribe, { reviewStatus: "approved", contentHash: "forged", lintReport: { errorCount: 0 } });
    expect(created.reviewStatus).toBe("flagged");
    expect(created.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const fetched = await editor.get(`${CM}/${created.documentId}`);
    expect(fetched.body.data).toMatchObject({ reviewStatus: "flagged", lintReport: { errorCount: 1, findings: [expect.objectContaining({ ruleId: "require-unsubscribe" })] } });

    const update = await editor.put(`${CM}/${created.documentId}`, { ...fetched.body.data, reviewStatus: "approved", contentHash: "forged", lintedAt: "2000-01-01T00:00:00.000Z" });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    const stored = await draftOf(created.documentId);
    expect(stored.reviewStatus).toBe("flagged");
    expect(stored.contentHash).toBe(created.contentHash);
    expect(new Date(stored.lintedAt).getFullYear()).toBeGreaterThan(2000);
    // and the forged status does not open the gate
    expect((await editor.post(`${CM}/${created.documentId}/actions/publish`, {})).status).toBe(400);
  });

  it("records the editor as actor of the 'flagged' event", async () => {
    const created = await createViaCM(editor, noUnsubscribe);
    const events = await admin.get(`/hipaa-lint/campaigns/${created.documentId}/events`);
    expect(events.body.data).toEqual([expect.objectContaining({ action: "flagged", actorName: "Eddie Test", contentHash: created.contentHash })]);
  });
});

describe("publish gate over HTTP", () => {
  it("publishes a clean campaign", async () => {
    const created = await createViaCM(editor, clean);
    expect(created.reviewStatus).toBe("clean");
    const published = await editor.post(`${CM}/${created.documentId}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await publishedOf(created.documentId)).not.toBeNull();
    const events = await admin.get(`/hipaa-lint/campaigns/${created.documentId}/events`);
    expect(events.body.data.map((e: any) => e.action)).toEqual(["published"]);
    expect(events.body.data[0].actorName).toBe("Eddie Test");
  });

  describe.each(blockedCases)("refuses $name", ({ content, expectRule, expectIn }) => {
    const refusal = new RegExp(`Publishing refused[\\s\\S]*${expectRule} \\(error\\) in ${expectIn}`);
    const expectRefused = (response: { status: number; body: any }) => {
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.name).toBe("ValidationError");
      expect(response.body.error.message).toMatch(refusal);
      expect(response.body.error.details.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: expectRule })]));
    };

    it("on publish, on create-and-publish and on bulk publish", async () => {
      const draft = await createViaCM(editor, content);
      expectRefused(await editor.post(`${CM}/${draft.documentId}/actions/publish`, {}));
      expect(await publishedOf(draft.documentId)).toBeNull();

      const title = `Create and publish ${expectRule} (http #${++n})`;
      expectRefused(await editor.post(`${CM}/actions/publish`, { ...content, title, consentCategory: newsletters }));
      expect(await strapi.documents(CAMPAIGN).count({ filters: { title } })).toBe(0);

      const good = await createViaCM(editor, clean);
      expectRefused(await editor.post(`${CM}/actions/bulkPublish`, { documentIds: [good.documentId, draft.documentId] }));
      expect(await publishedOf(good.documentId)).toBeNull();
      expect(await publishedOf(draft.documentId)).toBeNull();
    });

    it("until a Compliance Reviewer approves it with a comment; an edit voids the approval", async () => {
      const draft = await createViaCM(editor, content);
      const path = `/hipaa-lint/campaigns/${draft.documentId}`;
      const noComment = await reviewer.post(`${path}/approve`, {});
      expect(noComment.status).toBe(400);
      expect(noComment.body.error.message).toMatch(/comment is required/);

      const approved = await reviewer.post(`${path}/approve`, { comment: "Reviewed with the privacy officer: acceptable" });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.data).toMatchObject({ decision: "approved", reviewStatus: "approved", contentHash: draft.contentHash, reviewer: { name: "Rita Test" } });

      expect((await editor.post(`${CM}/${draft.documentId}/actions/publish`, {})).status).toBe(200);
      expect(await publishedOf(draft.documentId)).toMatchObject({ reviewStatus: "approved" });

      const current = (await editor.get(`${CM}/${draft.documentId}`)).body.data;
      const edited = await editor.put(`${CM}/${draft.documentId}`, { ...current, preheader: "Edited after approval" });
      expect(edited.status).toBe(200);
      expect(edited.body.data.reviewStatus).toBe("flagged");
      expectRefused(await editor.post(`${CM}/${draft.documentId}/actions/publish`, {}));

      const events = await eventually(async () => {
        const list = (await reviewer.get(`${path}/events`)).body.data;
        return list.some((e: any) => e.action === "publish-blocked") && list;
      });
      expect(events.map((e: any) => e.action)).toEqual(["flagged", "approved", "published", "flagged", "publish-blocked"]);
      expect(events[1]).toMatchObject({ actorName: "Rita Test", comment: "Reviewed with the privacy officer: acceptable", contentHash: draft.contentHash });
    });
  });

  it("lets a reviewer reject, which blocks even clean content", async () => {
    const draft = await createViaCM(editor, clean);
    const rejected = await reviewer.post(`/hipaa-lint/campaigns/${draft.documentId}/reject`, { comment: "Wrong audience for this offer" });
    expect(rejected.status).toBe(200);
    const refused = await editor.post(`${CM}/${draft.documentId}/actions/publish`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/rejected by a compliance reviewer \(Rita Test\): "Wrong audience/);
  });

  it("keeps separation of duties unless the setting is off", async () => {
    const draft = await createViaCM(editorReviewer, noUnsubscribe);
    const own = await editorReviewer.post(`/hipaa-lint/campaigns/${draft.documentId}/approve`, { comment: "Mine, looks fine" });
    expect(own.status, JSON.stringify(own.body)).toBe(403);
    expect(own.body.error.message).toMatch(/Separation of duties: you edited campaign .* last/);
    // another reviewer may
    expect((await reviewer.post(`/hipaa-lint/campaigns/${draft.documentId}/reject`, { comment: "Needs an opt-out link" })).status).toBe(200);

    expect((await admin.put("/hipaa-lint/settings", { separationOfDuties: false })).status).toBe(200);
    try {
      const allowed = await editorReviewer.post(`/hipaa-lint/campaigns/${draft.documentId}/approve`, { comment: "Small team today" });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    } finally {
      await admin.put("/hipaa-lint/settings", { separationOfDuties: true });
    }
  });

  it("answers 404 for approving a campaign that does not exist", async () => {
    const response = await reviewer.post("/hipaa-lint/campaigns/nope/approve", { comment: "x" });
    expect(response.status).toBe(404);
  });
});

describe("review queue and audit trail", () => {
  it("lists flagged campaigns with counts, last editor and update time", async () => {
    const draft = await createViaCM(editor, noUnsubscribe);
    const queue = await reviewer.get("/hipaa-lint/reviews?status=flagged");
    expect(queue.status).toBe(200);
    const entry = queue.body.data.find((c: any) => c.documentId === draft.documentId);
    expect(entry).toMatchObject({ reviewStatus: "flagged", errorCount: 1, warningCount: 0, lastEditor: { name: "Eddie Test" }, consentCategory: "newsletters" });
    expect(Date.parse(entry.updatedAt)).not.toBeNaN();
    expect(queue.body.data.every((c: any) => c.reviewStatus === "flagged")).toBe(true);
    expect((await reviewer.get("/hipaa-lint/reviews?status=pending")).status).toBe(400);
  });

  it("cannot be changed or deleted through the content manager", async () => {
    const draft = await createViaCM(editor, noUnsubscribe);
    const [event] = (await admin.get(`/hipaa-lint/campaigns/${draft.documentId}/events`)).body.data;
    const route = `/content-manager/collection-types/${EVENT}`;
    const attempts = [
      await admin.put(`${route}/${event.documentId}`, { comment: "tampered", action: "approved" }),
      await admin.del(`${route}/${event.documentId}`),
      await admin.post(`${route}/actions/bulkDelete`, { documentIds: [event.documentId] }),
      await admin.post(route, { action: "approved", campaignDocumentId: draft.documentId, at: new Date().toISOString() }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status, JSON.stringify(attempt.body)).toBeGreaterThanOrEqual(400);
      expect(attempt.status).toBeLessThan(500);
    }
    const after = (await admin.get(`/hipaa-lint/campaigns/${draft.documentId}/events`)).body.data;
    expect(after).toEqual([event]);
  });
});

describe("live lint and settings", () => {
  it("POST /lint returns the linter's result for the content", async () => {
    const response = await admin.post("/hipaa-lint/lint", { subject: noUnsubscribe.subject, body: noUnsubscribe.body, format: "html", consentCategory: "newsletters" });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ errorCount: 1, messages: [expect.objectContaining({ ruleId: "require-unsubscribe", severity: 2 })] });
    expect(response.body.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const bad = await admin.post("/hipaa-lint/lint", { body: "x", format: "pdf" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/format/);
  });

  it("a valid settings change takes effect on the next lint", async () => {
    const before = await admin.get("/hipaa-lint/settings");
    expect(before.body.data).toEqual({ config: {}, blockOn: ["error"], separationOfDuties: true });
    const put = await admin.put("/hipaa-lint/settings", { config: { rules: { "require-unsubscribe": "off" } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    try {
      const linted = await admin.post("/hipaa-lint/lint", { subject: "Hello", body: noUnsubscribe.body, format: "html", consentCategory: "newsletters" });
      expect(linted.body.data.messages.map((m: any) => m.ruleId)).not.toContain("require-unsubscribe");
      const saved = await createViaCM(editor, noUnsubscribe);
      expect(saved.reviewStatus).toBe("clean");
    } finally {
      await admin.put("/hipaa-lint/settings", { config: {} });
    }
  });

  it("an invalid settings change answers 400 naming the key", async () => {
    const cases: [unknown, string][] = [
      [{ config: { rules: { "require-unsubscribe": "loud" } } }, "config.rules.require-unsubscribe"],
      [{ config: { rules: { "no-such-rule": "error" } } }, "config.rules.no-such-rule"],
      [{ config: { extends: "hipaa-lint:lenient" } }, "config.extends"],
      [{ config: { extends: ["hipaa-lint:recommended", "/etc/hipaa-lint.config.mjs"] } }, "config.extends.1"],
      [{ config: { consentCategories: ["x"] } }, "config.consentCategories"],
      [{ blockOn: ["fatal"] }, "blockOn.0"],
      [{ separationOfDuties: "yes" }, "separationOfDuties"],
      [{ theme: "dark" }, "theme"],
    ];
    for (const [body, key] of cases) {
      const response = await admin.put("/hipaa-lint/settings", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toContain(key);
      expect(response.body.error.details.key).toBe(key);
    }
    expect((await admin.get("/hipaa-lint/settings")).body.data).toEqual({ config: {}, blockOn: ["error"], separationOfDuties: true });
  });

  it("lists active consent categories for the custom field's input", async () => {
    const response = await editor.get("/hipaa-lint/consent-categories");
    expect(response.status).toBe(200);
    expect(response.body.data.map((c: any) => c.key)).toContain("condition-specific-updates");
  });
});
