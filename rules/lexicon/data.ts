import { loadLexiconData, type LexiconData } from "./schema.js";

let data: LexiconData | null = null;

/** The lexicon data files, read and validated once per process (or worker). */
export function lexiconData(): LexiconData {
  data ??= loadLexiconData();
  return data;
}
