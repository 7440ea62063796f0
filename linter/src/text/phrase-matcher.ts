import type { Token } from "./tokenize.js";

export interface PhraseMatch<T> {
  /** Index of the first token matched. */
  first: number;
  /** Index one past the last token matched. */
  last: number;
  values: T[];
}

/**
 * Multi-word phrases over stemmed tokens. Matching walks at most the longest
 * phrase's length from each token, so it is linear in the text (no regular
 * expressions, nothing to backtrack).
 *
 * The phrases are kept flat, as keys joined by spaces (keys never contain
 * one), with the set of their proper prefixes: a trie of the health lexicon
 * meant some 8,000 Maps to build at every start, longer than a small run's
 * linting, while these are two collections filled in one pass.
 */
export class PhraseMatcher<T> {
  /** Each phrase's keys, joined by spaces → what it stands for. */
  private readonly phrases = new Map<string, T[]>();
  /** Every proper prefix of a phrase: where a longer match may still go on. */
  private readonly prefixes = new Set<string>();
  private longest = 0;

  add(stems: readonly string[], value: T): void {
    if (stems.length) this.addJoined(stems.join(" "), value);
  }

  /** add() for keys already joined by single spaces, as the prepared lexicons store them. */
  addJoined(key: string, value: T): void {
    let length = 1;
    for (let space = key.indexOf(" "); space >= 0; space = key.indexOf(" ", space + 1)) {
      this.prefixes.add(key.slice(0, space));
      length++;
    }
    const values = this.phrases.get(key);
    if (values) values.push(value);
    else this.phrases.set(key, [value]);
    if (length > this.longest) this.longest = length;
  }

  /** Removes every value stored for exactly this phrase. */
  remove(stems: readonly string[]): void {
    const key = stems.join(" ");
    // A new array: matches already returned keep what they matched.
    if (this.phrases.has(key)) this.phrases.set(key, []);
  }

  has(stems: readonly string[]): boolean {
    return (this.phrases.get(stems.join(" "))?.length ?? 0) > 0;
  }

  /** The key when some phrase is, or starts with, it. */
  private known(key: string): string | null {
    return this.phrases.has(key) || this.prefixes.has(key) ? key : null;
  }

  /** The longest phrase starting at token `first` (trying leetspeak-undone forms too). */
  longestAt(tokens: readonly Token[], first: number): PhraseMatch<T> | null {
    // Called at every token of every text run: no phrases, nothing to try.
    if (this.longest === 0) return null;
    return this.extend(tokens, first, null, first, null);
  }

  /**
   * Goes on from `key` (the tokens before `index`, null at the start) and
   * returns the longest match found so far or below. A method rather than a
   * closure per call: this runs at every token, and the closures were a
   * tenth of what matching allocated.
   */
  private extend(tokens: readonly Token[], first: number, key: string | null, index: number, best: PhraseMatch<T> | null): PhraseMatch<T> | null {
    if (key !== null) {
      const values = this.phrases.get(key);
      if (values?.length && (!best || index > best.last)) best = { first, last: index, values };
      if (!this.prefixes.has(key)) return best;
    }
    if (index >= tokens.length || index - first >= this.longest) return best;
    const token = tokens[index]!;
    if (token.kind === "placeholder") return best;
    const direct = this.known(joinKey(key, token.stem)) ?? (token.norm !== token.stem ? this.known(joinKey(key, token.norm)) : null);
    if (direct !== null) best = this.extend(tokens, first, direct, index + 1, best);
    if (token.alt) {
      const viaAlt = this.known(joinKey(key, token.alt.stem)) ?? this.known(joinKey(key, token.alt.norm));
      if (viaAlt !== null && viaAlt !== direct) best = this.extend(tokens, first, viaAlt, index + 1, best);
    }
    return best;
  }

  /** Leftmost-longest, non-overlapping matches over the whole token list. */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.longestAt(tokens, i);
      if (match) {
        matches.push(match);
        i = match.last;
      } else i++;
    }
    return matches;
  }
}

/** `next` appended to the keys so far (none: null). */
function joinKey(key: string | null, next: string): string {
  return key === null ? next : `${key} ${next}`;
}
