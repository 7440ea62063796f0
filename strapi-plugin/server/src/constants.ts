/** Identifiers shared by the plugin's server code. */
export const PLUGIN_ID = "hipaa-lint";

export const CAMPAIGN_UID = "plugin::hipaa-lint.campaign";
export const CONSENT_CATEGORY_UID = "plugin::hipaa-lint.consent-category";
export const REVIEW_EVENT_UID = "plugin::hipaa-lint.review-event";
export const CONSENT_FIELD_UID = "plugin::hipaa-lint.consent-category";

/** Campaign attributes only the plugin writes: stripped from every write that comes through the document service. */
export const PROTECTED_CAMPAIGN_FIELDS = ["reviewStatus", "lintReport", "contentHash", "lintedAt"] as const;

export const REVIEW_STATUSES = ["clean", "flagged", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const EVENT_ACTIONS = ["flagged", "approved", "rejected", "publish-blocked", "published"] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** RBAC actions, registered as `plugin::hipaa-lint.<uid>`. */
export const ACTIONS = {
  read: "plugin::hipaa-lint.read",
  lint: "plugin::hipaa-lint.lint",
  approve: "plugin::hipaa-lint.approve",
  settings: "plugin::hipaa-lint.settings",
} as const;

export const REVIEWER_ROLE_NAME = "Compliance Reviewer";
