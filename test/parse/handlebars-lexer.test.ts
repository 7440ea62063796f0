/**
 * parse/handlebars.ts wraps the lexer that Handlebars shares across the
 * process, to keep the tokens of its own parses. Everyone else parsing or
 * compiling with Handlebars in the same process (a Strapi app's other
 * plugins) must see Handlebars as it is.
 */
import Handlebars from "handlebars";
import { beforeAll, describe, expect, it } from "vitest";
import type { EffectiveConfig } from "../../linter/src/config/load.js";
import { MAX_HANDLEBARS_NESTING } from "../../linter/src/parse/handlebars.js";
import { lint, recommended } from "../reliability/shared.js";

let config: EffectiveConfig;
beforeAll(async () => {
  config = await recommended();
});

const tooDeep = (depth: number) => "{{#if a}}".repeat(depth) + "{{/if}}".repeat(depth);

describe("Handlebars' shared lexer", () => {
  it("other code compiles and parses as usual after hipaa-lint has parsed", () => {
    lint("<p>Hello {{first_name}}</p>", "t.html", config);
    expect(Handlebars.compile("{{a}} {{#if b}}yes{{/if}}{{!-- c --}}")({ a: "x", b: true })).toBe("x yes");
    // The nesting limit is hipaa-lint's, not Handlebars': it applies only to hipaa-lint's parses.
    expect(() => Handlebars.parse(tooDeep(MAX_HANDLEBARS_NESTING + 5))).not.toThrow();
  });

  it("a syntax error before a too-deep part is the one reported, at its position", () => {
    const result = lint(`<p>{{#if a}}x{{/each}}</p>\n${tooDeep(MAX_HANDLEBARS_NESTING + 1)}`, "t.html", config);
    expect(result.messages).toEqual([expect.objectContaining({ fatal: true, line: 1, message: expect.stringMatching(/doesn't match|each/) })]);
  });

  it("a failed parse leaves nothing behind for the next one", () => {
    const deep = lint(tooDeep(MAX_HANDLEBARS_NESTING + 1), "t.html", config);
    expect(deep.messages).toEqual([expect.objectContaining({ fatal: true, line: 1 })]);
    const broken = lint("<p>{{#if a}}never closed</p>", "t.html", config);
    expect(broken.messages).toEqual([expect.objectContaining({ fatal: true })]);
    expect(() => Handlebars.parse("{{#each items}}{{this}}{{/each}}")).not.toThrow();

    // The next template's placeholders are found at their own positions.
    const next = lint("---\nconsentCategory: events\n---\n<p>Hi {{patient.diagnosis}}</p>\n", "t.html", config);
    const phi = next.messages.filter((m) => m.ruleId === "no-phi-placeholder");
    expect(phi).toEqual([expect.objectContaining({ line: 4, column: 9, endColumn: 26 })]);
  });
});
