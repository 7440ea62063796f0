/**
 * End-to-end test of the plugin's admin UI, in headless Chromium (Debian's
 * `chromium`, driven by playwright-core), against the real playground
 * Strapi serving its built admin panel (`npm run build:admin` first).
 *
 * An editor creates a campaign whose subject names a condition, sees the
 * finding and its suggestion in the side panel, fails to publish and reads
 * why; a compliance reviewer finds it on the review page and approves it
 * with a comment; the editor publishes. Markup in template text, in a
 * finding that quotes it and in a reviewer's comment is shown as text and
 * never runs; the plugin-owned fields have no inputs in the edit view.
 * Screenshots go to test-results/.
 *
 * Run: node --test test/e2e/admin-ui.e2e.mjs
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PLAYGROUND = join(ROOT, "strapi-plugin/playground");
const ARTIFACTS = join(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CAMPAIGN = "plugin::hipaa-lint.campaign";
const PASSWORD = "Str0ng-enough-pass";
const SUBJECT = "Managing your diabetes this winter";
const TITLE = "Winter care <script>window.__hipaaXss = 1</script>";
const BODY = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi {{firstName}}, the colder months are a good time for a check-up.</mj-text>
<mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a> or <a href="{{preferences_url}}">update your preferences</a>.</mj-text>
</mj-column></mj-section></mj-body></mjml>`;
const VIEWPORT = { width: 1680, height: 1050 };
const STEP_TIMEOUT = 60_000;

let strapi;
let baseUrl;
let browser;
let workDir;

async function bootStrapi() {
  workDir = mkdtempSync(join(tmpdir(), "hipaa-lint-e2e-"));
  Object.assign(process.env, {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    SERVE_ADMIN_PANEL: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    STRAPI_TELEMETRY_DISABLED: "true",
    BROWSER: "none",
    DATABASE_CLIENT: "sqlite",
    DATABASE_FILENAME: join(workDir, "data.db"),
  });
  const { createStrapi } = require("@strapi/strapi");
  strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
  await strapi.load();
  await new Promise((done) => strapi.server.listen(0, "127.0.0.1", done));
  baseUrl = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
}

/** The users of the story: a super admin (who sets the roles up), an Editor and a Compliance Reviewer. */
async function createUsers() {
  const response = await fetch(`${baseUrl}/admin/register-admin`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ firstname: "Ada", lastname: "Admin", email: "ada@example.org", password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.text());
  const roles = strapi.service("admin::role");
  const editorRole = await strapi.db.query("admin::role").findOne({ where: { code: "strapi-editor" } });
  const reviewerRole = await strapi.db.query("admin::role").findOne({ where: { name: "Compliance Reviewer" } });
  assert.ok(editorRole && reviewerRole, "the Editor and Compliance Reviewer roles exist");
  // Editors lint on demand (the side panel) from the plugin's first boot; what a
  // super admin adds in Settings › Roles: they read their campaigns' audit trail.
  const current = await strapi.service("admin::permission").findMany({ where: { role: { id: editorRole.id } } });
  assert.ok(current.some((p) => p.action === "plugin::hipaa-lint.lint"), "the Editor role has lint");
  await roles.assignPermissions(editorRole.id, [
    ...current.map(({ action, subject, properties, conditions, actionParameters }) => ({ action, subject, properties, conditions, actionParameters })),
    { action: "plugin::hipaa-lint.read", subject: null, properties: {}, conditions: [] },
  ]);
  const users = strapi.service("admin::user");
  await users.create({ email: "eddie@example.org", firstname: "Eddie", lastname: "Editor", password: PASSWORD, isActive: true, roles: [editorRole.id] });
  await users.create({ email: "rita@example.org", firstname: "Rita", lastname: "Reviewer", password: PASSWORD, isActive: true, roles: [reviewerRole.id] });
}

async function launchBrowser() {
  const { chromium } = require("playwright-core");
  // playwright-core's launch() gives Chromium a fresh temporary --user-data-dir of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser session, logged in as `email`. */
async function loginAs(email) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "en-US" });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on("pageerror", (error) => console.log(`[browser:${email}] page error: ${error.message}`));
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole("button", { name: /^log ?in$/i }).click();
  await page.waitForURL((url) => !url.pathname.includes("/auth/"), { timeout: STEP_TIMEOUT });
  return page;
}

const draftOf = (documentId) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "draft" });
const publishedOf = (documentId) => strapi.documents(CAMPAIGN).findOne({ documentId, status: "published" });

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  assert.ok(existsSync(join(PLAYGROUND, "build/index.html")) || existsSync(join(PLAYGROUND, "dist/build/index.html")), "the admin panel is not built: run `npm run build:admin` first");
  mkdirSync(ARTIFACTS, { recursive: true });
  await bootStrapi();
  await createUsers();
  await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (strapi) {
    await new Promise((done) => strapi.server.httpServer.close(() => done()));
    await strapi.destroy();
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test("editor is refused, reviewer approves, editor publishes — through the admin UI", { timeout: 15 * 60_000 }, async () => {
  // --- The editor writes a campaign whose subject names a condition.
  const editor = await loginAs("eddie@example.org");
  await editor.goto(`${baseUrl}/admin/content-manager/collection-types/${CAMPAIGN}/create`);
  await editor.locator('input[name="title"]').fill(TITLE);
  await editor.locator('input[name="subject"]').fill(SUBJECT);
  await editor.locator('textarea[name="body"]').fill(BODY);

  // The side panel lints the form as it is typed: the subject finding, with its suggestion.
  const panel = editor.getByTestId("hipaa-lint-panel");
  const subjectFinding = panel.locator('[data-testid="hipaa-lint-group-subject"] [data-rule="no-condition-in-subject"]');
  await subjectFinding.waitFor();
  assert.match(await subjectFinding.innerText(), /diabetes/i);
  assert.match(await subjectFinding.getByTestId("hipaa-lint-suggestion").innerText(), /Replace the subject line with "An update from your care team"/);
  assert.match(await subjectFinding.locator('[data-severity="error"]').innerText(), /error/i);
  assert.equal(await subjectFinding.getByRole("link").getAttribute("href"), "https://github.com/hipaa-lint/hipaa-lint/blob/main/rules/no-condition-in-subject/README.md");
  assert.equal(await panel.getByTestId("hipaa-lint-status").getAttribute("data-status"), "flagged");
  await panel.screenshot({ path: join(ARTIFACTS, "side-panel.png") });
  await editor.screenshot({ path: join(ARTIFACTS, "edit-view.png") });

  // Save the draft (lint on save flags it), then try to publish.
  await editor.getByRole("button", { name: /^save$/i }).click();
  await editor.waitForURL(new RegExp(`${CAMPAIGN.replace(/[.:]/g, "\\$&")}/(?!create)[a-z0-9]+`));
  const documentId = editor.url().split("/").pop().split("?")[0];
  await waitFor(async () => (await draftOf(documentId))?.reviewStatus === "flagged", "the saved draft is flagged");

  await editor.getByRole("button", { name: /^publish$/i }).click();
  const refusal = editor.getByTestId("hipaa-lint-refusal");
  await refusal.waitFor();
  const why = await refusal.innerText();
  assert.match(why, /Publishing refused/);
  assert.match(why, /no-condition-in-subject in Subject/);
  assert.match(why, /ask a Compliance Reviewer to approve/);
  assert.equal(await publishedOf(documentId), null, "nothing was published");
  // and the content manager shows the finding beside the subject field
  await editor.getByText(/^no-condition-in-subject: The subject line names/).first().waitFor();
  await editor.screenshot({ path: join(ARTIFACTS, "publish-refused.png") });

  // --- The reviewer finds it on the review page and approves it with a comment.
  const reviewer = await loginAs("rita@example.org");
  const menuLink = reviewer.getByRole("link", { name: /compliance review/i }).first();
  await menuLink.waitFor();
  await menuLink.click();
  await reviewer.waitForURL(/\/admin\/plugins\/hipaa-lint/);
  const row = reviewer.locator(`[data-testid="hipaa-lint-review-row"][data-title="${TITLE}"]`);
  await row.waitFor();
  // Template text is shown as text, never run.
  assert.match(await row.innerText(), /<script>window\.__hipaaXss = 1<\/script>/);
  assert.equal(await reviewer.evaluate(() => window.__hipaaXss), undefined);
  // no menu tooltip in the picture
  await reviewer.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await reviewer.mouse.move(900, 700);
  await reviewer.keyboard.press("Escape");
  await reviewer.waitForTimeout(300);
  await reviewer.screenshot({ path: join(ARTIFACTS, "review-page.png") });

  await row.getByTestId("hipaa-lint-row-approve").click();
  await reviewer.getByTestId("hipaa-lint-decision-submit").click();
  await reviewer.getByText("A comment is required.").waitFor(); // the comment is required
  await reviewer.getByTestId("hipaa-lint-decision-comment").fill("Subject reviewed: sent only to the diabetes programme opt-in list.");
  await reviewer.getByTestId("hipaa-lint-decision-submit").click();
  await row.waitFor({ state: "detached" });
  await waitFor(async () => (await draftOf(documentId))?.reviewStatus === "approved", "the draft is approved");

  // --- The editor publishes the approved content.
  await editor.reload();
  const status = editor.getByTestId("hipaa-lint-panel").getByTestId("hipaa-lint-status");
  await editor.waitForFunction(() => document.querySelector('[data-testid="hipaa-lint-panel"] [data-testid="hipaa-lint-status"]')?.getAttribute("data-status") === "approved", null, { timeout: STEP_TIMEOUT });
  assert.equal(await status.getAttribute("data-status"), "approved");
  await editor.getByRole("button", { name: /^publish$/i }).click();
  await waitFor(async () => Boolean(await publishedOf(documentId)), "the campaign is published");
  await editor.reload();
  await editor.getByTestId("hipaa-lint-audit").locator('[data-action="published"]').waitFor();
  await editor.screenshot({ path: join(ARTIFACTS, "published.png") });
  const actions = (await strapi.plugin("hipaa-lint").service("audit").list(documentId)).map((event) => event.action);
  // (the server may record another "flagged" when the reviewer's decision re-lints the draft)
  const order = ["flagged", "publish-blocked", "approved", "published"].map((action) => actions.indexOf(action));
  assert.ok(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1])), `audit trail in order: ${actions.join(", ")}`);
  assert.equal(actions.at(-1), "published");
});

test("template text, findings and comments are shown as text, never run; no inputs for the plugin-owned fields", { timeout: 10 * 60_000 }, async () => {
  // Markup in the subject, the body and a link text that a finding quotes (generic-cta), and in a reviewer's comment.
  const title = "Markup in template text";
  const subject = "Your diabetes plan <script>window.__xss=1</script>";
  const linkText = 'Manage your diabetes <img src=x onerror="window.__xss=3"> <script>window.__xss=4</script>';
  const body = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi {{firstName}}, <img src=x onerror="window.__xss=2"> the colder months are a good time for a check-up.</mj-text>
<mj-text><a href="https://portal.example.org">${linkText.replace(/</g, "&lt;").replace(/>/g, "&gt;")}</a></mj-text>
<mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a> or <a href="{{preferences_url}}">update your preferences</a>.</mj-text>
</mj-column></mj-section></mj-body></mjml>`;
  const comment = 'Not like this <img src=x onerror="window.__xss=5"> <b>bold?</b>';
  const category = await strapi.documents("plugin::hipaa-lint.consent-category").findFirst({ filters: { key: "newsletters" } });
  const { documentId } = await strapi.documents(CAMPAIGN).create({ data: { title, subject, body, format: "mjml", consentCategory: category.documentId } });
  assert.equal((await draftOf(documentId)).reviewStatus, "flagged");

  const noScriptRan = async (page, where) => {
    await page.waitForTimeout(500); // an onerror would have fired by now
    assert.equal(await page.evaluate(() => window.__xss), undefined, `no template text ran (${where})`);
    assert.equal(await page.locator('img[src="x"]').count(), 0, `no <img> from template text in the page (${where})`);
  };

  // --- The reviewer's queue shows the subject as text; the reviewer rejects with a comment full of markup.
  const reviewer = await loginAs("rita@example.org");
  await reviewer.goto(`${baseUrl}/admin/plugins/hipaa-lint`);
  const row = reviewer.locator(`[data-testid="hipaa-lint-review-row"][data-title="${title}"]`);
  await row.waitFor();
  assert.ok((await row.innerText()).includes(subject), "the subject is shown as text in the queue");
  await noScriptRan(reviewer, "review page");
  await row.getByTestId("hipaa-lint-row-reject").click();
  await reviewer.getByTestId("hipaa-lint-decision-comment").fill(comment);
  await reviewer.getByTestId("hipaa-lint-decision-submit").click();
  await row.waitFor({ state: "detached" });
  await noScriptRan(reviewer, "review page, after the decision");
  await reviewer.screenshot({ path: join(ARTIFACTS, "markup-review-page.png") });

  // --- The editor's edit view: the form, the findings (one quotes the link text) and the audit trail (the comment).
  const editor = await loginAs("eddie@example.org");
  await editor.goto(`${baseUrl}/admin/content-manager/collection-types/${CAMPAIGN}/${documentId}`);
  const panel = editor.getByTestId("hipaa-lint-panel");
  const cta = panel.locator('[data-testid="hipaa-lint-group-body"] [data-rule="generic-cta"]');
  await cta.waitFor();
  assert.ok((await cta.innerText()).includes(linkText), "the finding quotes the link text as text");
  await panel.locator('[data-testid="hipaa-lint-group-subject"] [data-rule="no-condition-in-subject"]').waitFor();
  const rejected = panel.getByTestId("hipaa-lint-audit").locator('[data-action="rejected"]');
  await rejected.waitFor();
  assert.ok((await rejected.innerText()).includes(comment), "the reviewer's comment is shown as text");
  assert.equal(await editor.locator('input[name="subject"]').inputValue(), subject);
  await noScriptRan(editor, "edit view");

  // The plugin-owned fields are not in the form: no input, nothing labelled with their names
  // (the form's fields are labelled with theirs, e.g. "audienceSegment").
  assert.ok((await editor.getByText("audienceSegment", { exact: true }).count()) > 0, "the form labels fields with their names");
  for (const name of ["reviewStatus", "lintReport", "contentHash", "lintedAt"]) {
    assert.equal(await editor.locator(`[name="${name}"]`).count(), 0, `no input named ${name}`);
    assert.equal(await editor.getByText(name, { exact: true }).count(), 0, `no field labelled ${name}`);
  }
  await editor.screenshot({ path: join(ARTIFACTS, "markup-edit-view.png") });
});

test("settings page: validation errors are shown beside the field; a valid change is saved", { timeout: 10 * 60_000 }, async () => {
  const admin = await loginAs("ada@example.org");
  await admin.goto(`${baseUrl}/admin/settings/hipaa-lint`);
  await admin.getByText("Rule severities").waitFor();
  await admin.getByText("Accepted consent categories").waitFor();
  await admin.getByRole("checkbox", { name: /Wellness tips/ }).waitFor();

  // The server refuses a config path in `extends`: its error names the key and sits under that field.
  const other = admin.locator('textarea[name="config"]');
  await other.fill('{ "extends": "./elsewhere.json" }');
  await admin.getByTestId("hipaa-lint-settings-save").click();
  const otherField = admin.locator("div", { has: other }).filter({ hasText: "Other configuration (JSON)" }).last();
  await otherField.getByText(/unknown preset "\.\/elsewhere\.json"/).waitFor();
  await otherField.getByText(/unknown preset/).scrollIntoViewIfNeeded();
  await admin.screenshot({ path: join(ARTIFACTS, "settings-error.png") });

  // A valid change: require-unsubscribe becomes a warning, and warnings block too.
  await other.fill("{}");
  await admin.getByRole("checkbox", { name: "Warnings" }).click();
  await admin.getByRole("combobox", { name: "Severity of require-unsubscribe" }).click();
  await admin.getByRole("option", { name: "Warning" }).click();
  await admin.getByTestId("hipaa-lint-settings-save").click();
  await admin.getByText("Settings saved.").first().waitFor();
  const saved = await strapi.plugin("hipaa-lint").service("settings").get();
  assert.deepEqual(saved.blockOn.sort(), ["error", "warn"]);
  assert.equal(saved.config.rules["require-unsubscribe"], "warn");
  await admin.screenshot({ path: join(ARTIFACTS, "settings.png"), fullPage: true });
});

test("consent-category custom field: a select of the active consent categories", { timeout: 5 * 60_000 }, async () => {
  const admin = await loginAs("ada@example.org");
  await admin.goto(`${baseUrl}/admin/content-manager/collection-types/api::announcement.announcement/create`);
  await admin.locator('input[name="title"]').fill("Open day");
  const select = admin.getByRole("combobox", { name: /consentCategory|Consent category/i });
  await select.click();
  await admin.getByRole("option", { name: /Condition-specific updates \(condition-specific opt-in\)/ }).waitFor();
  await admin.getByRole("option", { name: "Events" }).click();
  await admin.getByRole("button", { name: /^save$/i }).click();
  await waitFor(async () => (await strapi.documents("api::announcement.announcement").findFirst({ filters: { title: "Open day" } }))?.consentCategory === "events", "the announcement stores the category key");
  await admin.screenshot({ path: join(ARTIFACTS, "custom-field.png") });
});

async function waitFor(check, what, timeoutMs = STEP_TIMEOUT) {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
