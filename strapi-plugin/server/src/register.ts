import type { Core } from "@strapi/strapi";
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
};

export default register;
