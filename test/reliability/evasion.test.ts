/**
 * Evasion (issue 8): text split or disguised to slip past the rules is still
 * caught, or the current behaviour is pinned here and documented as a limit
 * in the rule's README ("Limits").
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { EffectiveConfig } from "../../linter/src/config/load.js";
import { lint, recommended } from "./shared.js";

let config: EffectiveConfig;
beforeAll(async () => {
  config = await recommended();
});

const rulesOf = (source: string, file = "t.html") => lint(source, file, config).messages.map((m) => m.ruleId);
const body = (term: string) => `<p>Since your diagnosis of ${term}, call us.</p>`;

describe("caught", () => {
  const cases: [string, string, string][] = [
    ["a term split by inline tags", body("Dia<b>betes</b>"), "no-condition-in-body"],
    ["a character reference", body("&#68;iabetes"), "no-condition-in-body"],
    ["a hex character reference", body("&#x44;iabetes"), "no-condition-in-body"],
    ["a zero-width space", body("dia\u200Bbetes"), "no-condition-in-body"],
    ["a soft hyphen", body("dia\u00ADbetes"), "no-condition-in-body"],
    ["a left-to-right mark", body("dia\u200Ebetes"), "no-condition-in-body"],
    ["a variation selector", body("dia\uFE0Fbetes"), "no-condition-in-body"],
    ["a tag character", body("dia\u{E0061}betes"), "no-condition-in-body"],
    ["a combining mark", body("diab\u0301etes"), "no-condition-in-body"],
    ["Cyrillic look-alikes", body("di\u0430b\u0435tes"), "no-condition-in-body"],
    ["mathematical bold letters", body("\u{1D41D}\u{1D422}\u{1D41A}\u{1D41B}\u{1D41E}\u{1D42D}\u{1D41E}\u{1D42C}"), "no-condition-in-body"],
    ["fullwidth letters", body("\uFF44\uFF49\uFF41\uFF42\uFF45\uFF54\uFF45\uFF53"), "no-condition-in-body"],
    ["leetspeak", body("d1abetes"), "no-condition-in-body"],
    ["a split subject", "<html><head><title>Your dia\u200Bbetes plan</title></head></html>", "no-condition-in-subject"],
    ["an entity in the front matter subject's HTML title", "<title>Your &#68;iabetes plan</title>", "no-condition-in-subject"],
    ["a split call to action", '<a href="/x">Manage your Dia<i>betes</i></a>', "generic-cta"],
    ["a character reference in a URL path", '<a href="https://x.org/programs/&#104;iv-care">Learn more</a>', "no-phi-in-url"],
    ["a percent escape in a URL path", '<a href="https://x.org/programs/%68iv-care">Learn more</a>', "no-phi-in-url"],
    ['a field read through a literal, {{"ssn"}}', '<p>{{"ssn"}}</p>', "no-phi-placeholder"],
    ['a field read through lookup, {{lookup patient "mrn"}}', '<p>{{lookup patient "mrn"}}</p>', "no-phi-placeholder"],
    ["a placeholder after U+2028 in an HTML comment", "<!-- \u2028 x -->{{patient.ssn}}", "no-phi-placeholder"],
  ];
  for (const [name, source, rule] of cases) it(name, () => expect(rulesOf(source)).toContain(rule));
});

describe("limits (documented; these tests pin the current behaviour)", () => {
  it('{{"dia"}}betes: Handlebars reads {{"dia"}} as the field `dia`, not the word, so the text is unknown', () => {
    const result = lint(body('{{"dia"}}betes'), "t.html", config);
    expect(result.messages.map((m) => m.ruleId)).not.toContain("no-condition-in-body");
  });
  it("letters separated by spaces are separate words", () => {
    expect(rulesOf(body("d i a b e t e s"))).not.toContain("no-condition-in-body");
  });
  it("a subject assembled in a partial is not seen (the partial's content is another file)", () => {
    const source = '---\nsubject: "{{> diabetesSubject}}"\nconsentCategory: events\n---\n<mj-title>{{> title}}</mj-title>';
    const result = lint(source, "t.mjml", config);
    expect(result.messages.map((m) => m.ruleId)).not.toContain("no-condition-in-subject");
  });
});
