/**
 * The parts of `natural` hipaa-lint uses, imported file by file: its main
 * entry loads database drivers and prints dotenv notices on stdout.
 */
import { createRequire } from "node:module";
// Statically, so that the CLI's bundle (scripts/bundle.mjs) includes the stemmer.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const require = createRequire(import.meta.url);

// The distances (and underscore, which they load) only when asked for: a lint run needs the stemmer alone.
interface LevenshteinModule {
  LevenshteinDistance(a: string, b: string): number;
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
}
const levenshtein = () => require("natural/lib/natural/distance/levenshtein_distance.js") as LevenshteinModule;
const jaroWinkler = (a: string, b: string) =>
  (require("natural/lib/natural/distance/jaro-winkler_distance.js") as (a: string, b: string, options?: { ignoreCase?: boolean }) => number)(a, b);

/** Porter stem of a lower-case word. */
export function stem(word: string): string {
  return porter.stem(word);
}

export function levenshteinDistance(a: string, b: string): number {
  return levenshtein().LevenshteinDistance(a, b);
}

/** Edits (insert, delete, substitute, swap neighbours) between two words: "diabetis" → "diabetes" is 1. */
export function damerauLevenshtein(a: string, b: string): number {
  return levenshtein().DamerauLevenshteinDistance(a, b, { restricted: true });
}

/** Jaro-Winkler similarity, 0 (different) to 1 (same). */
export function jaroWinklerSimilarity(a: string, b: string): number {
  return jaroWinkler(a, b);
}
