import type { Rule } from "../linter/src/rule-api.js";
import directiveRequiresReason from "./directive-requires-reason/index.js";
import genericCta from "./generic-cta/index.js";
import noConditionInBody from "./no-condition-in-body/index.js";
import noConditionInSubject from "./no-condition-in-subject/index.js";
import noLiteralIdentifier from "./no-literal-identifier/index.js";
import noPhiInUrl from "./no-phi-in-url/index.js";
import noPhiPlaceholder from "./no-phi-placeholder/index.js";
import noUnescapedPlaceholder from "./no-unescaped-placeholder/index.js";
import requireConsentCategory from "./require-consent-category/index.js";
import requireUnsubscribe from "./require-unsubscribe/index.js";
import validConsentCategory from "./valid-consent-category/index.js";

/** Every rule hipaa-lint ships, in the order they run. */
export const allRules: readonly Rule[] = [
  noPhiPlaceholder,
  noConditionInSubject,
  genericCta,
  noPhiInUrl,
  noLiteralIdentifier,
  noConditionInBody,
  requireUnsubscribe,
  requireConsentCategory,
  validConsentCategory,
  noUnescapedPlaceholder,
  directiveRequiresReason,
] as unknown as readonly Rule[];
