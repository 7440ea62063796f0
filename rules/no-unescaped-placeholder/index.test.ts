import { describe, expect, it } from "vitest";
import { findings } from "../../test/rule-tester.js";

const ID = "no-unescaped-placeholder";

describe(ID, () => {
  describe("valid", () => {
    it.each([
      ["escaped output", "<p>{{provider.bio}}</p>"],
      ["a tracking URL helper", '<a href="{{{trackUrl "https://example.org/news" campaign.id}}}">Read</a>'],
      ["the ESP's unsubscribe URL", '<a href="{{{unsubscribe_url}}}">Unsubscribe</a>'],
      ["a link merge tag", "<p>{{{view_in_browser_link}}}</p>"],
      ["a layout slot (default allow list)", "<body>{{{body}}}</body>"],
      ["a helper with literal arguments only", '<p>{{{partialHtml "footer"}}}</p>'],
      ["a triple-stash inside an HTML comment", "<!-- {{{provider.bio}}} --><p>x</p>"],
      ["a triple-stash inside a Handlebars comment", "{{!-- {{{provider.bio}}} --}}<p>x</p>"],
    ])("%s", async (_name, source) => {
      expect(await findings(ID, source)).toEqual([]);
    });
  });

  describe("invalid", () => {
    it.each([
      ["a data field's HTML", "<div>{{{provider.bio}}}</div>", [1, 6, 1, 24]],
      ["a message body", "<div>{{{message.body}}}</div>", [1, 6, 1, 24]],
      ["with whitespace inside", "<div>{{{ provider.bio }}}</div>", [1, 6, 1, 26]],
      ["the {{& }} form", "<div>{{&provider.bio}}</div>", [1, 6, 1, 23]],
      ["through a helper", "<div>{{{markdown provider.bio}}}</div>", [1, 6, 1, 33]],
      ["inside #with", "{{#with provider}}<div>{{{bio}}}</div>{{/with}}", [1, 24, 1, 33]],
    ])("%s", async (_name, source, range) => {
      const found = await findings(ID, source);
      expect(found.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([range]);
      expect(found[0]!.message).toMatch(/raw HTML/);
    });
  });

  it("in MJML and Markdown, on the line of the statement", async () => {
    const mjml = "<mjml>\n  <mj-body>\n    <mj-text>{{{message.body}}}</mj-text>\n  </mj-body>\n</mjml>\n";
    expect((await findings(ID, mjml, { filePath: "t.mjml" })).map((m) => m.line)).toEqual([3]);
    expect((await findings(ID, "# Note\n\n{{{message.body}}}\n", { filePath: "t.md" })).map((m) => m.line)).toEqual([3]);
  });

  it("the allow option: by path as written or as resolved; it replaces the default list", async () => {
    expect(await findings(ID, "<p>{{{provider.bio}}}</p>", { ruleOptions: { allow: ["provider.bio"] } })).toEqual([]);
    expect(await findings(ID, "{{#with provider}}<p>{{{bio}}}</p>{{/with}}", { ruleOptions: { allow: ["provider.bio"] } })).toEqual([]);
    expect(await findings(ID, "<body>{{{body}}}</body>", { ruleOptions: { allow: ["layout"] } })).toHaveLength(1);
  });
});
