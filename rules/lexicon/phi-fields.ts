import { PhraseMatcher } from "../../linter/src/text/phrase-matcher.js";
import { matchKey, type Token } from "../../linter/src/text/tokenize.js";
import { identifierWords } from "../../linter/src/text/words.js";
import { healthLexicon, type LexiconAdditions } from "./health-lexicon.js";
import { preparedLexicons } from "./data.js";
import type { PreparedFieldEntry } from "./prepared.js";

/** Why a placeholder path is PHI. */
export interface PhiFinding {
  kind: "identifier" | "clinical" | "condition";
  /** "a date tied to the person". */
  label: string;
  /** Safe Harbor letter for identifiers. */
  letter: string | null;
  /** The words of the path that matched. */
  words: string;
}

/** What a PHI field phrase stands for: who it must belong to, and whether the sender's data counts. */
type FieldEntry = PreparedFieldEntry;

export interface PhiFieldOptions {
  /** Report first names (`firstName`, `name.first`) too. */
  firstName: boolean;
  /** Extra words (from config `phiFields.add`). */
  add: readonly { name: string; category: string }[];
  /** Paths or words that are not PHI in this organization's data (config `phiFields.allow`). */
  allow: readonly string[];
  lexicon: LexiconAdditions;
}

const wordTokens = (words: string[]): Token[] =>
  words.map((w, i) => ({ norm: w, stem: /^[a-z]+$/.test(w) ? matchKey(w) : w, start: i, end: i + 1, kind: "word" as const, sentence: 0 }));

const phraseStems = (phrase: string) => wordTokens(identifierWords(phrase)).map((t) => t.stem);

interface PhiData {
  matcher: PhraseMatcher<FieldEntry>;
  senderOwners: Set<string>;
  personOwners: Set<string>;
  clinicalObjects: Set<string>;
  modifiers: Set<string>;
  machinery: PhraseMatcher<true>;
}

let data: PhiData | null = null;

const LINK_WORDS = new Set(["url", "uri", "link", "href", "permalink"]);
/** Safe Harbor letters a link can still carry: the person's web address (N) or photograph (Q). */
const PERSONAL_LINKS = new Set(["N", "Q"]);

/** The matchers from the prepared lexicons (see prepared.ts): no stemming, no validation here. */
function load(): PhiData {
  const phi = preparedLexicons().phi;
  const entries: FieldEntry[] = phi.entries.map((e) => ({ ...e }));
  const matcher = new PhraseMatcher<FieldEntry>();
  for (const [keys, index] of phi.fields) matcher.addJoined(keys, entries[index]!);
  const machinery = new PhraseMatcher<true>();
  for (const keys of phi.machinery) machinery.addJoined(keys, true);
  return {
    matcher,
    senderOwners: new Set(phi.senderOwners),
    personOwners: new Set(phi.personOwners),
    clinicalObjects: new Set(phi.clinicalObjects),
    modifiers: new Set(phi.modifiers),
    machinery,
  };
}

/** The words of each path segment; list elements (`[]`) are transparent. */
function segmentWords(path: readonly string[]): string[][] {
  return path.filter((s) => s !== "[]" && s !== "").map((s) => identifierWords(s).map(expandNumber));
}

// "acct_num", "memberNbr", "policy_no": a number abbreviated after the word it numbers.
const NUMBER_ABBREVIATIONS = new Set(["num", "nbr", "nr", "no"]);
function expandNumber(word: string, index: number): string {
  return index > 0 && NUMBER_ABBREVIATIONS.has(word) ? "number" : word;
}

function pathMatches(path: readonly string[], allow: readonly string[]): boolean {
  const joined = path.filter((s) => s !== "[]").join(".");
  return allow.some((a) => a === joined || joined.endsWith(`.${a}`) || identifierWords(joined).join(" ").includes(identifierWords(a).join(" ")));
}

/**
 * Decides whether a resolved placeholder path names protected health
 * information, and which kind. Whose data it is matters: `clinic.phone` and
 * `locations[].address` are the sender's, `patient.phone` and a bare
 * `{{phone}}` (the recipient) are not.
 */
export function classifyPath(path: readonly string[], options: PhiFieldOptions): PhiFinding | null {
  data ??= load();
  const lexicon = data;
  if (!path.length || pathMatches(path, options.allow)) return null;
  const segments = segmentWords(path);
  if (!segments.length) return null;
  const leafTokens = wordTokens(segments[segments.length - 1]!);
  const leafStart = segments.slice(0, -1).reduce((n, words) => n + words.length, 0);
  const allTokens = wordTokens(segments.flat());
  // A clinical record in the path (appointment.startsAt, labResults[].value), unless it belongs
  // to some other object first (pollen.allergyIndex, offers.rxTransferBonus).
  const isPatientSide = (t: Token) => lexicon.personOwners.has(t.stem) || lexicon.modifiers.has(t.stem) || lexicon.clinicalObjects.has(t.stem);
  const firstClinical = allTokens.findIndex((t) => lexicon.clinicalObjects.has(t.stem));
  const clinicalObject = firstClinical >= 0 && allTokens.slice(0, firstClinical).every(isPatientSide);
  // Mailing machinery ({{unsubscribe_url}}, subscriber.token, email_preferences) names no PHI:
  // a PHI word inside a machinery phrase does not count.
  const machinery = lexicon.machinery.matchAll(allTokens);
  const inMachinery = (first: number, last: number) => machinery.some((m) => first < m.last && m.first < last);
  // A link the sender builds ({{visit_url}}, appointment.confirmUrl) carries no data itself,
  // unless it is the person's own web address or photo (patient.photoUrl, member.profileUrl).
  const isLink = LINK_WORDS.has(leafTokens[leafTokens.length - 1]?.norm ?? "");

  /** Whose field a match at token `first` is: the words before it, qualifiers aside. */
  const ownerOf = (first: number) => {
    const owner = allTokens.slice(0, first).filter((t) => !lexicon.modifiers.has(t.stem));
    return {
      root: owner.length === 0,
      person: owner.some((t) => lexicon.personOwners.has(t.stem)),
      sender: owner.some((t) => lexicon.senderOwners.has(t.stem)),
    };
  };

  const stems = allTokens.map((t) => t.stem);
  if (!isLink) for (const extra of options.add) {
    const at = indexOfRun(stems, phraseStems(extra.name));
    if (at >= 0 && !ownerOf(at).sender) return { kind: "clinical", label: extra.category, letter: null, words: extra.name };
  }

  for (const match of lexicon.matcher.matchAll(allTokens)) {
    if (inMachinery(match.first, match.last)) continue;
    const entry = match.values[0]!;
    // The link word alone ({{contactUrl}}) says nothing of whose page it is; "photo" or "profile url" does.
    if (isLink && (!PERSONAL_LINKS.has(entry.letter ?? "") || match.first === allTokens.length - 1)) continue;
    const owner = ownerOf(match.first);
    const words = allTokens.slice(match.first, match.last).map((t) => t.norm).join(" ");
    const found: PhiFinding = { kind: entry.kind, label: entry.label, letter: entry.letter, words };
    if (owner.sender && !entry.evenForSender) continue;
    if (entry.firstName) {
      if (options.firstName && (owner.root || owner.person || clinicalObject)) return found;
      continue;
    }
    // Short or generic words (id, name, notes) need a person or a clinical record.
    // Identifiers, and clinical words with everyday senses, count at the root too,
    // where the data is the recipient's ({{email}}, {{weight}}); under any other object
    // the field is that object's (invoice.number, recipe.cholesterol, package.weight).
    if (entry.needsPerson && !(owner.person || clinicalObject)) continue;
    if (entry.patientOnly && !(owner.root || owner.person || clinicalObject)) continue;
    // At the root, an everyday-sense word must be the field itself, not an object named
    // after it: {{weight}}, but not pulse.issueNumber (a newsletter called The Pulse).
    if (entry.kind === "clinical" && entry.patientOnly && owner.root && !clinicalObject && match.first < leafStart) continue;
    return found;
  }
  const owner = ownerOf(allTokens.length - 1);
  if (owner.sender || isLink) return null;
  if (clinicalObject && !(machinery.length && machinery[0]!.first === 0)) {
    const word = allTokens[firstClinical]!.norm;
    return { kind: "clinical", label: "part of a clinical record", letter: null, words: word };
  }
  // A condition, medication or test named in a field: patient.hypertension, patient.mammogramOverdue.
  const hit = healthLexicon(options.lexicon).find(allTokens).find((h) => !h.ambiguous && !h.fuzzy);
  if (hit && (ownerOf(hit.first).person || clinicalObject)) {
    return { kind: "condition", label: `a health fact (${hit.category})`, letter: null, words: allTokens.slice(hit.first, hit.last).map((t) => t.norm).join(" ") };
  }
  return null;
}

function indexOfRun(haystack: string[], needle: string[]): number {
  if (!needle.length) return -1;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
