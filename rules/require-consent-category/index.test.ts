import { describe, expect, it } from "vitest";
import { at, findings } from "../../test/rule-tester.js";

const ID = "require-consent-category";

describe(ID, () => {
  it("valid: consentCategory in front matter, in HTML, MJML and Markdown", async () => {
    expect(await findings(ID, "---\nconsentCategory: newsletters\n---\n<p>x</p>\n")).toEqual([]);
    expect(await findings(ID, "---\nsubject: Hi\nconsentCategory: 'events'\n---\n<mjml><mj-body></mj-body></mjml>\n", { filePath: "t.mjml" })).toEqual([]);
    expect(await findings(ID, "---\nconsentCategory: wellness-tips\n---\n# Tips\n", { filePath: "t.md" })).toEqual([]);
    // Any value: whether it is a configured one is valid-consent-category's job.
    expect(await findings(ID, "---\nconsentCategory: something-else\n---\n<p>x</p>\n")).toEqual([]);
  });

  it("valid: a list of categories, flow or block style", async () => {
    expect(await findings(ID, "---\nconsentCategory: [newsletters, wellness-tips]\n---\n<p>x</p>\n")).toEqual([]);
    expect(await findings(ID, "---\nconsentCategory:\n  - newsletters\n  - events\n---\n# Hi\n", { filePath: "t.md" })).toEqual([]);
  });

  it("invalid: an empty list, or a value that names nothing", async () => {
    expect(at(await findings(ID, "---\nconsentCategory: []\n---\n<p>x</p>\n"))).toEqual([[2, 18]]);
    const [map] = await findings(ID, "---\nconsentCategory:\n  name: newsletters\n---\n<p>x</p>\n");
    expect(map!.message).toMatch(/must be a category name, or a list of names/);
    const [number] = await findings(ID, "---\nconsentCategory: 42\n---\n<p>x</p>\n");
    expect(number!.message).toMatch(/must be a category name/);
  });

  describe("invalid: missing", () => {
    it.each([
      ["no front matter", "<p>x</p>\n"],
      ["a commented-out key", "---\n# consentCategory: newsletters\nsubject: Hi\n---\n<p>x</p>\n"],
      ["an HTML comment", "<!-- consentCategory: newsletters -->\n<p>x</p>\n"],
      ["a Handlebars comment", "{{!-- consentCategory: newsletters --}}\n<p>x</p>\n"],
      ["a look-alike key: category", "---\ncategory: newsletters\n---\n<p>x</p>\n"],
      ["a look-alike key: list", "---\nlist: newsletters\n---\n<p>x</p>\n"],
      ["a look-alike key: tags", "---\ntags: [newsletters]\n---\n<p>x</p>\n"],
      ["another case", "---\nconsentcategory: newsletters\n---\n<p>x</p>\n"],
    ])("%s", async (_name, source) => {
      const found = await findings(ID, source);
      expect(at(found)).toEqual([[1, 1]]);
      expect(found[0]!.message).toMatch(/consentCategory/);
    });
  });

  it("invalid: the message names a look-alike key it saw", async () => {
    const [finding] = await findings(ID, "---\ncategory: newsletters\n---\n<p>x</p>\n");
    expect(finding!.message).toMatch(/`category` is not read as one/);
  });

  it("invalid: an empty value is reported at the key", async () => {
    expect(at(await findings(ID, "---\nsubject: Hi\nconsentCategory:\n---\n<p>x</p>\n"))).toEqual([[3, 1]]);
    expect(at(await findings(ID, '---\nconsentCategory: ""\n---\n<p>x</p>\n'))).toEqual([[2, 18]]);
  });
});
