import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { ACTIONS, CAMPAIGN_UID, CONSENT_CATEGORY_UID, PROTECTED_CAMPAIGN_FIELDS, REVIEW_EVENT_UID, REVIEWER_ROLE_NAME } from "./constants";

const actions = [
  { uid: "read", displayName: "Read lint reports, review queue and audit trail" },
  { uid: "lint", displayName: "Lint content on demand" },
  { uid: "approve", displayName: "Approve or reject campaigns" },
  { uid: "settings", displayName: "Read and change hipaa-lint settings" },
].map((action) => ({ ...action, section: "plugins", pluginName: "hipaa-lint" }));

const refuse = (what: string) => () => {
  throw new errors.PolicyError(`Review events are an append-only audit trail: they cannot be ${what}.`);
};

const permission = (action: string) => ({ action, subject: null, conditions: [], properties: {} });

/**
 * On the plugin's first boot (no "Compliance Reviewer" role yet): creates
 * that role (read + approve), and adjusts Strapi's default Editor and
 * Author roles: they get the `lint` action, so that the people who write
 * campaigns see the findings as they type, and keep only `read` on consent
 * categories (a category is compliance policy: which one is
 * condition-specific decides what the gate lets through; changing them
 * needs the `settings` action, see the document service middleware).
 * Later boots change no role: an admin's changes in Settings › Roles stay.
 */
async function ensureReviewerRole(strapi: Core.Strapi) {
  const roles = strapi.service("admin::role") as any;
  if (await roles.findOne({ name: REVIEWER_ROLE_NAME })) return;
  const role = await roles.create({
    name: REVIEWER_ROLE_NAME,
    description: "Reviews campaigns flagged by hipaa-lint: reads reports and approves or rejects exact content.",
  });
  await roles.assignPermissions(role.id, [permission(ACTIONS.read), permission(ACTIONS.approve)]);
  strapi.log.info(`[hipaa-lint] created the "${REVIEWER_ROLE_NAME}" admin role`);
  for (const code of ["strapi-editor", "strapi-author"]) {
    const writers = await roles.findOne({ code });
    if (!writers) continue;
    await roles.addPermissions(writers.id, [permission(ACTIONS.lint)]);
    const categoryWrites = await strapi.db.query("admin::permission").findMany({
      where: { role: { id: writers.id }, subject: CONSENT_CATEGORY_UID, action: { $ne: "plugin::content-manager.explorer.read" } },
      select: ["id"],
    });
    if (categoryWrites.length) await (strapi.service("admin::permission") as any).deleteByIds(categoryWrites.map((p: { id: number }) => p.id));
  }
}

/**
 * The content manager's edit view of campaigns: the plugin-owned fields are
 * not in the form, read-only, and not offered by "Configure the view"
 * (`visible: false`). Set on every boot, after the content manager has
 * synced its configurations. Whatever a form sends, the document service
 * middleware drops those fields anyway.
 */
async function hidePluginFieldsInEditView(strapi: Core.Strapi) {
  const contentTypes = strapi.plugin("content-manager")?.service("content-types") as any;
  const model = contentTypes?.findContentType(CAMPAIGN_UID);
  if (!model) return;
  const configuration = await contentTypes.findConfiguration(model);
  const owned = new Set<string>(PROTECTED_CAMPAIGN_FIELDS);
  const metadatas = { ...configuration.metadatas };
  for (const field of owned) {
    const current = metadatas[field] ?? {};
    metadatas[field] = { ...current, edit: { ...(current.edit ?? {}), visible: false, editable: false } };
  }
  const edit = (configuration.layouts?.edit ?? [])
    .map((row: { name: string }[]) => row.filter((item) => !owned.has(item.name)))
    .filter((row: unknown[]) => row.length > 0);
  await contentTypes.updateConfiguration(model, {
    settings: configuration.settings,
    metadatas,
    layouts: { ...configuration.layouts, edit },
  });
}

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.admin as any).services.permission.actionProvider.registerMany(actions);

  // Below the document service too: no query may change or remove an event.
  strapi.db.lifecycles.subscribe({
    models: [REVIEW_EVENT_UID],
    beforeUpdate: refuse("changed"),
    beforeUpdateMany: refuse("changed"),
    beforeDelete: refuse("deleted"),
    beforeDeleteMany: refuse("deleted"),
  });

  // Plugins bootstrap before the admin, whose first boot creates the default
  // roles only when no role exists: creating ours now would leave the app
  // without Super Admin / Editor / Author. On a first boot, create it right
  // after the admin's default roles instead.
  await hidePluginFieldsInEditView(strapi);

  const roles = strapi.service("admin::role") as any;
  if (await roles.exists()) {
    await ensureReviewerRole(strapi);
  } else {
    const createDefaults = roles.createRolesIfNoneExist;
    roles.createRolesIfNoneExist = async (...args: unknown[]) => {
      await createDefaults(...args);
      roles.createRolesIfNoneExist = createDefaults;
      await ensureReviewerRole(strapi);
    };
  }
};

export default bootstrap;
