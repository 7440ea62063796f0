/** Admin texts go through Strapi's i18n (react-intl); en.json holds every key and is the default message. */
import { useCallback } from "react";
import { useIntl } from "react-intl";
import { PLUGIN_ID } from "../pluginId";
import en from "../translations/en.json";

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | boolean | null | undefined | Date>;

export const getTranslation = (key: MessageKey) => `${PLUGIN_ID}.${key}`;

/** `t("panel.title")` → the text for the admin's locale, English when it has none. */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback(
    (key: MessageKey, values?: MessageValues) => formatMessage({ id: getTranslation(key), defaultMessage: en[key] }, values as any) as string,
    [formatMessage],
  );
}

/** Prefixes a translation file's keys with the plugin id, as Strapi expects. */
export function prefixKeys(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
}
