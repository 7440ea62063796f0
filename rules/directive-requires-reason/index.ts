import { z } from "zod";
import { parseDirective } from "../../linter/src/directives.js";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";

export default defineRule({
  meta: {
    id: "directive-requires-reason",
    description: "A `hipaa-lint-disable` directive says why, after ` -- `",
    docsUrl: docsUrl("directive-requires-reason"),
    source: "45 CFR 164.530(j) (documentation of policies and decisions)",
    defaultSeverity: "error",
    scope: "line",
    options: z.strictObject({}).default({}),
  },
  check({ model, report }) {
    for (const comment of model.comments) {
      const directive = parseDirective(comment);
      if (!directive || directive.kind === "enable" || directive.reason) continue;
      report({
        message: `hipaa-lint-${directive.kind} needs a reason: add " -- why this is not PHI" so reviewers can audit the exception.`,
        range: directive.range,
        surface: "body",
      });
    }
  },
});
