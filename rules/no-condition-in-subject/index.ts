import { z } from "zod";
import type { Surface } from "../../linter/src/model.js";
import { defineRule, docsUrl, type Suggestion } from "../../linter/src/rule-api.js";
import { describeHit, healthTermsIn, possessedNearby, type HealthHit } from "../lib/health-text.js";

const SURFACE_NAME: Record<Surface["kind"], string> = { subject: "subject line", preheader: "preheader", title: "title" };

// Generic wording that reveals nothing, by what the flagged surface is and what it named.
function genericWording(kind: Surface["kind"], hit: HealthHit): string {
  if (kind === "preheader") return "Log in to your patient portal for details";
  if (hit.category === "medication") return "A message from your pharmacy team";
  if (hit.category === "procedure" || hit.category === "test") return "Information about your upcoming visit";
  return "An update from your care team";
}

/** A fix that replaces the whole surface, when it maps one to one onto the source. */
function replacement(surface: Surface, text: string): Suggestion["fix"] | undefined {
  const segments = surface.span.segments;
  if (segments.length !== 1 || !segments[0]!.exact) return undefined;
  return { range: [surface.span.range.offset, surface.span.range.endOffset], text };
}

export default defineRule({
  meta: {
    id: "no-condition-in-subject",
    description: "Subject lines, preheaders and titles must not name a condition, medication, condition-specific treatment or test",
    docsUrl: docsUrl("no-condition-in-subject"),
    source: "45 CFR 164.502(a) and 164.514(b)(2) (uses and disclosures; de-identification); 45 CFR 164.501 (marketing)",
    defaultSeverity: "error",
    scope: "line",
    hasSuggestions: true,
    options: z.strictObject({}).default({}),
  },
  check({ model, settings, report }) {
    for (const surface of model.surfaces) {
      const terms = healthTermsIn(surface.span, settings);
      const first = terms.hits.find((hit) => !hit.ambiguous || possessedNearby(terms, hit, settings));
      if (!first) continue;
      const text = surface.span.text;
      const name = SURFACE_NAME[surface.kind];
      const wording = genericWording(surface.kind, first);
      const fix = replacement(surface, wording);
      report({
        message:
          `The ${name} names ${describeHit(first, text)}: inbox previews, lock screens and shared mailboxes show it to anyone, ` +
          `so it discloses a health fact about the recipient. Keep the ${name} generic, e.g. "${wording}", and put details behind the patient portal login.`,
        range: model.locate(surface.span, first.start, first.end),
        surface: surface.kind,
        suggestions: [{ desc: `Replace the ${name} with "${wording}"`, ...(fix ? { fix } : {}) }],
        subject: text,
      });
    }
  },
});
