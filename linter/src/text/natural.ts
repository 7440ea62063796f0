/**
 * The parts of `natural` hipaa-lint uses, imported file by file: its main
 * entry loads database drivers and prints dotenv notices on stdout.
 */
// Statically, so that the CLI's bundle (scripts/bundle.mjs) includes the stemmer.
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

/** Porter stem of a lower-case word. */
export function stem(word: string): string {
  return porter.stem(word);
}
