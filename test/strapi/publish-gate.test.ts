/**
 * The publish gate under concurrent requests, and on the releases path.
 *
 * Races: an editor's edit that introduces an error, a reviewer's approval of
 * the content as it was, and publishes, sent at once over HTTP, several
 * times. Whatever the interleaving, what ends up published must be content
 * that lints clean or that a reviewer approved, and the plugin's record of
 * it (the published version's contentHash, the `published` audit event) is
 * the hash of what was really published. On SQLite Strapi's single
 * connection serializes transactions; on PostgreSQL (with-postgres.sh) they
 * really run side by side.
 *
 * Releases: the installed Strapi's releases are a licensed feature, off in
 * the playground (shown below). Their publish code is run anyway, from the
 * installed @strapi/content-releases, on releases made in its tables: it
 * publishes through the document service, so the gate refuses a flagged
 * campaign there too.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUser, type Client } from "./admins.js";
import { clean, diabetesSubject, eventually, noUnsubscribe } from "./fixtures.js";
import { bootPlayground, CAMPAIGN, CATEGORY, PLAYGROUND, type Playground } from "./playground.js";

const require = createRequire(import.meta.url);
const CM = `/content-manager/collection-types/${CAMPAIGN}`;
const RELEASE = "plugin::content-releases.release";
const RELEASE_ACTION = "plugin::content-releases.release-action";
const ROUNDS = 3;

type Content = typeof clean;

let app: Playground;
let strapi: any;
let editor: Client;
let reviewer: Client;
let newsletters: string;
let n = 0;

const linting = () => strapi.plugin("hipaa-lint").service("linting");
const audit = () => strapi.plugin("hipaa-lint").service("audit");
const draftOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "draft" });
const publishedOf = (documentId: string) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "published" });
const editable = ({ title: _title, ...content }: Content) => content;

beforeAll(async () => {
  app = await bootPlayground();
  strapi = app.strapi;
  editor = (await adminUser(app, "eddie@example.org", "Eddie", { codes: ["strapi-editor"] })).client;
  reviewer = (await adminUser(app, "rita@example.org", "Rita", { names: ["Compliance Reviewer"] })).client;
  newsletters = (await strapi.documents(CATEGORY).findFirst({ filters: { key: "newsletters" } })).documentId;
});

afterAll(async () => {
  await app?.close();
});

async function createDraft(content: Content): Promise<{ documentId: string; contentHash: string }> {
  const created = await editor.post(CM, { ...content, title: `${content.title} (race #${++n})`, consentCategory: newsletters });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data;
}

async function approve(documentId: string, contentHash: string) {
  return reviewer.post(`/hipaa-lint/campaigns/${documentId}/approve`, { comment: "Reviewed this exact content", contentHash });
}

/**
 * The invariant: the published version, if any, lints clean or was approved,
 * and the plugin's records name exactly its content. Returns which.
 */
async function checkPublished(documentId: string): Promise<"none" | "clean" | "approved"> {
  const published = await strapi.db.query(CAMPAIGN).findOne({ where: { documentId, publishedAt: { $notNull: true } }, populate: { consentCategory: true } });
  if (!published) return "none";
  // Written out here rather than through the plugin's contentOf: a field that
  // contentOf left out would otherwise be missing from both sides of the check.
  const outcome = await linting().lint({
    subject: published.subject,
    preheader: published.preheader,
    body: published.body,
    format: published.format,
    consentCategory: published.consentCategory?.key ?? null,
    conditionSpecific: published.consentCategory?.conditionSpecific === true,
    audienceSegment: published.audienceSegment,
  });
  const events = await audit().list(documentId);
  const approved = new Set(events.filter((e: any) => e.action === "approved").map((e: any) => e.contentHash));
  const what = `${published.title}: published subject "${published.subject}", events ${events.map((e: any) => `${e.action}:${e.contentHash?.slice(0, 8)}`).join(" ")}`;
  expect(outcome.blocking.length === 0 || approved.has(outcome.hash), `published content neither clean nor approved — ${what}`).toBe(true);
  expect(published.contentHash, `the published version's stored hash is its content's — ${what}`).toBe(outcome.hash);
  const lastPublished = events.filter((e: any) => e.action === "published").at(-1);
  expect(lastPublished?.contentHash, `the 'published' event names the published content — ${what}`).toBe(outcome.hash);
  return outcome.blocking.length ? "approved" : "clean";
}

const ok = (allowed: number[]) => (response: { status: number; body: unknown }) => {
  expect(allowed, JSON.stringify(response.body).slice(0, 500)).toContain(response.status);
  return response.status;
};

describe("publish gate under concurrent edits, approvals and publishes", () => {
  // "single" is the content manager's Publish (which saves the draft first, in its transaction);
  // "bulk" its bulk publish (document service publish only, as releases and server code do).
  type Publish = "single" | "bulk";
  const scenarios: { name: string; start: Content; approvedAtStart: boolean; edits: Content[]; publishes: Publish[] }[] = [
    { name: "approved flagged content; an edit to other flagged content, its approval and a bulk publish at once", start: noUnsubscribe, approvedAtStart: true, edits: [diabetesSubject], publishes: ["bulk"] },
    { name: "clean content; an edit to flagged content, an approval of the clean one and two publishes at once", start: clean, approvedAtStart: false, edits: [noUnsubscribe], publishes: ["bulk", "single"] },
    { name: "approved flagged content; edits to clean and to other flagged content, its approval and two publishes at once", start: diabetesSubject, approvedAtStart: true, edits: [clean, noUnsubscribe], publishes: ["single", "bulk"] },
  ];
  const publish = (documentId: string, how: Publish) =>
    how === "single" ? editor.post(`${CM}/${documentId}/actions/publish`, {}) : editor.post(`${CM}/actions/bulkPublish`, { documentIds: [documentId] });

  it.each(scenarios)("$name", async ({ start, approvedAtStart, edits, publishes }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const draft = await createDraft(start);
      if (approvedAtStart) ok([200])(await approve(draft.documentId, draft.contentHash));
      const requests = [
        ...edits.map((content) => editor.put(`${CM}/${draft.documentId}`, editable(content)).then(ok([200]))),
        approve(draft.documentId, draft.contentHash).then(ok([200, 409])),
        ...publishes.map((how) => publish(draft.documentId, how).then(ok([200, 400]))),
      ];
      await Promise.all(requests);
      await checkPublished(draft.documentId);
    }
  });

  it("never approves content the reviewer did not read: an approval sent with the old hash after an edit is refused", async () => {
    const draft = await createDraft(noUnsubscribe);
    ok([200])(await editor.put(`${CM}/${draft.documentId}`, editable(diabetesSubject)));
    const stale = await approve(draft.documentId, draft.contentHash);
    expect(stale.status).toBe(409);
    expect((await draftOf(draft.documentId)).reviewStatus).toBe("flagged");
    expect((await editor.post(`${CM}/${draft.documentId}/actions/publish`, {})).status).toBe(400);
    expect(await checkPublished(draft.documentId)).toBe("none");
  });
});

describe("releases", () => {
  it("are not available in this edition of Strapi: a license feature, with no routes or services", async () => {
    expect(strapi.ee.features.isEnabled("cms-content-releases")).toBe(false);
    expect(strapi.plugin("content-releases").service("release")).toBeUndefined();
    const superAdmin = (await adminUser(app, "ada@example.org", "Ada", { codes: ["strapi-super-admin"] })).client;
    expect((await superAdmin.get("/content-releases/")).status).toBe(404);
    expect([404, 405]).toContain((await superAdmin.post("/content-releases/", { name: "October", scheduledAt: null })).status);
  });

  describe("run from the installed @strapi/content-releases", () => {
    let releases: any;

    beforeAll(() => {
      // The services a license would register, from the installed package (its package exports hide them).
      const root = dirname(require.resolve("@strapi/content-releases/package.json", { paths: [PLAYGROUND] }));
      const { services } = require(join(root, "dist/server/services/index.js"));
      strapi.get("services").add("plugin::content-releases", services);
      releases = strapi.plugin("content-releases").service("release");
    });

    async function releaseOf(name: string, documentIds: string[]) {
      const release = await strapi.db.query(RELEASE).create({ data: { name: `${name} #${++n}`, status: "ready", timezone: null } });
      for (const documentId of documentIds) {
        await strapi.db.query(RELEASE_ACTION).create({ data: { type: "publish", contentType: CAMPAIGN, entryDocumentId: documentId, release: release.id, isEntryValid: true } });
      }
      return release;
    }

    it("publishes a release of clean campaigns", async () => {
      const a = await createDraft(clean);
      const b = await createDraft(clean);
      const release = await releaseOf("Clean", [a.documentId, b.documentId]);
      const result = await releases.publish(release.id);
      expect(result.release).toMatchObject({ status: "done" });
      expect(await checkPublished(a.documentId)).toBe("clean");
      expect(await checkPublished(b.documentId)).toBe("clean");
    });

    it("refuses a release with a flagged campaign: it is not published, the release fails, the refusal is recorded", async () => {
      const flagged = await createDraft(diabetesSubject);
      const release = await releaseOf("Flagged", [flagged.documentId]);
      const error = await releases.publish(release.id).catch((e: any) => e);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(/Publishing refused[\s\S]*no-condition-in-subject/);
      expect(await publishedOf(flagged.documentId)).toBeNull();
      expect(await strapi.db.query(RELEASE).findOne({ where: { id: release.id } })).toMatchObject({ status: "failed", releasedAt: null });
      await eventually(async () => (await audit().list(flagged.documentId)).some((e: any) => e.action === "publish-blocked"));
    });

    it("publishes a flagged campaign in a release once a reviewer approved that content, never a later edit of it", async () => {
      const draft = await createDraft(noUnsubscribe);
      ok([200])(await approve(draft.documentId, draft.contentHash));
      await releases.publish((await releaseOf("Approved", [draft.documentId])).id);
      expect(await checkPublished(draft.documentId)).toBe("approved");

      ok([200])(await editor.put(`${CM}/${draft.documentId}`, editable(diabetesSubject)));
      await expect(releases.publish((await releaseOf("Edited", [draft.documentId])).id)).rejects.toThrow(/Publishing refused/);
      expect((await publishedOf(draft.documentId)).subject).toBe(noUnsubscribe.subject);
      expect(await checkPublished(draft.documentId)).toBe("approved");
    });
  });
});
