import { z } from "zod";
import type { Link } from "../../linter/src/model.js";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import { textWords } from "../../linter/src/text/words.js";
import { definiteHits, describeHit, healthTermsIn, type HealthHit } from "../lib/health-text.js";

// The generic action that keeps the intent of a flagged call to action.
const GENERIC_BY_VERB: [RegExp, string][] = [
  [/^(refill|renew|reorder|order|pick|fill|manage your (prescription|medication|med))/, "Manage your prescriptions"],
  [/^(book|schedule|plan|reserve|request)/, "Schedule an appointment"],
  [/^(see|view|check|read|get|review|download|open|manage|update|track|log)/, "Log in to the patient portal"],
  [/^(call|contact|talk|message|chat|ask)/, "Contact us"],
];

function genericWording(label: string, hit: HealthHit): string {
  const lower = label.trim().toLowerCase();
  for (const [verb, wording] of GENERIC_BY_VERB) if (verb.test(lower)) return wording;
  return hit.category === "medication" ? "Manage your prescriptions" : "Learn more";
}

function linkName(link: Link): string {
  return link.kind === "mj-button" || link.kind === "button" ? "button" : "link";
}

export default defineRule({
  meta: {
    id: "generic-cta",
    description: "Calls to action (buttons and links) stay generic: no condition, medication, treatment or test",
    docsUrl: docsUrl("generic-cta"),
    source: "45 CFR 164.502(b) (minimum necessary); 45 CFR 164.514(b)(2) (de-identification)",
    defaultSeverity: "warn",
    scope: "line",
    hasSuggestions: true,
    options: z.strictObject({}).default({}),
  },
  check({ model, settings, report }) {
    const allowed = new Set(settings.cta.allow.map((p) => textWords(p).join(" ")));
    for (const link of model.links) {
      const label = link.label.text;
      if (!label.trim() || allowed.has(textWords(label).join(" "))) continue;
      const first = definiteHits(healthTermsIn(link.label, settings))[0];
      if (!first) continue;
      const wording = genericWording(label, first);
      const shown = label.replace(/\s+/g, " ").trim();
      report({
        message:
          `The ${linkName(link)} "${shown}" names ${describeHit(first, label)}: a call to action that reveals a condition tells anyone who sees the email (and click trackers) about the recipient's health. ` +
          `Use a generic action such as "${wording}".`,
        range: model.locate(link.label, first.start, first.end),
        surface: "body",
        suggestions: [{ desc: `Use "${wording}"` }],
        subject: shown,
      });
    }
  },
});
