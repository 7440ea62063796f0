import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";

export const CONSENT_KEY = "consentCategory";

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
    if (typeof entry.value !== "string" || entry.value.trim() === "") {
      report({
        message: `\`${CONSENT_KEY}\` is empty: name the consent category this template is sent under.`,
        range: entry.valueRange.endOffset > entry.valueRange.offset ? entry.valueRange : entry.keyRange,
        surface: "front-matter",
      });
    }
  },
});
