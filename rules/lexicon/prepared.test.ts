import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { preparedLexicons, prepareFromSource, readPrepared } from "./data.js";
import { deserializePrepared, PREPARED_DICTIONARY_FILE, PREPARED_FILE, PREPARED_FORMAT, serializePrepared } from "./prepared.js";

const here = dirname(fileURLToPath(import.meta.url));
const builtDir = join(here, "..", "..", "linter", "dist", "rules", "lexicon");
const built = join(builtDir, PREPARED_FILE);

describe("prepared lexicons", () => {
  const fromSource = prepareFromSource(here);

  it("the build's prepared file equals what the source-tree fallback builds (they cannot drift)", () => {
    expect(existsSync(built), `${built} is missing: run npm run build`).toBe(true);
    expect(readPrepared(builtDir)).toEqual(fromSource);
  });

  it("the files' form round-trips, and a file of another format is ignored", () => {
    const { json, dictionary } = serializePrepared(fromSource);
    expect(deserializePrepared(json, dictionary)).toEqual(fromSource);
    expect(deserializePrepared(JSON.stringify({ ...JSON.parse(json), format: PREPARED_FORMAT - 1 }), dictionary)).toBeNull();
    expect(readFileSync(join(builtDir, PREPARED_DICTIONARY_FILE), "utf8")).toBe(fromSource.dictionary);
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
