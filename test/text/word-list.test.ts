import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SortedWordList } from "../../linter/src/text/word-list.js";

describe("SortedWordList", () => {
  it("finds exactly the words of the list, first, last and between", () => {
    const list = new SortedWordList(["a", "aa", "ab", "b", "bc", "zz"].join("\n"));
    for (const word of ["a", "aa", "ab", "b", "bc", "zz"]) expect(list.has(word)).toBe(true);
    for (const word of ["", "0", "aaa", "abc", "ba", "c", "zzz", "a\naa"]) expect(list.has(word)).toBe(false);
  });

  it("agrees with a Set on random sorted lists", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "é"), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (words, probes) => {
        const sorted = [...words].sort();
        const list = new SortedWordList(sorted.join("\n"));
        const set = new Set(words);
        for (const probe of [...words, ...probes]) expect(list.has(probe)).toBe(set.has(probe));
      }),
    );
  });

  it("an empty list has no words", () => {
    expect(new SortedWordList("").has("a")).toBe(false);
  });
});
