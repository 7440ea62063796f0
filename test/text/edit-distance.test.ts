import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedOsaDistance } from "../../linter/src/text/edit-distance.js";

// The reference: natural's restricted Damerau-Levenshtein, which the linter no longer runs.
const { DamerauLevenshteinDistance } = createRequire(import.meta.url)("natural/lib/natural/distance/levenshtein_distance.js") as {
  DamerauLevenshteinDistance(a: string, b: string, options: { restricted: boolean }): number;
};
const damerauLevenshtein = (a: string, b: string) => DamerauLevenshteinDistance(a, b, { restricted: true });

describe("boundedOsaDistance", () => {
  it("decides distance <= max exactly as natural's restricted Damerau-Levenshtein", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcde"), maxLength: 10 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const d = damerauLevenshtein(a, b);
        expect(boundedOsaDistance(a, b, max)).toBe(d <= max ? d : max + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(boundedOsaDistance("diabetis", "diabetes", 1)).toBe(1);
    expect(boundedOsaDistance("diabtees", "diabetes", 1)).toBe(1);
    expect(boundedOsaDistance("asthma", "asthma", 2)).toBe(0);
    expect(boundedOsaDistance("abcdef", "ghijkl", 2)).toBe(3);
  });
});
