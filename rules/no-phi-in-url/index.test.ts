import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "no-phi-in-url";
const link = (href: string) => `<p>\n<a href="${href}">Learn more</a>\n</p>`;

describe(RULE, () => {
  it.each([
    "https://track.example.com/o.gif?email={{email}}",
    "https://portal.example.org/results?mrn={{patient.mrn}}",
    "https://example.org/classes?utm_campaign=diabetes-outreach",
    "https://example.org/programs/hiv-care?pid=48213",
    "https://example.org/sleep-apnea-quiz",
    "https://example.org/open?uid={{patient.id}}",
    "https://example.org/r?e=jane.doe%40example.com",
    "https://example.org/r?email=jane@example.com",
    "https://example.org/r?patient_id=0048213",
    "https://track.example.com/o.gif?member=XJH123456789",
    "https://portal.example.org/records/MRN0048213/summary",
    "https://portal.example.org/patients/48213",
  ])("flags %s", async (href) => {
    expect((await runRule(RULE, link(href))).lines).toEqual([2]);
  });

  it.each([
    "{{unsubscribe_url}}",
    "https://example.org/p/{{subscriber.token}}",
    "https://www.example.org/locations",
    "https://www.example.org/classes?utm_source=email&amp;utm_campaign=spring-newsletter",
    "https://summitcancer.example.org/portal/schedule",
    "https://example.org/flu-shots?utm_campaign=fall-flu-2024",
    "mailto:info@example.org",
    "https://example.org/members/2024/newsletter",
    "https://example.org/records/2025-03-01",
    "https://example.org/r?member=gold&campaign=20240501",
    "https://example.org/news/patient-stories-2024",
    "https://example.org/membership-2025",
    "https://example.org/members/2025-2026-benefits",
    "https://example.org/records/release-form-2025-v2",
    "https://example.org/5k?participant=youth-2026",
    "https://maps.apple.com/?address=400%20Water%20Street,%20Riverbend",
    "https://www.paypal.com/donate?business=giving@example.org",
    "https://example.org/find?zip=55311",
  ])("does not flag %s", async (href) => {
    expect((await runRule(RULE, link(href))).messages).toEqual([]);
  });

  it("checks image sources, Markdown links and MJML attributes", async () => {
    expect((await runRule(RULE, '<img src="https://t.example.com/p.gif?mrn={{patient.mrn}}" alt="">')).lines).toEqual([1]);
    expect((await runRule(RULE, "See [our page](https://example.org/hiv-care).", { filePath: "t.md" })).lines).toEqual([1]);
    const mjml = '<mjml><mj-body>\n<mj-button href="https://example.org/copd-program">Learn more</mj-button>\n</mj-body></mjml>';
    expect((await runRule(RULE, mjml, { filePath: "t.mjml" })).lines).toEqual([2]);
  });
});
