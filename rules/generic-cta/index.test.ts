import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "generic-cta";
const button = (label: string) => `<mjml><mj-body><mj-section><mj-column>\n<mj-button href="https://example.org/go">${label}</mj-button>\n</mj-column></mj-section></mj-body></mjml>`;

describe(RULE, () => {
  it.each([
    ["Manage your diabetes", "Log in to the patient portal"],
    ["Refill your Lipitor", "Manage your prescriptions"],
    ["See your HIV results", "Log in to the patient portal"],
    ["Book your chemo session", "Schedule an appointment"],
    ["Join the depression support group", "Learn more"],
    ["Take the sleep apnea quiz", "Learn more"],
    ["Schedule your mammogram", "Schedule an appointment"],
    ["Renew your Humira prescription", "Manage your prescriptions"],
    ["Take the depression self-check", "Learn more"],
    ["Order CGM sensors", "Manage your prescriptions"],
    ["Book an ImPACT baseline test", "Schedule an appointment"],
    ["Watch your ACL rehab exercises", "Learn more"],
    ["Join our menopause support circle", "Learn more"],
  ])("flags %j and suggests %j", async (label, generic) => {
    const { messages } = await runRule(RULE, button(label), { filePath: "t.mjml" });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.line).toBe(2);
    expect(messages[0]!.suggestions?.[0]?.desc).toContain(generic);
  });

  it.each(["Learn more", "Read more", "Schedule an appointment", "Book a visit", "Log in to the patient portal", "Contact us", "Find a location", "Update your preferences", "View in browser", "Unsubscribe", "Book your flu shot"])(
    "accepts the generic %j",
    async (label) => {
      expect((await runRule(RULE, button(label), { filePath: "t.mjml" })).messages).toEqual([]);
    },
  );

  it("checks HTML links, buttons and Markdown links at the label's position", async () => {
    const html = '<p>Questions?\n  <a href="https://example.org">Refill your\n  Ozempic</a> <button>Contact us</button></p>';
    expect((await runRule(RULE, html, { filePath: "t.html" })).messages.map((m) => [m.line, m.column])).toEqual([[3, 3]]);
    const md = "Hello.\n\n[Update your asthma action plan](https://example.org/plan)\n";
    expect((await runRule(RULE, md, { filePath: "t.md" })).lines).toEqual([3]);
  });

  it("accepts phrases the config allows", async () => {
    const run = await runRule(RULE, button("Join our diabetes prevention program"), { filePath: "t.mjml", config: { cta: { allow: ["Join our diabetes prevention program"] } } });
    expect(run.messages).toEqual([]);
  });
});
