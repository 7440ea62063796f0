import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  deserializePrepared,
  DICTIONARY_FILE,
  lexiconFingerprint,
  PREPARED_DICTIONARY_FILE,
  PREPARED_FILE,
  prepareLexicons,
  type PreparedLexicons,
} from "./prepared.js";
import { LEXICON_DIR, loadLexiconData, type LexiconData } from "./schema.js";

let data: LexiconData | null = null;
let prepared: PreparedLexicons | null = null;

/** The lexicon data files, read and validated once per process (or worker). */
export function lexiconData(): LexiconData {
  data ??= loadLexiconData();
  return data;
}

/** Builds the prepared lexicons from the data files in `dir`: what the build step writes. */
export function prepareFromSource(dir: string = LEXICON_DIR): PreparedLexicons {
  const source = dir === LEXICON_DIR ? lexiconData() : loadLexiconData(dir);
  return prepareLexicons(source, readFileSync(join(dir, DICTIONARY_FILE), "utf8"), lexiconFingerprint(dir));
}

/** The build's prepared files, when there are both and of this format. */
export function readPrepared(dir: string = LEXICON_DIR): PreparedLexicons | null {
  const file = join(dir, PREPARED_FILE);
  const dictionary = join(dir, PREPARED_DICTIONARY_FILE);
  if (!existsSync(file) || !existsSync(dictionary)) return null;
  return deserializePrepared(readFileSync(file, "utf8"), readFileSync(dictionary, "utf8"));
}

/**
 * The lexicons ready for the matchers, once per process (or worker): the
 * build's prepared file when there is one (dist/), else made from the data
 * files (the source tree under vitest or tsx).
 */
export function preparedLexicons(): PreparedLexicons {
  prepared ??= readPrepared() ?? prepareFromSource();
  return prepared;
}
