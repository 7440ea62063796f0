import { describe, expect, it } from "vitest";
import { runRule } from "../../test/rule-tester.js";

const RULE = "no-phi-placeholder";
const lines = async (source: string, options: Parameters<typeof runRule>[2] = {}) => (await runRule(RULE, source, options)).lines;

describe(RULE, () => {
  it.each([
    "{{patient.diagnosis}}",
    "{{dx}}",
    "{{patient.icd10}}",
    "{{patient.medications}}",
    "{{rxNumber}}",
    "{{patient.lastA1c}}",
    "{{patient.bmi}}",
    "{{patient.dob}}",
    "{{formatDate patient.dateOfBirth}}",
    "{{lastName}}",
    "{{patient.full_name}}",
    "{{email}}",
    "{{patient.preferredPhone}}",
    "{{patient.mrn}}",
    "{{member-id}}",
    "{{patient.id}}",
    "{{patientId}}",
    "{{patient.ssn}}",
    "{{appointment.startsAt}}",
    "{{appointment.department}}",
    "{{provider.specialty}}",
    "{{patient.hypertension}}",
    "{{{visit.treatmentPlanHtml}}}",
    "{{#if patient.mammogramOverdue}}x{{/if}}",
    "{{link \"Results\" url=labResults.url id=labResults.id}}",
    "{{formatDate result.collectedOn \"MMM D\"}}",
    "{{results.summary}}",
    "{{acct_num}}",
    "{{patient.acctNo}}",
    "{{member.policyNbr}}",
    "<img src=\"{{patient.photoUrl}}\">",
    "{{member.profileUrl}}",
    "{{formatDate claim.serviceDate \"MMM D\"}}",
    "{{#with shipment.address}}{{line1}}, {{city}} {{zip}}{{/with}}",
    "{{weight}} {{patient.weight}}",
    "{{#each order.items as |item|}}{{item.drugName}}{{/each}}",
    "{{#each cycle.labResults as |r|}}{{r.value}}{{/each}}",
    "{{#each statement.lines as |line|}}{{line.procedureCode}}{{/each}}",
    "{{#each patient.upcomingVisits as |v|}}{{v.startsAt}}{{/each}}",
  ])("flags %s", async (expr) => {
    expect(await lines(`<p>\n${expr}\n</p>`)).toContain(2);
  });

  it.each([
    "{{firstName}}",
    "{{first_name}}",
    "{{name.first}}",
    "{{clinic.name}} {{clinic.phone}} {{clinic.address}}",
    "{{org.address}}",
    "{{provider.directoryUrl}} {{provider.name}}",
    "{{unsubscribe_url}} {{preferences_url}} {{view_in_browser_url}}",
    "{{year}} {{campaign.title}}",
    "{{subscriber.token}}",
    "{{event.date}} {{formatDate event.date \"MMMM D\"}}",
    "{{insurance.planName}}",
    "{{store.zip}}",
    "{{!-- {{patient.diagnosis}} --}}",
    "<!-- {{patient.diagnosis}} -->",
    "{{visit_url}} {{contactUrl}} {{patient.portalUrl}}",
    "{{clinic.photoUrl}}",
    "{{member.planName}} {{insurance.carrierName}} {{member.employerName}}",
    "{{currency claim.billed}}",
    "{{memberServices.phone}} {{patientRelations.email}} {{customerService.phone}} {{patientPortal.helpDeskPhone}}",
    "{{#each foundation.boardMembers as |member|}}{{member.fullName}}{{/each}}",
    "{{#each directory.contacts as |entry|}}{{entry.name}} {{entry.phone}}{{/each}}",
    "{{recipe.cholesterol}} {{package.weight}} {{pollen.allergyIndex}} {{pulse.issueNumber}}",
    "{{gala.results.totalRaised}} {{raceResults}} {{fundraiser.progressChartImg}} {{classes.prenatalYoga.time}}",
    "{{offers.rxTransferBonus}}",
  ])("does not flag %s", async (expr) => {
    expect(await lines(`<p>${expr}</p>`)).toEqual([]);
  });

  it("resolves Handlebars scopes: whose data it is decides", async () => {
    const source = [
      "{{#with clinic}}{{address}} {{phone}} {{zip}}{{/with}}",
      "{{#each locations as |loc|}}{{loc.address}}{{/each}}",
      "{{#with nearestStore}}{{address}}{{/with}}",
      "{{#with patient}}{{address}}{{/with}}",
      "{{#each patient.medications as |m|}}",
      "  {{m.name}}",
      "{{/each}}",
      "{{#each appointments}}{{this.startsAt}} {{@root.patient.zip}}{{/each}}",
    ].join("\n");
    expect(await lines(source)).toEqual([4, 5, 6, 8, 8, 8]);
  });

  it("reports first names only when asked (the strict preset does)", async () => {
    expect(await lines("<p>{{firstName}}</p>", { ruleOptions: { firstName: "report" } })).toEqual([1]);
  });

  it("honours phiFields.add and phiFields.allow", async () => {
    expect(await lines("<p>{{patient.tier}}</p>", { config: { phiFields: { add: [{ name: "tier", category: "a care-management tier" }] } } })).toEqual([1]);
    expect(await lines("<p>{{member.id}}</p>", { config: { phiFields: { allow: ["member.id"] } } })).toEqual([]);
  });

  it("checks placeholders in front matter surfaces", async () => {
    expect(await lines('---\nsubject: "{{patient.lastName}}, your update"\n---\n<p>Hi</p>')).toEqual([2]);
  });
});
