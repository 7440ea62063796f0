import { PhraseMatcher } from "../../linter/src/text/phrase-matcher.js";
import { boundedOsaDistance } from "../../linter/src/text/edit-distance.js";
import { tokenize, type Token } from "../../linter/src/text/tokenize.js";
import { SortedWordList } from "../../linter/src/text/word-list.js";
import { preparedLexicons } from "./data.js";
import { phraseStems } from "./prepared.js";
import type { Category as HealthCategory } from "./schema.js";

export type { Category as HealthCategory } from "./schema.js";

/** What a phrase of the lexicon stands for. */
interface Entry {
  term: string;
  category: HealthCategory | "general";
  /** A bare everyday word ("cold"): counts only with context or a strong attribution. */
  ambiguous: boolean;
  /** Matched through one of the term's context phrases ("common cold"). */
  viaContext: boolean;
}

export interface HealthHit {
  term: string;
  category: HealthCategory;
  /** A bare ambiguous word, with no context phrase around it. */
  ambiguous: boolean;
  /** Matched as a likely misspelling of `term`. */
  fuzzy: boolean;
  /** Token indexes [first, last). */
  first: number;
  last: number;
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
}

export interface LexiconAdditions {
  add: readonly string[];
  remove: readonly string[];
}

interface BaseLexicon {
  matcher: PhraseMatcher<Entry>;
  /** Ambiguous terms whose reviewed contexts include "your TERM": possessed by the reader, they are medical. */
  possessiveTerms: Set<string>;
  /** Single-word unambiguous terms by first letter, for misspelling candidates. */
  fuzzyCandidates: Map<string, { norm: string; entry: Entry }[]>;
  /** Ordinary English words (WordNet lemmas and their stems): never treated as misspellings. */
  dictionary: SortedWordList;
  /** fuzzyAt's answer per word: words repeat across templates, and the answer depends on nothing else. */
  fuzzyMemo: Map<string, Entry | null>;
}

/** Bounds the memo for long runs over many distinct words; clearing costs only recomputation. */
const FUZZY_MEMO_LIMIT = 100_000;

let base: BaseLexicon | null = null;

// Suffixes undone to find a dictionary lemma: [suffix, what replaces it].
const INFLECTIONS: [string, string][] = [
  ["ies", "y"], ["es", ""], ["s", ""], ["ied", "y"], ["ed", ""], ["ed", "e"], ["d", ""], ["ing", ""], ["ing", "e"],
  ["ly", ""], ["er", ""], ["er", "e"], ["est", ""], ["ness", ""], ["ment", ""], ["ful", ""], ["less", ""],
];

/** The matchers from the prepared lexicons (see prepared.ts): no stemming, no validation here. */
function buildBase(): BaseLexicon {
  const { health, dictionary } = preparedLexicons();
  const matcher = new PhraseMatcher<Entry>();
  const entries: Entry[] = health.entries.map((e) => ({ ...e }));
  for (const [keys, index] of health.phrases) matcher.addJoined(keys, entries[index]!);
  const fuzzyCandidates = new Map<string, { norm: string; entry: Entry }[]>();
  for (const [norm, index] of health.fuzzy) {
    const list = fuzzyCandidates.get(norm[0]!) ?? [];
    list.push({ norm, entry: entries[index]! });
    fuzzyCandidates.set(norm[0]!, list);
  }
  return { matcher, possessiveTerms: new Set(health.possessiveTerms), fuzzyCandidates, dictionary: new SortedWordList(dictionary), fuzzyMemo: new Map() };
}

/** The health lexicon with a config's additions and removals applied. */
export class HealthLexicon {
  private readonly extra = new PhraseMatcher<Entry>();
  private readonly removed: Set<string>;

  constructor(
    private readonly base: BaseLexicon,
    additions: LexiconAdditions,
  ) {
    for (const term of additions.add) this.extra.add(phraseStems(term), { term, category: "condition", ambiguous: false, viaContext: false });
    this.removed = new Set(additions.remove.map((t) => phraseStems(t).join(" ")));
  }

  /** An English word, inflected or not: "scheduled", "appointments", "stories". */
  private isDictionaryWord(token: Token): boolean {
    const word = token.norm;
    const dictionary = this.base.dictionary;
    if (dictionary.has(word)) return true;
    for (const [suffix, replacement] of INFLECTIONS) {
      if (word.length > suffix.length + 2 && word.endsWith(suffix) && dictionary.has(word.slice(0, -suffix.length) + replacement)) return true;
    }
    return false;
  }

  /** A likely misspelling of a health term: not an English word, one or two edits away. */
  private fuzzyAt(token: Token): Entry | null {
    const word = token.norm;
    if (token.kind !== "word" || word.length < 6 || !/^[a-z]+$/.test(word)) return null;
    const memo = this.base.fuzzyMemo;
    let found = memo.get(word);
    if (found === undefined) {
      if (memo.size >= FUZZY_MEMO_LIMIT) memo.clear();
      found = this.nearestTerm(token);
      memo.set(word, found);
    }
    return found;
  }

  private nearestTerm(token: Token): Entry | null {
    const word = token.norm;
    const candidates = this.base.fuzzyCandidates.get(word[0]!) ?? [];
    const budget = word.length >= 9 ? 2 : 1;
    for (const candidate of candidates) {
      if (Math.abs(candidate.norm.length - word.length) > budget) continue;
      // The dictionary last: most words are near no term, and need no lookup.
      if (boundedOsaDistance(word, candidate.norm, budget) <= budget) return this.isDictionaryWord(token) ? null : candidate.entry;
    }
    return null;
  }

  /**
   * Every health term in the tokens: leftmost-longest phrases, so "flu shot"
   * (general care) wins over "flu", and "high blood pressure" over "pressure".
   */
  find(tokens: readonly Token[]): HealthHit[] {
    const hits: HealthHit[] = [];
    let i = 0;
    while (i < tokens.length) {
      const own = this.extra.longestAt(tokens, i);
      const shared = this.base.matcher.longestAt(tokens, i);
      const match = own && (!shared || own.last >= shared.last) ? own : shared;
      if (match) {
        // Prefer an unambiguous reading when one phrase carries several.
        const entry = match.values.find((v) => !v.ambiguous) ?? match.values[0]!;
        if (entry.category !== "general" && !this.isRemoved(entry.term, tokens, match.first, match.last)) {
          hits.push({
            term: entry.term,
            category: entry.category,
            ambiguous: entry.ambiguous,
            fuzzy: false,
            first: match.first,
            last: match.last,
            start: tokens[match.first]!.start,
            end: tokens[match.last - 1]!.end,
          });
        }
        i = match.last;
        continue;
      }
      const token = tokens[i]!;
      const fuzzy = this.fuzzyAt(token);
      if (fuzzy && fuzzy.category !== "general" && !this.isRemoved(fuzzy.term)) {
        hits.push({ term: fuzzy.term, category: fuzzy.category, ambiguous: false, fuzzy: true, first: i, last: i + 1, start: token.start, end: token.end });
      }
      i++;
    }
    return hits;
  }

  /**
   * Whether the config's `remove` takes out a term, named as the lexicon
   * spells it or as the text did (tokens first..last). Most configs remove
   * nothing, and then no key is built.
   */
  private isRemoved(term: string, tokens?: readonly Token[], first = 0, last = 0): boolean {
    if (this.removed.size === 0) return false;
    if (tokens && this.removed.has(tokens.slice(first, last).map((t) => t.stem).join(" "))) return true;
    return this.removed.has(phraseStems(term).join(" "));
  }

  /** Whether "your TERM" reads as medical for an ambiguous term (the overlay lists it as a context). */
  possessiveIsMedical(term: string): boolean {
    return this.base.possessiveTerms.has(term);
  }

  /** Whether one word (a path segment, a URL word) is itself a health term. */
  isTerm(word: string): boolean {
    const tokens = tokenize(word);
    const hit = this.find(tokens)[0];
    return Boolean(hit && !hit.ambiguous && hit.first === 0 && hit.last === tokens.length);
  }
}

const cache = new Map<string, HealthLexicon>();

/** The lexicon for a config (cached: rules call this once per template). */
export function healthLexicon(additions: LexiconAdditions = { add: [], remove: [] }): HealthLexicon {
  const key = JSON.stringify([additions.add, additions.remove]);
  let lexicon = cache.get(key);
  if (!lexicon) {
    base ??= buildBase();
    lexicon = new HealthLexicon(base, additions);
    cache.set(key, lexicon);
  }
  return lexicon;
}
