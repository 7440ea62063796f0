import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldWord } from "../../linter/src/text/tokenize.js";

describe("foldWord", () => {
  it("folds ASCII exactly as the full Unicode path does (its fast path changes nothing)", () => {
    const full = (w: string) => w.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 24 }), (word) => {
        expect(foldWord(word)).toBe(full(word));
      }),
    );
  });

  it("folds look-alikes, invisibles, diacritics and compatibility forms", () => {
    expect(foldWord("Di\u0430betes")).toBe("diabetes"); // Cyrillic а
    expect(foldWord("dia\u200Bbetes")).toBe("diabetes");
    expect(foldWord("Ménière")).toBe("meniere");
    expect(foldWord("ＤＩＡＢＥＴＥＳ")).toBe("diabetes");
  });
});
