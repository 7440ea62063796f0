import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "no-literal-identifier";

describe(RULE, () => {
  it.each([
    "SSN: 123-45-6789",
    "Social security number 123456789",
    "Your number on file: 123-45-6789",
    "MRN 0048213",
    "Medical record #: 00482137",
    "Chart #: 0048213",
    "DOB: 04/12/1961",
    "Date of birth: March 4, 1961",
    "Member ID: XJH123456789",
    "Policy number: 88-1234-77",
    "Patient: Maria Gonzalez",
    "Patient name: José García-López",
    "Account number 4400-1234-5678",
    "Rx #: 6012345",
    "Patient name: John Q. Public",
    "QA seed: Pt: Dana Whitfield",
    "Med. Rec. No. 0048213",
    "Social: 123 45 6789",
    "Date of Birth - 1961-04-12",
  ])("flags %j", async (text) => {
    expect((await runRule(RULE, `<p>Details:<br>\n${text}</p>`)).lines).toEqual([2]);
  });

  it.each([
    "Call us at (555) 010-2200 or fax (555) 010-2201.",
    "Open house on March 3, 2025 at 4 p.m.",
    "Flu shots are $25 this week.",
    "Rx BIN 610014, PCN ABC",
    "CLIA #: 05D0642827",
    "Log in to the patient portal: it's free.",
    "Patient portal: MyRiverbend",
    "Member ID: {{member.id}}",
    "Our office: 400 Water Street, Riverbend, OR 97301",
    "Celebrate our 100th birthday — June 14, 2025!",
    "Our founder, born May 2, 1881, opened the clinic.",
    "Bring your immunization chart 2025–26 to registration.",
    "Beneficiary: Hope House Family Lodge",
  ])("does not flag %j", async (text) => {
    expect((await runRule(RULE, `<p>${text}</p>`)).messages).toEqual([]);
  });

  it("pairs a label with its value in the next element", async () => {
    const table = "<table>\n<tr><td>Member #:</td><td>QHP-88213407</td></tr>\n<tr><td>Date of Birth -</td>\n<td>1961-04-12</td></tr>\n<tr><td>Clinic phone:</td><td>(555) 010-2200</td></tr>\n</table>";
    const { messages } = await runRule(RULE, table);
    expect(messages.map((m) => [m.line, m.column])).toEqual([[2, 9], [3, 9]]);
    expect(messages[0]!.message).toMatch(/"Member #: QHP-88213407" looks like a health plan member id/);
  });

  it("finds sample data in hidden preheaders and {{else}} branches", async () => {
    const html = '<div class="preheader" style="display:none">MRN 0048213</div>\n{{#if name}}{{name}}{{else}}Patient: Maria Gonzalez{{/if}}';
    expect((await runRule(RULE, html)).lines).toEqual([1, 2]);
  });
});
