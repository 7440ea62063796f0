/**
 * The plugin's admin texts go through Strapi's i18n: every key the admin
 * source asks for exists in translations/en.json, and en.json has no key
 * nothing uses.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "../strapi-plugin/admin/src");
const en: Record<string, string> = JSON.parse(readFileSync(join(SRC, "translations/en.json"), "utf8"));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const code = sources(SRC)
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");

/** Keys used literally: t("x"), getTranslation("x"), and both arms of `cond ? "x" : "y"` inside t(...). */
const literal = new Set<string>();
for (const match of code.matchAll(/\b(?:t|getTranslation)\(\s*"([^"]+)"/g)) literal.add(match[1]!);
for (const match of code.matchAll(/\bt\(\s*[^()"]*?\?\s*"([^"]+)"\s*:\s*"([^"]+)"/g)) {
  literal.add(match[1]!);
  literal.add(match[2]!);
}
/** Keys built from a prefix and a known set of values. */
const families: Record<string, string[]> = {
  "status.": ["clean", "flagged", "approved", "rejected"],
  "field.": ["subject", "preheader", "consentCategory", "body", "file"],
  "audit.action.": ["flagged", "approved", "rejected", "publish-blocked", "published"],
  "severity.": ["off", "warn", "error"],
};
const built = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => prefix + v));

describe("admin i18n", () => {
  it("every key the admin uses is in en.json", () => {
    const missing = [...literal, ...built].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it("en.json has no empty text", () => {
    expect(Object.entries(en).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it("each template family is used by the source", () => {
    for (const prefix of Object.keys(families)) expect(code).toContain("`" + prefix + "${");
  });
});
