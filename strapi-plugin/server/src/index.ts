/**
 * strapi-plugin-hipaa-lint, server side: content types (consent categories,
 * campaigns, the review-event audit trail), a consent-category custom field,
 * lint on save (config `lintOnSave`) and the publish gate (a document service
 * middleware), and the review / settings admin API behind the plugin's RBAC
 * actions.
 * All linting is done in-process by the hipaa-lint engine.
 */
import bootstrap from "./bootstrap";
import config from "./config";
import contentTypes from "./content-types";
import controllers from "./controllers";
import register from "./register";
import routes from "./routes";
import services from "./services";

export default {
  register,
  bootstrap,
  config,
  contentTypes,
  controllers,
  routes,
  services,
};
