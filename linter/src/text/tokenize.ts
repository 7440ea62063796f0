import { PLACEHOLDER_CHAR } from "../model.js";
import { stem } from "./natural.js";

/**
 * A word of reader-visible text, normalized for matching, with its offsets in
 * the text it came from (so a match maps back to source positions).
 */
export interface Token {
  /** Normalized form: NFKC, look-alikes folded, lower case, leetspeak undone. */
  norm: string;
  /**
   * The matching key: the Porter stem of `norm`, or `=norm` for words of three
   * letters or fewer, so an abbreviation ("AD", "MS") matches only itself and
   * never the stem of a longer word ("added" stems to "ad").
   */
  stem: string;
  /** The word with leetspeak undone ("c4ncer" → "cancer"), when it differs; tried after `norm`. */
  alt?: { norm: string; stem: string };
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
  kind: "word" | "number" | "placeholder";
  /** Index of the sentence (clause) this token belongs to. */
  sentence: number;
}

// Characters that render as nothing (Unicode's Default_Ignorable_Code_Point:
// zero-width spaces and joiners, soft hyphen, bidi marks, variation selectors,
// tag characters, Hangul fillers): removed inside words so "dia\u200Bbetes" reads "diabetes".
const INVISIBLE_RE = /^\p{Default_Ignorable_Code_Point}$/u;
const isInvisible = (ch: string) => INVISIBLE_RE.test(ch);
// Combining marks continue a word ("diab\u0301etes"); foldWord strips them.
const MARK_RE = /^\p{M}$/u;
// Module constants rather than literals in the loops: the bundler turns these into `new RegExp(...)` calls.
const MARKS_RE = /\p{M}+/gu;
const LETTER_RE = /\p{L}/u;

// Look-alike letters from other scripts, folded to the Latin letter they imitate.
const CONFUSABLES: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ϲ: "c",
  ı: "i", ℓ: "l",
};

// Digits and symbols used as letters ("c4ncer", "d1abetes", "$yphilis").
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s" };

function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return /^[\p{L}\p{N}]$/u.test(ch) && !isInvisible(ch);
}

/** The whole code point at `i` (one or two UTF-16 units): "𝐝" is a letter, its halves are not. */
function charAt(text: string, i: number): string {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff) return text[i] ?? "";
  const code = text.codePointAt(i);
  return code === undefined ? "" : String.fromCodePoint(code);
}

const ASCII_RE = /^[\x00-\x7f]*$/;

/** Folds look-alikes and case: the form every lexicon entry is compared in. */
export function foldWord(word: string): string {
  // ASCII (most words) has no look-alikes, invisibles or marks, and is its own NFKC and NFD.
  if (ASCII_RE.test(word)) return word.toLowerCase();
  let out = "";
  for (const ch of word.normalize("NFKC").toLowerCase()) {
    if (isInvisible(ch)) continue;
    out += CONFUSABLES[ch] ?? ch;
  }
  // Strip diacritics: "crohn’s" and "ménière" match their plain spellings.
  return out.normalize("NFD").replace(MARKS_RE, "");
}

/**
 * Undoes leetspeak in a word that mixes letters with digits or symbols
 * ("c4ncer" → "cancer"). Returns null when there is nothing to undo.
 */
export function unleet(word: string): string | null {
  if (!/[a-z]/.test(word) || !/[0-9@$]/.test(word)) return null;
  let out = "";
  for (const ch of word) out += LEET[ch] ?? ch;
  return out === word ? null : out;
}

// Stems of words already seen: the same words recur in every template, and
// Porter stemming was a tenth of a run. Bounded, so a huge run cannot grow it without limit.
const stems = new Map<string, string>();

/** See Token.stem. */
export function matchKey(word: string): string {
  if (word.length <= 3) return `=${word}`;
  let key = stems.get(word);
  if (key === undefined) {
    if (stems.size >= 100_000) stems.clear();
    key = stem(word);
    stems.set(word, key);
  }
  return key;
}

const SENTENCE_END = /[.!?;:\n\u2022|·]/;

/**
 * Splits text into words in one linear pass. Apostrophes inside a word keep it
 * whole ("you've"); a possessive "'s" is dropped; dotted single letters join
 * ("H.I.V." → "hiv"); a run of placeholder characters is one placeholder
 * token; sentence and clause ends start a new sentence index.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = charAt(text, i);
    if (ch === PLACEHOLDER_CHAR) {
      const start = i;
      while (i < n && text[i] === PLACEHOLDER_CHAR) i++;
      tokens.push({ norm: "", stem: "", start, end: i, kind: "placeholder", sentence });
      continue;
    }
    if (isWordChar(ch) || ((ch === "@" || ch === "$") && i + 1 < n && /[a-z0-9]/i.test(text[i + 1]!))) {
      const start = i;
      let raw = "";
      while (i < n) {
        const c = charAt(text, i);
        if (isWordChar(c) || c === "@" || c === "$" || (c.charCodeAt(0) >= 0x80 && (isInvisible(c) || MARK_RE.test(c)))) {
          raw += c;
          i += c.length;
        } else if ((c === "'" || c === "\u2019") && i + 1 < n && LETTER_RE.test(text[i + 1]!) && raw) {
          raw += "'";
          i++;
        } else break;
      }
      let norm = foldWord(raw).replace(/'s$/, "").replace(/'/g, "");
      // "H.I.V." / "a.k.a.": single letters separated by dots join into one word.
      if (norm.length === 1 && text[i] === ".") {
        let j = i;
        let joined = norm;
        let end = i;
        while (text[j] === "." && j + 2 <= n && isWordChar(text[j + 1] ?? "") && !isWordChar(text[j + 2] ?? "")) {
          joined += foldWord(text[j + 1]!);
          j += 2;
          end = j;
        }
        if (joined.length > 1) {
          if (text[end] === ".") end++;
          norm = joined;
          i = end;
          tokens.push({ norm, stem: matchKey(norm), start, end, kind: "word", sentence });
          continue;
        }
      }
      if (!norm) continue;
      const kind = /^[0-9]+$/.test(norm) ? "number" : "word";
      const token: Token = { norm, stem: kind === "word" ? matchKey(norm) : norm, start, end: i, kind, sentence };
      const leet = kind === "word" ? unleet(norm) : null;
      if (leet) token.alt = { norm: leet, stem: matchKey(leet) };
      tokens.push(token);
      continue;
    }
    if (SENTENCE_END.test(ch)) {
      // A dot between digits ("2.5") or inside a domain does not end a sentence.
      const inNumber = ch === "." && /[0-9a-z]/i.test(text[i - 1] ?? "") && /[0-9a-z]/i.test(text[i + 1] ?? "");
      if (!inNumber) sentence++;
    }
    i += ch.length || 1;
  }
  return tokens;
}
