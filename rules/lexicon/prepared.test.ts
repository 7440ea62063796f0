import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { preparedLexicons, prepareFromSource } from "./data.js";
import { PREPARED_FILE, PREPARED_FORMAT } from "./prepared.js";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "..", "..", "linter", "dist", "rules", "lexicon", PREPARED_FILE);

describe("prepared lexicons", () => {
  const fromSource = prepareFromSource(here);

  it("the build's prepared file equals what the source-tree fallback builds (they cannot drift)", () => {
    expect(existsSync(built), `${built} is missing: run npm run build`).toBe(true);
    const prepared = JSON.parse(readFileSync(built, "utf8")) as unknown;
    expect(prepared).toEqual(fromSource);
  });

  it("the fallback runs from the source tree, where there is no prepared file", () => {
    expect(existsSync(join(here, PREPARED_FILE))).toBe(false);
    expect(preparedLexicons()).toEqual(fromSource);
  });

  it("holds match keys, not raw words", () => {
    expect(fromSource.format).toBe(PREPARED_FORMAT);
    expect(fromSource.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const phrases = new Map(fromSource.health.phrases.map(([keys, index]) => [fromSource.health.entries[index]!.term, keys]));
    expect(phrases.get("diabetes")).toBe("diabet");
    expect(fromSource.health.entries.length).toBeGreaterThan(4000);
    expect(fromSource.phi.fields.length).toBeGreaterThan(100);
    expect(fromSource.dictionary.split("\n").length).toBeGreaterThan(50_000);
  });
});
