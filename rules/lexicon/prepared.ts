/**
 * The lexicons in the form the matchers use: every term with its match keys
 * (Porter stems, see tokenize.ts `matchKey`) already computed, the PHI field
 * words likewise, and the dictionary as a word list.
 *
 * `prepareLexicons()` is the one place that turns the reviewed data files
 * (validated by schema.ts) into this form. The build runs it once
 * (linter/scripts/prepare-lexicons.mjs) and writes the result next to the
 * compiled rules as `lexicons.prepared.json`, so that a lint run reads one
 * JSON file and validates and stems nothing. From the source tree (vitest,
 * tsx) there is no prepared file and `data.ts` calls it at first use instead;
 * prepared.test.ts checks that both give the same data.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { matchKey, tokenize, foldWord } from "../../linter/src/text/tokenize.js";
import { identifierWords } from "../../linter/src/text/words.js";
import { LEXICON_FILES, type Category, type LexiconData } from "./schema.js";

/** Bumped when the shape below or the files' form changes: an older prepared file is then ignored. */
export const PREPARED_FORMAT = 2;
export const PREPARED_FILE = "lexicons.prepared.json";
/** The prepared dictionary, beside PREPARED_FILE: plain text, one word per line. */
export const PREPARED_DICTIONARY_FILE = "lexicons.dictionary.txt";
export const DICTIONARY_FILE = "dictionary.generated.txt";

/** What a phrase of the health lexicon stands for (health-lexicon.ts `Entry`). */
export interface PreparedHealthEntry {
  term: string;
  category: Category | "general";
  ambiguous: boolean;
  viaContext: boolean;
}

/** What a PHI field phrase stands for (phi-fields.ts `FieldEntry`). */
export interface PreparedFieldEntry {
  kind: "identifier" | "clinical";
  label: string;
  letter: string | null;
  needsPerson: boolean;
  evenForSender: boolean;
  /** Counts only at the root, for a person or in a clinical record (phi-fields.yaml `patientOnly`). */
  patientOnly: boolean;
  firstName: boolean;
}

/** Match keys of a phrase, joined by single spaces (keys never contain spaces). */
type Keys = string;

export interface PreparedLexicons {
  format: typeof PREPARED_FORMAT;
  /** sha256 of the data files it was made from: part of the result cache's key. */
  fingerprint: string;
  health: {
    entries: PreparedHealthEntry[];
    /** [keys, index into entries], in the order they are added to the phrase matcher. */
    phrases: [Keys, number][];
    /** [folded word, index into entries]: single-word terms a misspelling may stand for, in order. */
    fuzzy: [string, number][];
    /** Ambiguous terms whose reviewed contexts include "your TERM". */
    possessiveTerms: string[];
  };
  phi: {
    entries: PreparedFieldEntry[];
    /** [keys, index into entries], in matcher order. */
    fields: [Keys, number][];
    machinery: Keys[];
    senderOwners: string[];
    personOwners: string[];
    clinicalObjects: string[];
    modifiers: string[];
  };
  /** Ordinary English words, one per line, sorted (WordNet lemmas and their stems). */
  dictionary: string;
}

/** Match keys of free text: "Type 2 diabetes" → ["=typ"...]. Shared with health-lexicon.ts. */
export const phraseStems = (phrase: string): string[] => tokenize(phrase).map((t) => t.stem).filter(Boolean);

/** Match keys of an identifier's words: "preferredPhone" → preferred, phone. Shared with phi-fields.ts. */
export const identifierStems = (phrase: string): string[] => identifierWords(phrase).map((w) => (/^[a-z]+$/.test(w) ? matchKey(w) : w));

function prepareHealth(data: LexiconData): PreparedLexicons["health"] {
  const { healthTerms: generated, overlay } = data;
  const entries: PreparedHealthEntry[] = [];
  const phrases: [Keys, number][] = [];
  const fuzzy: [string, number][] = [];
  const entry = (e: PreparedHealthEntry) => entries.push(e) - 1;
  const removed = new Set(overlay.remove.map((t) => phraseStems(t).join(" ")));
  // The reviewed overlay decides: a word it lists as ambiguous is ambiguous, whatever WordNet says.
  const overlayAmbiguous = new Set(overlay.ambiguous.map((t) => phraseStems(t.term).join(" ")));
  const generatedCategory = new Map([...generated.terms, ...generated.ambiguous].map((t) => [t.term, t.category]));
  const addTerm = (term: string, category: PreparedHealthEntry["category"], ambiguous: boolean) => {
    const stems = phraseStems(term);
    const key = stems.join(" ");
    if (!stems.length || removed.has(key)) return;
    if (!ambiguous && overlayAmbiguous.has(key)) return;
    const index = entry({ term, category, ambiguous, viaContext: false });
    phrases.push([key, index]);
    const norm = foldWord(term);
    if (!ambiguous && category !== "general" && stems.length === 1 && /^[a-z]{6,}$/.test(norm)) fuzzy.push([norm, index]);
  };
  const addPhrase = (phrase: string, e: PreparedHealthEntry) => {
    const stems = phraseStems(phrase);
    if (stems.length) phrases.push([stems.join(" "), entry(e)]);
  };
  for (const t of generated.terms) addTerm(t.term, t.category, false);
  for (const t of generated.ambiguous) addTerm(t.term, t.category, true);
  for (const t of overlay.add) addTerm(t.term, t.category, false);
  const possessiveTerms = new Set<string>();
  for (const t of overlay.ambiguous) {
    if (t.contexts.some((c) => c.toLowerCase() === `your ${t.term}`)) possessiveTerms.add(t.term);
    const category = generatedCategory.get(t.term) ?? "condition";
    addTerm(t.term, category, true);
    for (const context of t.contexts) addPhrase(context, { term: t.term, category, ambiguous: false, viaContext: true });
  }
  // Both kinds of phrase cover a term so that it does not count there.
  for (const phrase of [...overlay.generalCare, ...overlay.otherSenses]) addPhrase(phrase, { term: phrase, category: "general", ambiguous: false, viaContext: false });
  return { entries, phrases, fuzzy, possessiveTerms: [...possessiveTerms] };
}

function preparePhi(data: LexiconData): PreparedLexicons["phi"] {
  const raw = data.phiFields;
  const entries: PreparedFieldEntry[] = [];
  const fields: [Keys, number][] = [];
  const add = (words: readonly string[], e: PreparedFieldEntry) => {
    if (!words.length) return;
    const index = entries.push(e) - 1;
    for (const w of words) {
      const stems = identifierStems(w);
      if (stems.length) fields.push([stems.join(" "), index]);
    }
  };
  for (const group of raw.identifiers) {
    // Identifiers are patient-only by nature: {{event.date}}, invoice.number are not the patient's.
    const base = { kind: "identifier" as const, label: group.label, letter: group.letter, evenForSender: false, firstName: false, patientOnly: true };
    add(group.words, { ...base, needsPerson: false });
    add(group.inPatientContext ?? [], { ...base, needsPerson: true });
  }
  for (const group of raw.clinical) {
    const base = { kind: "clinical" as const, label: group.label, letter: null, evenForSender: group.evenUnderSender ?? false, firstName: false, patientOnly: group.patientOnly ?? false };
    add(group.words, { ...base, needsPerson: false });
    add(group.inPatientContext ?? [], { ...base, needsPerson: true });
  }
  add(raw.firstName, { kind: "identifier", label: "a first name", letter: "A", needsPerson: true, evenForSender: false, firstName: true, patientOnly: true });
  const stemList = (words: string[]) => [...new Set(words.flatMap((w) => identifierStems(w)))];
  return {
    entries,
    fields,
    machinery: raw.machinery.map((w) => identifierStems(w).join(" ")).filter(Boolean),
    senderOwners: stemList(raw.senderOwners),
    personOwners: stemList(raw.personOwners),
    clinicalObjects: stemList(raw.clinicalObjects),
    modifiers: stemList(raw.modifiers),
  };
}

/** sha256 of the lexicon data files in `dir`, in a fixed order. */
export function lexiconFingerprint(dir: string): string {
  const hash = createHash("sha256");
  for (const name of [...Object.values(LEXICON_FILES), DICTIONARY_FILE]) {
    hash.update(`${name}\u0000`);
    hash.update(readFileSync(join(dir, name)));
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

/** Validated lexicon data (and the dictionary file's text) → the prepared form. */
export function prepareLexicons(data: LexiconData, dictionaryText: string, fingerprint: string): PreparedLexicons {
  return {
    format: PREPARED_FORMAT,
    fingerprint,
    health: prepareHealth(data),
    phi: preparePhi(data),
    // Sorted and unique: the matcher looks words up by binary search (SortedWordList).
    dictionary: [...new Set(dictionaryText.split("\n").filter(Boolean))].sort().join("\n"),
  };
}

/*
 * The files the build writes. Every lint run (and every worker) reads them
 * at start, so their form is chosen for reading: the dictionary is a text
 * file of its own rather than an 800 KB string inside the JSON, and the
 * health entries (6,000 of them) are two columns rather than as many
 * objects for JSON.parse to build and then copy.
 */
const ENTRY_CATEGORIES: PreparedHealthEntry["category"][] = ["condition", "medication", "procedure", "test", "general"];

interface PreparedJson extends Omit<PreparedLexicons, "health" | "dictionary"> {
  health: Omit<PreparedLexicons["health"], "entries"> & {
    /** Each entry's term, and its flags: category index * 4 + ambiguous * 2 + viaContext. */
    terms: string[];
    flags: number[];
  };
}

/** PreparedLexicons → the JSON text and the dictionary text the build writes. */
export function serializePrepared(prepared: PreparedLexicons): { json: string; dictionary: string } {
  const { entries, ...health } = prepared.health;
  const json: PreparedJson = {
    format: prepared.format,
    fingerprint: prepared.fingerprint,
    health: {
      ...health,
      terms: entries.map((e) => e.term),
      flags: entries.map((e) => ENTRY_CATEGORIES.indexOf(e.category) * 4 + (e.ambiguous ? 2 : 0) + (e.viaContext ? 1 : 0)),
    },
    phi: prepared.phi,
  };
  return { json: JSON.stringify(json), dictionary: prepared.dictionary };
}

/** The build's two files → PreparedLexicons; null for another format (an older build's file). */
export function deserializePrepared(jsonText: string, dictionary: string): PreparedLexicons | null {
  const parsed = JSON.parse(jsonText) as PreparedJson;
  if (parsed.format !== PREPARED_FORMAT) return null;
  const { terms, flags, ...health } = parsed.health;
  const entries = terms.map((term, i): PreparedHealthEntry => {
    const flag = flags[i]!;
    return { term, category: ENTRY_CATEGORIES[flag >> 2]!, ambiguous: (flag & 2) !== 0, viaContext: (flag & 1) !== 0 };
  });
  return { format: PREPARED_FORMAT, fingerprint: parsed.fingerprint, health: { entries, ...health }, phi: parsed.phi, dictionary };
}
