import { describe, expect, it } from "vitest";
import { findings } from "../../test/rule-tester.js";

const ID = "directive-requires-reason";

describe(ID, () => {
  describe("valid: a reason after ' -- ', or a directive that needs none", () => {
    it.each([
      ["Handlebars long comment", "{{!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- sanitized by the CMS --}}\n<p>{{{bio}}}</p>\n"],
      ["Handlebars short comment", "{{! hipaa-lint-disable-next-line no-unescaped-placeholder -- sanitized }}\n<p>{{{bio}}}</p>\n"],
      ["HTML comment", "<!-- hipaa-lint-disable no-unescaped-placeholder -- legacy footer -->\n<p>{{{bio}}}</p>\n"],
      ["several rules", "<!-- hipaa-lint-disable-next-line no-unescaped-placeholder, require-unsubscribe -- reviewed -->\n<p>x</p>\n"],
      ["enable needs no reason", "<!-- hipaa-lint-enable no-unescaped-placeholder -->\n<p>x</p>\n"],
      ["front matter", "---\n# hipaa-lint-disable require-unsubscribe -- transactional receipt\nconsentCategory: events\n---\n<p>x</p>\n"],
      ["a comment that only mentions hipaa-lint", "<!-- see hipaa-lint docs -->\n<p>x</p>\n"],
    ])("%s", async (_name, source) => {
      expect(await findings(ID, source)).toEqual([]);
    });
  });

  describe("invalid: no reason", () => {
    it.each([
      ["Handlebars", "<p>a</p>\n{{!-- hipaa-lint-disable-next-line no-unescaped-placeholder --}}\n<p>{{{bio}}}</p>\n", [2, 1, 2, 65]],
      ["HTML", "<!-- hipaa-lint-disable no-unescaped-placeholder -->\n<p>x</p>\n", [1, 1, 1, 53]],
      ["an empty reason", "<!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- -->\n<p>x</p>\n", [1, 1, 1, 66]],
      ["disable-line", "<p>x</p><!-- hipaa-lint-disable-line require-unsubscribe -->\n", [1, 9, 1, 61]],
      ["front matter", "---\n# hipaa-lint-disable require-unsubscribe\nconsentCategory: events\n---\n<p>x</p>\n", [2, 1, 2, 41]],
    ])("%s", async (_name, source, range) => {
      const found = await findings(ID, source);
      expect(found.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([range]);
      expect(found[0]!.message).toMatch(/needs a reason/);
    });
  });

  it("the directive still suppresses what it names", async () => {
    const { lintText } = await import("../../linter/src/api.js");
    const result = await lintText("<!-- hipaa-lint-disable-next-line no-unescaped-placeholder -->\n<p>{{{bio}}}</p>\n", {
      filePath: "t.html",
      config: { extends: [], rules: { [ID]: "error", "no-unescaped-placeholder": "error" } },
    });
    expect(result.messages.map((m) => m.ruleId)).toEqual([ID]);
    expect(result.suppressedMessages.map((m) => m.ruleId)).toEqual(["no-unescaped-placeholder"]);
  });
});
