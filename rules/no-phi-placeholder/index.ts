import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import { describePhi, phiOfPlaceholder } from "../lib/phi-path.js";

export default defineRule({
  meta: {
    id: "no-phi-placeholder",
    description: "Handlebars expressions must not insert protected health information: clinical facts or HIPAA identifiers",
    docsUrl: docsUrl("no-phi-placeholder"),
    source: "45 CFR 164.514(b)(2)(i) (Safe Harbor identifiers A-R); 45 CFR 164.502(b) (minimum necessary)",
    defaultSeverity: "error",
    scope: "line",
    options: z
      .strictObject({
        /** First names are allowed by default (a greeting); "report" flags them too. */
        firstName: z.enum(["allow", "report"]).default("allow"),
      })
      .default({ firstName: "allow" }),
    strictOptions: { firstName: "report" },
  },
  check({ model, options, settings, report }) {
    const reportedLines = new Set<number>();
    for (const placeholder of model.placeholders) {
      const finding = phiOfPlaceholder(placeholder, settings, { firstName: options.firstName === "report" });
      if (!finding) continue;
      // One finding per line and path is enough to act on; several PHI paths on a line each get one.
      const key = placeholder.range.line * 1_000_003 + placeholder.range.column;
      if (reportedLines.has(key)) continue;
      reportedLines.add(key);
      const each = placeholder.helper === "each" ? " Looping over it puts every entry in the email." : "";
      report({
        message:
          `\`{{${placeholder.original}}}\` inserts ${describePhi(finding)}.${each} ` +
          "Email is not a secure channel: link to the patient portal instead, or segment by the recipient's declared interests rather than their record.",
        range: placeholder.range,
        surface: placeholder.context === "front-matter" ? "front-matter" : "body",
        subject: `${placeholder.original} -> ${(placeholder.resolved ?? []).join(".")}`,
      });
    }
  },
});
