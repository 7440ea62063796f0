import type { Core } from "@strapi/strapi";
import { errors } from "@strapi/utils";
import { ACTIONS, REVIEW_EVENT_UID, REVIEWER_ROLE_NAME } from "./constants";

const actions = [
  { uid: "read", displayName: "Read lint reports, review queue and audit trail" },
  { uid: "lint", displayName: "Lint content on demand" },
  { uid: "approve", displayName: "Approve or reject campaigns" },
  { uid: "settings", displayName: "Read and change hipaa-lint settings" },
].map((action) => ({ ...action, section: "plugins", pluginName: "hipaa-lint" }));

const refuse = (what: string) => () => {
  throw new errors.PolicyError(`Review events are an append-only audit trail: they cannot be ${what}.`);
};

/** Creates the "Compliance Reviewer" role (read + approve) when no role of that name exists. */
async function ensureReviewerRole(strapi: Core.Strapi) {
  const roles = strapi.service("admin::role") as any;
  if (await roles.findOne({ name: REVIEWER_ROLE_NAME })) return;
  const role = await roles.create({
    name: REVIEWER_ROLE_NAME,
    description: "Reviews campaigns flagged by hipaa-lint: reads reports and approves or rejects exact content.",
  });
  await roles.assignPermissions(role.id, [
    { action: ACTIONS.read, subject: null, conditions: [], properties: {} },
    { action: ACTIONS.approve, subject: null, conditions: [], properties: {} },
  ]);
  strapi.log.info(`[hipaa-lint] created the "${REVIEWER_ROLE_NAME}" admin role`);
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
