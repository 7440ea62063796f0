import { ACTIONS } from "../constants";

const allowed = (action: string) => ({ policies: [{ name: "admin::hasPermissions", config: { actions: [action] } }] });

/** Admin routes: authenticated admin users only, each behind one of the plugin's RBAC actions. */
export default {
  admin: {
    type: "admin",
    routes: [
      { method: "POST", path: "/lint", handler: "hipaa.lint", config: allowed(ACTIONS.lint) },
      { method: "GET", path: "/reviews", handler: "hipaa.reviews", config: allowed(ACTIONS.read) },
      { method: "POST", path: "/campaigns/:documentId/approve", handler: "hipaa.approve", config: allowed(ACTIONS.approve) },
      { method: "POST", path: "/campaigns/:documentId/reject", handler: "hipaa.reject", config: allowed(ACTIONS.approve) },
      { method: "GET", path: "/campaigns/:documentId/events", handler: "hipaa.events", config: allowed(ACTIONS.read) },
      { method: "GET", path: "/settings", handler: "hipaa.getSettings", config: allowed(ACTIONS.settings) },
      { method: "PUT", path: "/settings", handler: "hipaa.putSettings", config: allowed(ACTIONS.settings) },
      { method: "GET", path: "/consent-categories", handler: "hipaa.consentCategories", config: { policies: ["admin::isAuthenticatedAdmin"] } },
    ],
  },
  /**
   * Public content API, read-only, under /api/hipaa-lint: nothing is
   * reachable until an admin gives a users-permissions role or an API token
   * `find` / `findOne` on it. Published campaigns only, without the
   * plugin-owned fields. Review events have no content API route at all.
   */
  "content-api": {
    type: "content-api",
    routes: [
      { method: "GET", path: "/campaigns", handler: "campaign.find", config: {} },
      { method: "GET", path: "/campaigns/:id", handler: "campaign.findOne", config: {} },
      { method: "GET", path: "/consent-categories", handler: "consent-category.find", config: {} },
      { method: "GET", path: "/consent-categories/:id", handler: "consent-category.findOne", config: {} },
    ],
  },
};
