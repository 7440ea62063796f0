/**
 * The parts of `natural` hipaa-lint uses, imported file by file: its main
 * entry loads database drivers and prints dotenv notices on stdout.
 */
import { createRequire } from "node:module";
// Statically, so that the CLI's bundle (scripts/bundle.mjs) includes the stemmer.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const require = createRequire(import.meta.url);

// The distance (and underscore, which it loads) only when asked for: a lint
// run needs the stemmer alone, and only the tests compare against it.
interface LevenshteinModule {
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
}
const levenshtein = () => require("natural/lib/natural/distance/levenshtein_distance.js") as LevenshteinModule;

/** Porter stem of a lower-case word. */
export function stem(word: string): string {
  return porter.stem(word);
}

/** Edits (insert, delete, substitute, swap neighbours) between two words: "diabetis" → "diabetes" is 1. The reference that edit-distance.ts is tested against. */
export function damerauLevenshtein(a: string, b: string): number {
  return levenshtein().DamerauLevenshteinDistance(a, b, { restricted: true });
}
