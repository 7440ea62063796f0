import type { Placeholder } from "../../linter/src/model.js";
import type { LintSettings } from "../../linter/src/rule-api.js";
import { classifyPath, type PhiFinding } from "../lexicon/phi-fields.js";

/** Whether a placeholder reads PHI, under the config's field additions and allowances. */
export function phiOfPlaceholder(placeholder: Placeholder, settings: LintSettings, options: { firstName: boolean }): PhiFinding | null {
  if (placeholder.context === "comment" || !placeholder.resolved) return null;
  return classifyPath(placeholder.resolved, {
    firstName: options.firstName,
    add: settings.phiFields.add,
    allow: settings.phiFields.allow,
    lexicon: settings.lexicons.conditions,
  });
}

/** "a date tied to the person: a HIPAA identifier (C)". */
export function describePhi(finding: PhiFinding): string {
  if (finding.kind === "identifier") return `${finding.label}: a HIPAA identifier (${finding.letter})`;
  return `${finding.label}: a clinical fact about the patient`;
}
