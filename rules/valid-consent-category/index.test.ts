import { describe, expect, it } from "vitest";
import { at, findings } from "../../test/rule-tester.js";

const ID = "valid-consent-category";

describe(ID, () => {
  it("valid: each default category", async () => {
    for (const category of ["wellness-tips", "appointment-reminders", "condition-specific-updates", "newsletters", "events"]) {
      expect(await findings(ID, `---\nconsentCategory: ${category}\n---\n<p>x</p>\n`), category).toEqual([]);
    }
  });

  it("valid: a category from config, and nothing to say without a category", async () => {
    const config = { consentCategories: ["billing"] };
    expect(await findings(ID, "---\nconsentCategory: billing\n---\n<p>x</p>\n", { config })).toEqual([]);
    expect(await findings(ID, "<p>no front matter</p>\n")).toEqual([]);
    expect(await findings(ID, "---\nconsentCategory:\n---\n<p>x</p>\n")).toEqual([]);
  });

  it("invalid: a typo, at the value, with a did-you-mean", async () => {
    const found = await findings(ID, "---\nsubject: Hi\nconsentCategory: newsleters\n---\n<p>x</p>\n");
    expect(found.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([[3, 18, 3, 28]]);
    expect(found[0]!.message).toMatch(/did you mean "newsletters"/);
  });

  it("invalid: a default category once the config replaces the list", async () => {
    const found = await findings(ID, "---\nconsentCategory: newsletters\n---\n<p>x</p>\n", { config: { consentCategories: ["billing"] } });
    expect(at(found)).toEqual([[2, 18]]);
    expect(found[0]!.message).toMatch(/"billing"/);
  });

  it("a list: each name is checked", async () => {
    expect(await findings(ID, "---\nconsentCategory: [newsletters, events]\n---\n<p>x</p>\n")).toEqual([]);
    const found = await findings(ID, "---\nconsentCategory: [newsletters, evnts, promotions]\n---\n<p>x</p>\n");
    expect(found.map((m) => m.message.match(/"([^"]+)"/)![1])).toEqual(["evnts", "promotions"]);
    expect(at(found)).toEqual([[2, 18], [2, 18]]);
  });

  it("invalid: an unknown category with no close match", async () => {
    const [finding] = await findings(ID, "---\nconsentCategory: promotions\n---\n<p>x</p>\n", { filePath: "t.md" });
    expect(finding!.message).toMatch(/Unknown consent category "promotions"/);
    expect(finding!.message).not.toMatch(/did you mean/);
  });
});
