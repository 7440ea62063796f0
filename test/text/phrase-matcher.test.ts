import { describe, expect, it } from "vitest";
import { PhraseMatcher } from "../../linter/src/text/phrase-matcher.js";
import { tokenize } from "../../linter/src/text/tokenize.js";
import { PLACEHOLDER_CHAR } from "../../linter/src/model.js";

const stems = (text: string) => tokenize(text).map((t) => t.stem);

function matcher() {
  const m = new PhraseMatcher<string>();
  for (const phrase of ["blood", "high blood pressure", "blood pressure", "flu", "flu shot", "heart attack"]) m.add(stems(phrase), phrase);
  return m;
}

const found = (m: PhraseMatcher<string>, text: string) => m.matchAll(tokenize(text)).map((match) => match.values.join("|"));

describe("PhraseMatcher", () => {
  it("finds leftmost-longest phrases, stemmed", () => {
    expect(found(matcher(), "Checking high blood pressures and blood tests before flu shots")).toEqual(["high blood pressure", "blood", "flu shot"]);
  });

  it("falls back to a shorter phrase when a longer one breaks off", () => {
    expect(found(matcher(), "high blood sugar")).toEqual(["blood"]);
    expect(found(matcher(), "heart rate")).toEqual([]);
  });

  it("stops at a placeholder: a phrase never spans one", () => {
    expect(found(matcher(), `high ${PLACEHOLDER_CHAR} blood pressure`)).toEqual(["blood pressure"]);
  });

  it("reads leetspeak through the token's alternative form", () => {
    expect(found(matcher(), "he4rt attack")).toEqual(["heart attack"]);
  });

  it("has, remove and values added twice", () => {
    const m = matcher();
    m.add(stems("flu"), "influenza");
    expect(m.matchAll(tokenize("flu"))[0]!.values).toEqual(["flu", "influenza"]);
    expect(m.has(stems("blood pressure"))).toBe(true);
    expect(m.has(stems("high blood"))).toBe(false); // a prefix only
    m.remove(stems("blood pressure"));
    expect(m.has(stems("blood pressure"))).toBe(false);
    expect(found(m, "blood pressure; high blood pressure")).toEqual(["blood", "high blood pressure"]);
  });
});

describe("PhraseMatcher.addJoined", () => {
  it("is add() for keys joined by spaces", () => {
    const joined = new PhraseMatcher<string>();
    for (const phrase of ["blood", "high blood pressure", "blood pressure"]) joined.addJoined(stems(phrase).join(" "), phrase);
    expect(found(joined, "high blood pressure, blood pressure, high blood")).toEqual(["high blood pressure", "blood pressure", "blood"]);
  });
});
