import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "no-condition-in-body";

describe(RULE, () => {
  it.each([
    "Since your diagnosis of type 2 diabetes, your care team recommends a check-in.",
    "As someone living with HIV, you can get free support.",
    "Your recent chemotherapy may leave you tired.",
    "Keep taking your Zoloft every day.",
    "Because you have COPD, a flu shot matters even more.",
    "Because you've been treated for depression, we thought you'd like to know.",
    "Your colonoscopy is scheduled for Tuesday.",
    "Your HIV test result is now available.",
    "Because you are managing high blood pressure, we invite you to a class.",
    "Your recent MRI showed no changes.",
    "As a patient with heart failure, you can join our program.",
    "It's time to refill your prescription for metformin.",
    "Your test results from your cardiology visit are ready.",
    "Your child's ADHD medication is ready for pickup.",
    "You are eligible for our COPD program.",
    "We're here for you after your surgery.",
    "As someone living with HIV, staying in regular care is the best thing you can do.",
    "As someone living with HIV, staying in regular care matters.",
    "As a diabetic, staying on top of your numbers matters.",
    "As a cancer survivor, you may want to join our walk.",
    "Because you are pregnant, you qualify for our class.",
    "Now that you're {{weeks}} weeks pregnant, here is what to expect.",
    "Our records show you filled Wegovy in the last 90 days.",
    "Since your total knee replacement, how are you feeling?",
    "We hope your recovery from your recent cardiac surgery is going well.",
    "Because your child has asthma, a spring check-up matters.",
    "As a new mom with postpartum depression, you deserve support.",
    "Your first shipment of Humira leaves our pharmacy on Monday.",
    "Since you told us you're going through menopause, here is our new series.",
  ])("flags %j", async (sentence) => {
    const { messages } = await runRule(RULE, `<p>\n${sentence}\n</p>`, { filePath: "t.html" });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.line).toBe(2);
  });

  it.each([
    "Five tips for better sleep.",
    "Heart disease is the leading cause of death in the United States.",
    "Small habits lower your risk of heart disease.",
    "One in eight women will be diagnosed with breast cancer in her lifetime.",
    "Get your flu shot at any walk-in clinic.",
    "Don't let a cold slow you down: wash your hands often.",
    "The Great Depression shaped our town, and your museum pass is ready.",
    "A tropical depression may bring rain on Friday, so check your appointment time.",
    "As a cancer center, we're here for you.",
    "As a reminder, diabetes screenings are free for you this month.",
    "You are invited to a free talk on heart disease.",
    "As someone who has worked with cancer patients for years, Dr. Lee knows what helps.",
    "Your next fill is due soon, and your fill date is Monday.",
    "As a leukemia survivor, race founder Dana Ruiz thanks you for running.",
    "If you are a dialysis nurse, we would love to meet you.",
    "Everything you need to know about measles this spring.",
    "You have until Friday to register for the diabetes prevention workshop.",
    "Did you know the first insulin treatment for diabetes in our county was given here in 1923?",
    "Learn how you can help someone with depression.",
    "You have a stroke of luck: our new clinic is open on Saturdays.",
    "If you're in crisis or thinking about harming yourself, call 988.",
    "It's a conversation with your care team about how you've been feeling, plus the screenings recommended for your age.",
    "Patients with diabetes should check their feet daily.",
    "Don't let your cold brew get warm.",
    "Learn how to manage your stress this winter.",
  ])("does not flag %j", async (sentence) => {
    expect((await runRule(RULE, `<p>${sentence}</p>`, { filePath: "t.html" })).messages).toEqual([]);
  });

  it("sees through inline markup, entities and look-alike characters", async () => {
    const html = "<p>Since your diagnosis of <b>type 2 dia</b>betes, we care.</p>\n<p>Your recent ch&#101;motherapy went well.</p>";
    expect((await runRule(RULE, html, { filePath: "t.html" })).lines).toEqual([1, 2]);
  });

  it("reports each sentence once, and leaves link labels to generic-cta", async () => {
    const md = "Since your diagnosis of diabetes and asthma, we call.\n\n[Manage your diabetes](https://example.org)\n";
    expect((await runRule(RULE, md, { filePath: "t.md" })).lines).toEqual([1]);
  });
});
