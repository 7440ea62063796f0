/**
 * strapi-plugin-hipaa-lint, admin side (minimal): registers the plugin and
 * the consent-category custom field's input. The review UI comes later.
 */
import { PLUGIN_ID } from "./pluginId";

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: "hipaa-lint" });
    app.customFields.register({
      name: "consent-category",
      pluginId: PLUGIN_ID,
      type: "string",
      intlLabel: { id: `${PLUGIN_ID}.consent-category.label`, defaultMessage: "Consent category" },
      intlDescription: {
        id: `${PLUGIN_ID}.consent-category.description`,
        defaultMessage: "The consent category (hipaa-lint) this content is sent under: stores the category's key",
      },
      components: {
        Input: async () => import("./components/ConsentCategoryInput").then((module) => ({ default: module.ConsentCategoryInput })),
      },
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ data: {}, locale }));
  },
};
