import type { Core } from "@strapi/strapi";
import { REVIEW_EVENT_UID } from "./constants";
import { documentsMiddleware } from "./middlewares/documents";

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // A custom field editors add to their own content types: it stores a
  // consent category's key (custom fields cannot be relations).
  strapi.customFields.register({
    name: "consent-category",
    plugin: "hipaa-lint",
    type: "string",
    inputSize: { default: 6, isResizable: true },
  });
  strapi.documents.use(documentsMiddleware(strapi) as any);
  // GraphQL, when installed, would generate queries for every content type:
  // the audit trail stays out of it, as it has no content API route.
  const graphql = strapi.plugin("graphql") as any;
  if (graphql) graphql.service("extension").shadowCRUD(REVIEW_EVENT_UID).disable();
};

export default register;
