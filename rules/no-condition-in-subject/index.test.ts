import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "no-condition-in-subject";
const withSubject = (subject: string, extra = "") => `---\nsubject: ${JSON.stringify(subject)}\n${extra}---\n<p>Hello</p>\n`;

describe(RULE, () => {
  it.each([
    "Managing your diabetes this winter",
    "Your diabetis check-in is due",
    "Time to refill your Ozempic",
    "Your chemo schedule for next week",
    "Breast Cancer Awareness Month: what to know",
    "H.I.V. testing: your results are in",
    "Book your IVF consultation",
    "Your lipid panel results are ready",
    "Preparing for your colonoscopy",
    "Living with COPD this winter",
    "Your d1abetes care plan",
    "Your dia\u200Bbetes plan",
    "Your diаbetes plan", // Cyrillic а
    "Sleep apnea clinic now open",
    "Managing depression when the days get short",
    "A walk for epileptics and their families",
    "Exercise tips for asthmatic kids",
    "Opioid recovery support, close to home",
    "Your visit to the Memory Care Center",
    "Save on CGM sensors this month",
    "IOP group schedule",
    "Thinning hair? Start treatment online",
    "After your rotator cuff repair: week one",
    "Reminder: your shoulder MRI is this Thursday",
  ])("flags the subject %j", async (subject) => {
    const { messages } = await runRule(RULE, withSubject(subject));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.line).toBe(2);
    expect(messages[0]!.surface).toBe("subject");
  });

  it.each([
    "Your November wellness tips",
    "Flu shots are here: walk in any weekday",
    "Time for your annual physical",
    "Screenings recommended for your age",
    "Five tips for better sleep",
    "Healthy eating on a budget",
    "Clinic hours over the holidays",
    "A message from your care team",
    "Stress less this season",
    "A stroke of luck: our new east-side clinic is open",
    "Don't catch a cold: our winter hours",
    "We added evening appointments",
    "Your vaccines, your choice",
    "Tropical depression: our clinics close early Friday",
    "Our history, from the Great Depression to today",
    "Yoga mats and more at our wellness fair",
    "Your guide to MRI safety at our new imaging center",
  ])("does not flag the subject %j", async (subject) => {
    const { messages } = await runRule(RULE, withSubject(subject));
    expect(messages).toEqual([]);
  });

  it("checks the preheader, mj-title, mj-preview and <title> with exact positions", async () => {
    const mjml = [
      "---",
      'preheader: "Notes about your insulin"',
      "---",
      "<mjml><mj-head>",
      "  <mj-title>Your chemotherapy plan</mj-title>",
      "  <mj-preview>Dialysis schedule inside</mj-preview>",
      "</mj-head><mj-body></mj-body></mjml>",
    ].join("\n");
    const { messages } = await runRule(RULE, mjml, { filePath: "t.mjml" });
    expect(messages.map((m) => [m.line, m.column, m.surface])).toEqual([
      [2, 30, "preheader"],
      [5, 18, "title"],
      [6, 15, "preheader"],
    ]);
    const html = "<html><head><title>Your Humira refill is ready</title></head><body></body></html>";
    const run = await runRule(RULE, html, { filePath: "t.html" });
    expect(run.messages.map((m) => [m.line, m.column])).toEqual([[1, 25]]);
  });

  it("offers a generic replacement that can be applied as a fix", async () => {
    const source = withSubject("Your diabetes care plan");
    const { messages } = await runRule(RULE, source);
    const suggestion = messages[0]!.suggestions![0]!;
    expect(suggestion.desc).toContain("An update from your care team");
    const fix = suggestion.fix!;
    const fixed = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    expect(fixed).toContain('subject: "An update from your care team"');
    expect((await runRule(RULE, fixed)).messages).toEqual([]);
  });

  it("honours lexicon additions and removals from the config", async () => {
    const custom = withSubject("Your Zyntrex refill");
    expect((await runRule(RULE, custom)).messages).toEqual([]);
    expect((await runRule(RULE, custom, { config: { lexicons: { conditions: { add: ["zyntrex"] } } } })).lines).toEqual([2]);
    const removed = await runRule(RULE, withSubject("Asthma-friendly gardening tips"), { config: { lexicons: { conditions: { remove: ["asthma"] } } } });
    expect(removed.messages).toEqual([]);
  });
});
