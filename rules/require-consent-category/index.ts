import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";

export const CONSENT_KEY = "consentCategory";

/**
 * The categories a `consentCategory` value declares: one name, or a list of
 * names (a template sent to people who opted in to any of them). Empty when
 * nothing is named; null when the value is not names at all (a map, a number).
 */
export function declaredCategories(value: unknown): string[] | null {
  const names = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  if (!names.every((name) => typeof name === "string")) return null;
  return names.map((name) => name.trim()).filter(Boolean);
}

export default defineRule({
  meta: {
    id: "require-consent-category",
    description: "A template declares the consent category its audience opted in to (`consentCategory` in front matter)",
    docsUrl: docsUrl("require-consent-category"),
    source: "45 CFR 164.508(a)(3) (authorization for marketing); 45 CFR 164.522 (restrictions and confidential communications)",
    defaultSeverity: "error",
    scope: "file",
    options: z.strictObject({}).default({}),
  },
  check({ model, report }) {
    const entry = model.frontMatter?.entries.find((e) => e.key === CONSENT_KEY);
    if (!entry) {
      const lookAlike = model.frontMatter?.entries.find((e) => /^(consent|category|consent[-_ ]?category|list|segment|audience|tags?)$/i.test(e.key));
      report({
        message:
          `No consent category: declare \`${CONSENT_KEY}: <category>\` in the template's front matter, so it is sent only to people who opted in to that kind of message` +
          (lookAlike ? ` (\`${lookAlike.key}\` is not read as one).` : "."),
        range: null,
        surface: "file",
      });
      return;
    }
    const categories = declaredCategories(entry.value);
    if (!categories?.length) {
      report({
        message: categories
          ? `\`${CONSENT_KEY}\` is empty: name the consent category this template is sent under.`
          : `\`${CONSENT_KEY}\` must be a category name, or a list of names: name the consent category this template is sent under.`,
        range: entry.valueRange.endOffset > entry.valueRange.offset ? entry.valueRange : entry.keyRange,
        surface: "front-matter",
      });
    }
  },
});
