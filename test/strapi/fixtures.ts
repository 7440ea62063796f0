/** Campaign content for the integration tests, and the HTTP client they use. */
import { allRules } from "hipaa-lint";

const footer = `<p>Sunrise Clinic &middot; 1 Main Street</p>
<p><a href="{{unsubscribe_url}}">Unsubscribe</a> &middot; <a href="{{preferences_url}}">Update your preferences</a></p>`;

/** Lints clean with the default rules. */
export const clean = {
  title: "October newsletter",
  subject: "Your October wellness newsletter",
  preheader: "Seasonal tips and classes near you",
  format: "html",
  body: `<html><body>
<p>Hi {{firstName}},</p>
<p>Shorter days are a good time to build small habits: a walk after lunch and a regular bedtime.</p>
${footer}
</body></html>`,
  audienceSegment: "Opted in to newsletters",
};

/** An error: no opt-out link (`require-unsubscribe`). */
export const noUnsubscribe = {
  ...clean,
  title: "Missing opt-out",
  body: `<html><body>
<p>Hi {{firstName}},</p>
<p>Join our walking group on Saturdays.</p>
</body></html>`,
};

/** The acceptance case: a condition named in the subject, under a category that is not condition-specific. */
export const diabetesSubject = {
  ...clean,
  title: "Diabetes care plan",
  subject: "Your diabetes care plan",
  preheader: "A few things to check this month",
};

export const CONDITION_RULE = "no-condition-in-subject";

/**
 * Campaigns the publish gate must refuse: the issue's own case, and one that
 * fails another rule. `expectRule` is the rule the refusal must name.
 */
export const blockedCases = [
  { name: "'Your diabetes care plan' as subject", content: diabetesSubject, expectRule: CONDITION_RULE, expectIn: "subject" },
  { name: "no opt-out link", content: noUnsubscribe, expectRule: "require-unsubscribe", expectIn: "the whole template" },
];

if (!allRules.some((rule) => rule.meta.id === CONDITION_RULE)) {
  throw new Error(`hipaa-lint has no rule "${CONDITION_RULE}": the acceptance cases depend on it.`);
}

export interface Response<T = any> {
  status: number;
  body: T;
}

/** A tiny JSON client for the admin API. */
export function client(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as any };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown = {}) => call("POST", path, body),
    put: (path: string, body: unknown = {}) => call("PUT", path, body),
    del: (path: string) => call("DELETE", path),
  };
}

/** Waits until `check` returns a truthy value (audit events of a refused publish are written right after its rollback). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
