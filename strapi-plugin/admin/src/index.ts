/**
 * strapi-plugin-hipaa-lint, admin side: the compliance side panel and the
 * publish refusal in the campaign edit view (Content Manager APIs), the
 * Compliance review page, the Settings page and the consent-category
 * custom field's input.
 */
import type { ContentManagerPlugin, DocumentActionComponent } from "@strapi/content-manager/strapi-admin";
import { CompliancePanel } from "./components/CompliancePanel";
import { PluginIcon } from "./components/PluginIcon";
import { withPublishRefusal } from "./components/publishAction";
import { PERMISSIONS } from "./lib/api";
import { getTranslation, prefixKeys } from "./lib/i18n";
import { PLUGIN_ID } from "./pluginId";

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: "hipaa-lint" });

    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation("menu.review"), defaultMessage: "Compliance review" },
      permissions: PERMISSIONS.read,
      Component: () => import("./pages/ReviewPage").then((module) => ({ default: module.ReviewPage })),
    });

    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: getTranslation("settings.section"), defaultMessage: "hipaa-lint" } },
      {
        id: `${PLUGIN_ID}-settings`,
        intlLabel: { id: getTranslation("settings.link"), defaultMessage: "Compliance rules" },
        to: PLUGIN_ID,
        permissions: PERMISSIONS.settings,
        Component: () => import("./pages/SettingsPage").then((module) => ({ default: module.SettingsPage })),
      },
    );

    app.customFields.register({
      name: "consent-category",
      pluginId: PLUGIN_ID,
      type: "string",
      intlLabel: { id: getTranslation("consent-category.label"), defaultMessage: "Consent category" },
      intlDescription: {
        id: getTranslation("consent-category.description"),
        defaultMessage: "The consent category (hipaa-lint) this content is sent under: stores the category's key",
      },
      icon: PluginIcon,
      components: {
        Input: async () => import("./components/ConsentCategoryInput").then((module) => ({ default: module.ConsentCategoryInput })),
      },
    });
  },

  bootstrap(app: any) {
    const apis = app.getPlugin("content-manager").apis as ContentManagerPlugin["config"]["apis"];
    apis.addEditViewSidePanel([CompliancePanel]);
    apis.addDocumentAction((actions: DocumentActionComponent[]) =>
      actions.map((action) => (action.type === "publish" ? withPublishRefusal(action) : action)),
    );
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
