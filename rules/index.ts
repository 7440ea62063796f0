import type { Rule } from "../linter/src/rule-api.js";
import directiveRequiresReason from "./directive-requires-reason/index.js";
import noUnescapedPlaceholder from "./no-unescaped-placeholder/index.js";
import requireConsentCategory from "./require-consent-category/index.js";
import requireUnsubscribe from "./require-unsubscribe/index.js";
import validConsentCategory from "./valid-consent-category/index.js";

/** Every rule hipaa-lint ships, in the order they run. */
export const allRules: readonly Rule[] = [
  requireUnsubscribe,
  requireConsentCategory,
  validConsentCategory,
  noUnescapedPlaceholder,
  directiveRequiresReason,
] as unknown as readonly Rule[];
