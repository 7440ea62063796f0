// Prepares the lexicons at build time (runs after tsc and copy-data.mjs):
// loads and validates the data files of rules/lexicon/ once, stems every term
// and PHI field word, and writes dist/rules/lexicon/lexicons.prepared.json,
// which a lint run (and each worker thread) reads instead: one JSON file, no
// YAML, no validation, no stemming. See rules/lexicon/prepared.ts.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareFromSource } from "../dist/rules/lexicon/data.js";
import { PREPARED_FILE } from "../dist/rules/lexicon/prepared.js";

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, "..", "..", "rules", "lexicon");
const out = join(here, "..", "dist", "rules", "lexicon", PREPARED_FILE);
writeFileSync(out, JSON.stringify(prepareFromSource(sourceDir)));
