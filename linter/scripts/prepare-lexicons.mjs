// Prepares the lexicons at build time (runs after tsc and copy-data.mjs):
// loads and validates the data files of rules/lexicon/ once, stems every term
// and PHI field word, and writes dist/rules/lexicon/lexicons.prepared.json
// and lexicons.dictionary.txt, which a lint run (and each worker thread)
// reads instead: no YAML, no validation, no stemming. See
// rules/lexicon/prepared.ts.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareFromSource } from "../dist/rules/lexicon/data.js";
import { PREPARED_DICTIONARY_FILE, PREPARED_FILE, serializePrepared } from "../dist/rules/lexicon/prepared.js";

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, "..", "..", "rules", "lexicon");
const outDir = join(here, "..", "dist", "rules", "lexicon");
const { json, dictionary } = serializePrepared(prepareFromSource(sourceDir));
writeFileSync(join(outDir, PREPARED_FILE), json);
writeFileSync(join(outDir, PREPARED_DICTIONARY_FILE), dictionary);
