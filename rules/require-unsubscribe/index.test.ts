import { describe, expect, it } from "vitest";
import { at, findings } from "../../test/rule-tester.js";

const ID = "require-unsubscribe";

describe(ID, () => {
  describe("valid: an opt-out link by its text", () => {
    it.each([
      ['<p><a href="https://example.org/u?id=1">Unsubscribe</a></p>'],
      ['<p><a href="https://example.org/x">Opt out</a> of these emails</p>'],
      ['<p><a href="https://example.org/x">Opt-out</a></p>'],
      ['<p><a href="https://example.org/x">Manage your email preferences</a></p>'],
      ['<p><a href="https://example.org/x">Notification settings</a></p>'],
      ['<p><a href="https://example.org/x">Stop receiving these emails</a></p>'],
      ['<p><a href="https://example.org/x">UN<b>SUBSCRIBE</b></a></p>'],
      ['<p><a href="https://example.org/x">Manage your newsletter subscription</a></p>'],
      ['<p><a href="https://example.org/x">Update my email subscriptions</a></p>'],
      ['<p><a href="https://example.org/x">Remove me from this list</a></p>'],
      ['<p><a href="https://example.org/x">Leave this mailing list</a></p>'],
    ])("%s", async (source) => {
      expect(await findings(ID, source)).toEqual([]);
    });
  });

  describe("valid: an opt-out link by its URL", () => {
    it.each([
      ['<p><a href="https://example.org/unsubscribe?u={{subscriber.token}}">Click here</a></p>'],
      ['<p><a href="{{unsubscribe_url}}">Click here</a></p>'],
      ['<p><a href="{{preferences_url}}">Click here</a></p>'],
      ['<p><a href="https://example.org/email-preferences">Click here</a></p>'],
    ])("%s", async (source) => {
      expect(await findings(ID, source)).toEqual([]);
    });
  });

  it("valid: a raw link inserted by the ESP, an MJML button, a Markdown link, a reference link", async () => {
    expect(await findings(ID, "<p>{{{unsubscribe_link}}}</p>")).toEqual([]);
    expect(await findings(ID, '<mjml><mj-body><mj-button href="{{unsubscribe_url}}">Leave</mj-button></mj-body></mjml>', { filePath: "t.mjml" })).toEqual([]);
    expect(await findings(ID, "Thanks.\n\n[Unsubscribe]({{unsubscribe_url}})\n", { filePath: "t.md" })).toEqual([]);
    expect(await findings(ID, "Thanks. [Leave the list][u]\n\n[u]: https://example.org/unsubscribe\n", { filePath: "t.md" })).toEqual([]);
  });

  it("valid: linkWords adds your own opt-out words", async () => {
    const source = '<p><a href="https://esp.example/l">Abmelden</a></p>';
    expect(await findings(ID, source)).toHaveLength(1);
    expect(await findings(ID, source, { ruleOptions: { linkWords: ["Abmelden"] } })).toEqual([]);
  });

  describe("invalid: no opt-out link", () => {
    it.each([
      ["no link at all", "<p>Five tips for better sleep.</p>"],
      ["a phone number is not an opt-out", "<p>To unsubscribe, call 555-0100.</p>"],
      ["nor is a tel: link, whatever its label", '<p><a href="tel:5550100">Call to unsubscribe</a></p>'],
      ["nor a postal address", "<p>To opt out, write to 1 Main St, Springfield.</p>"],
      ["a link that is not an opt-out", '<p><a href="https://example.org/news">Read more</a></p>'],
      ["nor is managing a plan or an auto-refill", '<p><a href="https://example.org/x">Manage subscription</a> <a href="https://example.org/y">Update your refill subscription</a></p>'],
      ["a commented-out link", '<!-- <a href="{{unsubscribe_url}}">Unsubscribe</a> --><p>Hi</p>'],
      ["an opt-out placeholder in a Handlebars comment", "{{!-- {{unsubscribe_url}} --}}<p>Hi</p>"],
    ])("%s", async (_name, source) => {
      const found = await findings(ID, source);
      expect(at(found)).toEqual([[1, 1]]);
      expect(found[0]!.message).toMatch(/No opt-out link/);
      expect(found[0]!.endLine).toBeUndefined();
    });
  });
});
