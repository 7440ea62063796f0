import { describe, expect, it } from "vitest";
import { lintText } from "../../linter/src/api.js";
import type { LintMessage } from "../../linter/src/result.js";
import { BODY_TEMPLATE, SUBJECT_TEMPLATE } from "./fixtures.js";

// The fingerprint approvals match on: stable under unrelated edits, changed
// by any edit to the flagged text or the node that encloses it.

async function findings(source: string, format: "mjml" | "html" | "markdown" = "mjml"): Promise<LintMessage[]> {
  // Only the rules these templates are about: rules added later must not change the lists compared here.
  const result = await lintText(source, { config: { extends: [], rules: { "no-unescaped-placeholder": "error", "require-unsubscribe": "error" } }, format });
  return result.messages.filter((m) => m.ruleId !== null);
}

async function fingerprints(source: string, format: "mjml" | "html" | "markdown" = "mjml"): Promise<string[]> {
  return (await findings(source, format)).map((m) => `${m.ruleId} ${m.fingerprint}`);
}

describe("fingerprintOf", () => {
  it("is 32 hex digits, one per finding", async () => {
    const found = await findings(BODY_TEMPLATE.replace("See you at the clinic.", "{{{plan.detailsHtml}}}"));
    expect(found).toHaveLength(2);
    for (const m of found) expect(m.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(found[0]!.fingerprint).not.toBe(found[1]!.fingerprint);
  });

  it("does not change when other paragraphs, the subject or the line numbers change", async () => {
    const base = await fingerprints(BODY_TEMPLATE);
    const edited = BODY_TEMPLATE.replace("See you at the clinic.", "See you soon.")
      .replace("A note from your care team", "Your care team wrote")
      .replace("<mj-column>", "<mj-column>\n        <mj-text>A new first paragraph.</mj-text>\n");
    expect(await fingerprints(edited)).toEqual(base);
  });

  it("does not change when the paragraph is only re-indented or reflowed", async () => {
    const base = await fingerprints(BODY_TEMPLATE);
    const reflowed = BODY_TEMPLATE.replace("<mj-text>Here is your note: {{{patient.noteHtml}}}</mj-text>", "<mj-text>Here is your note:\n          {{{patient.noteHtml}}}</mj-text>");
    expect(await fingerprints(reflowed)).toEqual(base);
  });

  it("changes when the enclosing paragraph's wording changes, even its case", async () => {
    const base = await fingerprints(BODY_TEMPLATE);
    expect(await fingerprints(BODY_TEMPLATE.replace("Here is your note:", "Here is your new note:"))).not.toEqual(base);
    expect(await fingerprints(BODY_TEMPLATE.replace("Here is your note:", "HERE is your note:"))).not.toEqual(base);
    expect(await fingerprints(BODY_TEMPLATE.replace("Here is your note: {{{patient.noteHtml}}}", "Here is your note: {{{patient.noteHtml}}} {{patient.ssn}}"))).not.toEqual(base);
  });

  it("changes when the flagged text changes", async () => {
    const base = await fingerprints(BODY_TEMPLATE);
    expect(await fingerprints(BODY_TEMPLATE.replace("{{{patient.noteHtml}}}", "{{{patient.notesHtml}}}"))).not.toEqual(base);
  });

  it("is tied to the subject line for a finding in the subject", async () => {
    const base = await fingerprints(SUBJECT_TEMPLATE);
    expect(base).toHaveLength(1);
    expect(await fingerprints(SUBJECT_TEMPLATE.replace("Your care team has posted", "We posted"))).toEqual(base);
    expect(await fingerprints(SUBJECT_TEMPLATE.replace("is ready", "is now ready"))).not.toEqual(base);
  });

  it("fingerprints a file-level finding by its rule alone", async () => {
    const without = (s: string) => s.replace('        <mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text>\n', "");
    const a = (await findings(without(BODY_TEMPLATE))).find((m) => m.ruleId === "require-unsubscribe");
    const b = (await findings(without(SUBJECT_TEMPLATE))).find((m) => m.ruleId === "require-unsubscribe");
    expect(a?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it("tells apart the same text in two different paragraphs", async () => {
    const twice = BODY_TEMPLATE.replace("See you at the clinic.", "And again: {{{patient.noteHtml}}}");
    const [first, second] = await findings(twice);
    expect(first!.fingerprint).not.toBe(second!.fingerprint);
  });

  it("works the same in HTML and Markdown templates", async () => {
    const html = `<p>Hello</p>\n<p>Your note: {{{patient.noteHtml}}}</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`;
    const base = await fingerprints(html, "html");
    expect(await fingerprints(html.replace("<p>Hello</p>", "<p>Hello again, friend</p>"), "html")).toEqual(base);
    expect(await fingerprints(html.replace("Your note:", "Your latest note:"), "html")).not.toEqual(base);

    const md = `Hello\n\nYour note: {{{patient.noteHtml}}}\n\n[Unsubscribe]({{unsubscribe_url}})\n`;
    const mdBase = await fingerprints(md, "markdown");
    expect(mdBase.length).toBeGreaterThan(0);
    expect(await fingerprints(md.replace("Hello", "Hello again"), "markdown")).toEqual(mdBase);
    expect(await fingerprints(md.replace("Your note:", "Your latest note:"), "markdown")).not.toEqual(mdBase);
  });
});
