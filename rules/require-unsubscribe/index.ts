import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import { identifierWords, textWords } from "../../linter/src/text/words.js";

const OPT_OUT_WORDS = new Set(["unsubscribe", "unsub", "optout", "unsubscribed", "unsubscribing"]);
const SETTINGS_OBJECTS = new Set(["notification", "notifications", "email", "subscription", "subscriptions", "communication", "communications", "mailing", "contact", "marketing"]);
const SETTINGS_WORDS = new Set(["settings", "setting", "options", "preferences", "preference", "prefs"]);
// "Email subscriptions", "manage your newsletter subscription": the reader's mailing subscriptions are an opt-out.
// A bare "Manage subscription" is not: it is as often a paid plan or a pharmacy's auto-refill.
const MAILING_WORDS = new Set(["email", "emails", "mailing", "newsletter", "newsletters"]);
const SUBSCRIPTION_WORDS = new Set(["subscription", "subscriptions"]);

/** Whether a run of words reads as an opt-out: "unsubscribe", "opt out", "manage preferences", "notification settings", "email subscriptions". */
export function isOptOutWording(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (OPT_OUT_WORDS.has(word)) return true;
    if ((word === "opt" || word === "opting") && next === "out") return true;
    if (word === "preferences" || word === "preference" || word === "prefs") return true;
    if (SETTINGS_OBJECTS.has(word) && next && SETTINGS_WORDS.has(next)) return true;
    if (word === "stop" && (next === "receiving" || next === "emails")) return true;
    if (word === "remove" && next === "me") return true;
    // "Leave this mailing list", "leave the list".
    if (word === "leave" && words.slice(i + 1, i + 4).includes("list")) return true;
    if (MAILING_WORDS.has(word) && next && SUBSCRIPTION_WORDS.has(next)) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: "require-unsubscribe",
    description: "Every email needs a working opt-out: an unsubscribe or manage-preferences link",
    docsUrl: docsUrl("require-unsubscribe"),
    source: "CAN-SPAM Act, 15 U.S.C. 7704(a)(3)-(5); 45 CFR 164.501 and 164.508(a)(3) (marketing communications)",
    defaultSeverity: "error",
    scope: "file",
    options: z
      .strictObject({
        /** Extra words that mark an opt-out link in your templates (e.g. your ESP's merge tag name). */
        linkWords: z.array(z.string().min(1)).default([]),
      })
      .default({ linkWords: [] }),
  },
  check({ model, options, report }) {
    const extra = new Set(options.linkWords.map((w) => w.toLowerCase()));
    const matches = (words: string[]) => isOptOutWording(words) || words.some((w) => extra.has(w));
    for (const link of model.links) {
      // "Call to unsubscribe" on a tel: link is a phone number, not an opt-out link.
      if (link.href && /^\s*(tel|sms):/i.test(link.href.value)) continue;
      if (matches(textWords(link.label.text))) return;
      if (link.href && (matches(textWords(link.href.value)) || matches(identifierWords(link.href.value)))) return;
    }
    // A raw link inserted by the sender's platform: {{{unsubscribe_link}}}, {{unsubscribe}}.
    for (const placeholder of model.placeholders) {
      if (placeholder.context !== "text" && placeholder.context !== "attribute") continue;
      if (matches(identifierWords(placeholder.original))) return;
    }
    for (const url of model.urls) {
      if (matches(identifierWords(url.value))) return;
    }
    report({
      message:
        "No opt-out link: every marketing email needs an unsubscribe or manage-preferences link (a phone number or postal address alone is not enough). Add a link such as <a href=\"{{unsubscribe_url}}\">Unsubscribe</a>.",
      range: null,
      surface: "file",
    });
  },
});
