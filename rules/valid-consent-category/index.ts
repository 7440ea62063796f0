import { z } from "zod";
import { closestName } from "../../linter/src/config/errors.js";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import { CONSENT_KEY, declaredCategories } from "../require-consent-category/index.js";

export default defineRule({
  meta: {
    id: "valid-consent-category",
    description: "The declared `consentCategory` is one of the categories configured in `consentCategories`",
    docsUrl: docsUrl("valid-consent-category"),
    source: "45 CFR 164.508(a)(3) (authorization for marketing)",
    defaultSeverity: "warn",
    scope: "line",
    options: z.strictObject({}).default({}),
  },
  check({ model, settings, report }) {
    const entry = model.frontMatter?.entries.find((e) => e.key === CONSENT_KEY);
    if (!entry) return;
    // A missing, empty or malformed value is require-consent-category's to report.
    for (const value of declaredCategories(entry.value) ?? []) {
      if (settings.consentCategories.includes(value)) continue;
      const guess = closestName(value, settings.consentCategories);
      report({
        message:
          `Unknown consent category "${value}"` +
          (guess ? ` (did you mean "${guess}"?)` : "") +
          `: configured categories are ${settings.consentCategories.map((c) => `"${c}"`).join(", ")}. Use one of them, or add this one to \`consentCategories\` in the config.`,
        range: entry.valueRange,
        surface: "front-matter",
      });
    }
  },
});
