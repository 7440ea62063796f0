import type { Token } from "./tokenize.js";

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

export interface PhraseMatch<T> {
  /** Index of the first token matched. */
  first: number;
  /** Index one past the last token matched. */
  last: number;
  values: T[];
}

/**
 * Multi-word phrases over stemmed tokens, in a trie: matching walks at most
 * the longest phrase's length from each token, so it is linear in the text
 * (no regular expressions, nothing to backtrack).
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };
  private longest = 0;

  add(stems: readonly string[], value: T): void {
    if (!stems.length) return;
    let node = this.root;
    for (const s of stems) {
      let child = node.next.get(s);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(s, child);
      }
      node = child;
    }
    node.values.push(value);
    this.longest = Math.max(this.longest, stems.length);
  }

  /** Removes every value stored for exactly this phrase. */
  remove(stems: readonly string[]): void {
    let node: TrieNode<T> | undefined = this.root;
    for (const s of stems) {
      node = node.next.get(s);
      if (!node) return;
    }
    node.values = [];
  }

  has(stems: readonly string[]): boolean {
    let node: TrieNode<T> | undefined = this.root;
    for (const s of stems) {
      node = node.next.get(s);
      if (!node) return false;
    }
    return node.values.length > 0;
  }

  /** The longest phrase starting at token `first` (trying leetspeak-undone forms too). */
  longestAt(tokens: readonly Token[], first: number): PhraseMatch<T> | null {
    let best: PhraseMatch<T> | null = null;
    const walk = (node: TrieNode<T>, index: number) => {
      if (node.values.length && index > first && (!best || index > best.last)) best = { first, last: index, values: node.values };
      if (index >= tokens.length || index - first >= this.longest) return;
      const token = tokens[index]!;
      if (token.kind === "placeholder") return;
      const direct = node.next.get(token.stem) ?? (token.norm !== token.stem ? node.next.get(token.norm) : undefined);
      if (direct) walk(direct, index + 1);
      if (token.alt) {
        const viaAlt = node.next.get(token.alt.stem) ?? node.next.get(token.alt.norm);
        if (viaAlt && viaAlt !== direct) walk(viaAlt, index + 1);
      }
    };
    walk(this.root, first);
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
