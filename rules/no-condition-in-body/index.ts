import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import type { Token } from "../../linter/src/text/tokenize.js";
import { healthLexicon } from "../lexicon/health-lexicon.js";
import { describeHit, healthTermsIn, type HealthHit } from "../lib/health-text.js";

/*
 * General education ("heart disease is the leading cause of death") is fine;
 * what discloses PHI is text that ties a condition to the reader. A hit
 * counts when, in the same sentence, it is
 *   - possessed by the reader: "your chemotherapy", "your recent colonoscopy",
 *     "your HIV test result" (a few modifiers may stand between), or
 *   - the object of an attribution: "diagnosed with", "living with",
 *     "treated for", "you have", "you are managing", "keep taking", or
 *   - a description of the reader: "you're 12 weeks pregnant", "as a
 *     diabetic, you…".
 * "As someone living with HIV" addresses the reader with no "you" at all.
 */

// Words that may stand between "your" and the term: "your recent chemo", "your next infusion".
const MODIFIERS = new Set([
  "recent", "latest", "last", "next", "upcoming", "current", "ongoing", "new", "scheduled", "prescribed", "daily",
  "weekly", "monthly", "first", "second", "third", "final", "remaining", "pending", "own", "planned", "regular",
  "type", "stage", "early", "advanced", "chronic", "severe", "mild", "continued", "follow", "up", "home", "annual",
  // "your child's ADHD medication": the PHI of someone in the reader's care.
  "child", "children", "son", "daughter", "baby", "kid", "kids", "teen", "spouse", "partner", "parent", "mom", "dad",
  "husband", "wife", "loved", "one",
  // "your total knee replacement", "your outpatient surgery".
  "total", "partial", "minor", "major", "outpatient", "inpatient",
]);

// Attribution phrases, as word sequences (normalized forms); the term must follow within a few words.
const ATTRIBUTIONS = [
  "diagnosed with", "diagnosis of", "diagnoses of", "living with", "live with", "lives with", "treated for", "treatment for",
  "suffering from", "suffer from", "recovering from", "recovery from", "your history of", "have a history of", "with a history of",
  "you have", "youve", "you had",
  "you are managing", "youre managing", "you manage", "managing your", "taking your", "keep taking", "you take",
  "you are taking", "youre taking", "you were", "you are on", "youre on", "you are someone with", "youre someone with",
  "puts you in", "you are in", "youre in", "you need", "you are due for", "youre due for", "you are receiving", "youre receiving",
  "you are undergoing", "youre undergoing", "you have been", "youve been", "your diagnosis", "you also have",
  "you still have", "you now have", "you currently have", "you were recently", "you recently", "patient with",
  "patient living with", "patients like you with", "prescription for", "prescriptions for", "refill of", "eligible for",
  "enrolled in", "you qualify for", "you are eligible for", "youre eligible for", "you missed", "completed treatment for",
  "you filled", "you refilled", "you picked up", "you started", "you were prescribed", "youve been prescribed",
  // "your first shipment of Humira", "your next dose of Ozempic".
  "shipment of", "supply of", "dose of", "order of",
  "you are going through", "youre going through", "you are experiencing", "youre experiencing", "you told us",
  // Someone in the reader's care: "because your child has asthma".
  "child has", "son has", "daughter has", "baby has", "teen has", "child was diagnosed with",
].map((p) => p.split(" "));

// How far before the term an attribution may end, in words.
const WINDOW = 8;

// Attributions so loose that only a few words may stand between them and the term:
// "because you have COPD", "you have type 2 diabetes", but not "you have until Friday to
// register for the diabetes class", "everything you need to know about measles".
const TIGHT_ATTRIBUTIONS = new Set(["you have", "youve", "you had", "you need", "you also have", "you still have", "you now have", "you currently have"]);
const TIGHT_GAP = 3;
const DID_YOU_KNOW = ["did", "you", "know"];

// Phrases that address the reader without a "you" in the sentence: "As someone living with HIV, staying in care…".
const SELF_ADDRESSED = [
  "as someone with", "as someone living with", "as someone managing", "as a person with", "as a person living with",
  "as a patient with", "as an adult with", "as a survivor of",
].map((p) => p.split(" "));
// How far before the term a self-addressed phrase may end: "as someone living with type 2 diabetes".
const SELF_ADDRESSED_WINDOW = 3;

// The reader described by the condition: "you are pregnant", "you're 12 weeks pregnant", "as a diabetic".
// Only words like these may stand between the phrase and the term ("you are invited to a diabetes class" is not this).
const DESCRIBED_AS = [["you", "are"], ["youre"], ["you", "were"], ["as", "a"], ["as", "an"]];
const DESCRIBED_GAP = new Set(["a", "an", "now", "currently", "still", "newly", "recently", "also"]);
// After "as a TERM", the term must describe a person: a clause ends, or a person noun follows ("as a cancer survivor").
const PERSON_NOUNS = new Set([
  "patient", "patients", "survivor", "survivors", "person", "sufferer", "adult", "woman", "man", "mom", "mother", "dad",
  "father", "parent", "kid", "child", "teen", "senior", "veteran",
]);
// A role after the term is a job or a place, not a condition: "if you are a dialysis nurse".
const ROLE_NOUNS = new Set([
  "nurse", "nurses", "technician", "tech", "specialist", "doctor", "physician", "provider", "therapist", "educator",
  "counselor", "worker", "volunteer", "professional", "coordinator", "researcher", "advocate", "center", "clinic", "program",
]);
// After "As a TERM, …" the clause must be about the reader, not someone named: "As a leukemia survivor, our founder…".
const THIRD_PERSON = new Set(["our", "she", "he", "they", "we", "her", "his", "their", "the", "dr", "mr", "mrs", "ms", "i", "my"]);

const SECOND_PERSON = new Set(["you", "your", "yours", "youre", "youve", "youd", "youll", "yourself"]);

function isSecondPerson(token: Token | undefined): boolean {
  return Boolean(token && (token.norm === "your" || token.norm === "yours"));
}

/** Whether `phrase` stands in the sentence's tokens ending just before `end`. */
function phraseEndsAt(tokens: readonly Token[], phrase: readonly string[], end: number, sentence: number): boolean {
  const start = end - phrase.length;
  if (start < 0) return false;
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[start + k]!;
    if (token.sentence !== sentence || token.norm !== phrase[k]) return false;
  }
  return true;
}

/**
 * What the checks below need about the tokens, computed once per run so that
 * each hit costs constant time (a run with thousands of terms stays linear).
 */
interface RunIndex {
  /** For each token, the hit covering it (hits never overlap), or undefined. */
  hitAt: (HealthHit | undefined)[];
  /** Sentences that contain a second-person word. */
  secondPerson: Set<number>;
  /** First and last token index of each sentence. */
  bounds: Map<number, [number, number]>;
}

function indexRun(tokens: readonly Token[], hits: readonly HealthHit[]): RunIndex {
  const hitAt: (HealthHit | undefined)[] = new Array(tokens.length);
  for (const h of hits) for (let i = h.first; i < h.last; i++) hitAt[i] = h;
  const secondPerson = new Set<number>();
  const bounds = new Map<number, [number, number]>();
  tokens.forEach((t, i) => {
    if (SECOND_PERSON.has(t.norm)) secondPerson.add(t.sentence);
    const b = bounds.get(t.sentence);
    if (b) b[1] = i;
    else bounds.set(t.sentence, [i, i]);
  });
  return { hitAt, secondPerson, bounds };
}

/** "your [modifiers or other terms] TERM", or a context phrase that speaks to the reader ("after your surgery", "you're pregnant"). */
function possessed(tokens: readonly Token[], hit: HealthHit, run: RunIndex): boolean {
  for (let k = hit.first; k < hit.last; k++) if (SECOND_PERSON.has(tokens[k]!.norm)) return true;
  let i = hit.first - 1;
  let skipped = 0;
  while (i >= 0 && skipped <= 3) {
    const token = tokens[i]!;
    if (token.sentence !== tokens[hit.first]!.sentence) return false;
    if (isSecondPerson(token)) return true;
    const other = run.hitAt[i];
    const inOtherHit = other !== undefined && other !== hit;
    if (!MODIFIERS.has(token.norm) && token.kind !== "number" && !inOtherHit) return false;
    i--;
    skipped++;
  }
  return false;
}

/**
 * An attribution phrase ending shortly before the term, in a sentence that
 * speaks to the reader ("One in eight women will be diagnosed with breast
 * cancer" is education, not attribution).
 */
function attributed(tokens: readonly Token[], hit: HealthHit, run: RunIndex): boolean {
  const sentence = tokens[hit.first]!.sentence;
  for (let end = hit.first; end > Math.max(0, hit.first - SELF_ADDRESSED_WINDOW); end--) {
    if (SELF_ADDRESSED.some((phrase) => phraseEndsAt(tokens, phrase, end, sentence))) return true;
  }
  if (!run.secondPerson.has(sentence)) return false;
  // "Did you know the first insulin treatment for diabetes…": a question of history, asked of everyone.
  const [first] = run.bounds.get(sentence)!;
  if (phraseEndsAt(tokens, DID_YOU_KNOW, first + DID_YOU_KNOW.length, sentence)) return false;
  const from = Math.max(0, hit.first - WINDOW);
  for (let end = hit.first; end > from; end--) {
    const phrase = ATTRIBUTIONS.find((p) => phraseEndsAt(tokens, p, end, sentence));
    if (!phrase) continue;
    if (!TIGHT_ATTRIBUTIONS.has(phrase.join(" "))) return true;
    if (hit.first - end <= TIGHT_GAP && tokens.slice(end, hit.first).every((t) => isGapWord(t) || t.norm === "the" || MODIFIERS.has(t.norm))) return true;
  }
  return false;
}

/**
 * "you are pregnant", "you're 12 weeks pregnant", "as a diabetic, …", "as a
 * cancer survivor": the term describes the reader. Only a few words may
 * stand between, and after "as a" the term must name a person.
 */
function describesReader(tokens: readonly Token[], hit: HealthHit, run: RunIndex, text: string): boolean {
  const sentence = tokens[hit.first]!.sentence;
  // The phrase may end at the term or before any of the gap words ("a" is both: "you are a diabetic", "as a diabetic").
  let phrase: string[] | undefined;
  for (let end = hit.first; !phrase && end > 0; end--) {
    phrase = DESCRIBED_AS.find((p) => phraseEndsAt(tokens, p, end, sentence));
    if (tokens[end - 1]!.sentence !== sentence || !isGapWord(tokens[end - 1]!)) break;
  }
  if (!phrase) return false;
  const next = tokens[hit.last];
  const sameSentence = next !== undefined && next.sentence === sentence;
  if (sameSentence && ROLE_NOUNS.has(next.norm)) return false;
  if (phrase[0] !== "as") return true;
  // "As a diabetic, you…" speaks to the reader; "As a cancer center, we…" does not.
  if (!run.secondPerson.has(sentence)) return false;
  if (!sameSentence) return true;
  if (PERSON_NOUNS.has(next.norm)) return clauseIsTheReader(tokens, hit.last + 1, sentence, text);
  const between = text.slice(tokens[hit.last - 1]!.end, next.start);
  return /[,;:—–]/.test(between) && clauseIsTheReader(tokens, hit.last, sentence, text);
}

/** Whether the clause after "As a TERM," is about the reader: "you…", "staying on top of your numbers", not "our founder…". */
function clauseIsTheReader(tokens: readonly Token[], at: number, sentence: number, text: string): boolean {
  // Skip to the first word after the comma ("As a cancer survivor, …").
  let i = at;
  while (i < tokens.length && tokens[i]!.sentence === sentence && !/[,;:—–]/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start))) i++;
  const first = tokens[i];
  if (!first || first.sentence !== sentence) return true;
  if (SECOND_PERSON.has(first.norm)) return true;
  // A name ("race founder Dana Ruiz thanks you") or a third person in its first words: a clause about someone else.
  for (let k = i; k < Math.min(tokens.length, i + 4) && tokens[k]!.sentence === sentence; k++) {
    const token = tokens[k]!;
    if (SECOND_PERSON.has(token.norm)) return true;
    if (THIRD_PERSON.has(token.norm) || /^\p{Lu}/u.test(text.slice(token.start, token.end))) return false;
  }
  return true;
}

/** "As a new mom with postpartum depression, you…": "as a/an", a few words, then "with" just before the term. */
function describedWith(tokens: readonly Token[], hit: HealthHit, run: RunIndex, text: string): boolean {
  const sentence = tokens[hit.first]!.sentence;
  const withAt = hit.first - 1;
  if (withAt < 2 || tokens[withAt]!.norm !== "with" || !run.secondPerson.has(sentence)) return false;
  for (let k = withAt - 1; k >= Math.max(1, withAt - 4); k--) {
    if (tokens[k]!.sentence !== sentence) return false;
    if (tokens[k - 1]!.norm === "as" && (tokens[k]!.norm === "a" || tokens[k]!.norm === "an")) return clauseIsTheReader(tokens, hit.last, sentence, text);
  }
  return false;
}

function isGapWord(token: Token): boolean {
  return token.kind === "number" || token.kind === "placeholder" || DESCRIBED_GAP.has(token.norm);
}

export default defineRule({
  meta: {
    id: "no-condition-in-body",
    description: "Body text must not tie a condition, medication, treatment or test result to the reader",
    docsUrl: docsUrl("no-condition-in-body"),
    source: "45 CFR 164.502(a) and 164.514(b) (uses and disclosures; de-identification); 45 CFR 164.508(a)(3) (marketing)",
    defaultSeverity: "warn",
    scope: "line",
    options: z.strictObject({}).default({}),
  },
  check({ model, settings, report }) {
    const lexicon = healthLexicon(settings.lexicons.conditions);
    for (const run of model.textRuns) {
      // A button or link label is a call to action: generic-cta reports it.
      if (run.inLink) continue;
      const { tokens, hits } = healthTermsIn(run.span, settings);
      if (!hits.length) continue;
      const index = indexRun(tokens, hits);
      const reportedSentences = new Set<number>();
      for (const hit of hits) {
        const sentence = tokens[hit.first]!.sentence;
        if (reportedSentences.has(sentence)) continue;
        if (hit.ambiguous) {
          // A bare everyday word ("cold", "stroke") counts only through its context
          // phrases ("treated for depression"), or possessed by the reader where the
          // reviewed lexicon says "your X" is medical ("your recent MRI").
          if (!(lexicon.possessiveIsMedical(hit.term) && possessed(tokens, hit, index))) continue;
        } else if (!attributed(tokens, hit, index) && !possessed(tokens, hit, index) && !describesReader(tokens, hit, index, run.span.text) && !describedWith(tokens, hit, index, run.span.text)) continue;
        const text = run.span.text;
        report({
          message:
            `This text ties ${describeHit(hit, text)} to the reader: an email that says what a patient has or takes discloses PHI to anyone who reads it. ` +
            "Write for everyone who receives the campaign (\"Managing a chronic condition? Our classes can help\") and keep personal details in the patient portal.",
          range: model.locate(run.span, hit.start, hit.end),
          surface: run.hidden ? "preheader" : "body",
          subject: sentenceOf(text, tokens, hit, index),
        });
        reportedSentences.add(sentence);
      }
    }
  },
});

/** The sentence around a hit, for the approval fingerprint. */
function sentenceOf(text: string, tokens: readonly Token[], hit: HealthHit, run: RunIndex): string {
  const [first, last] = run.bounds.get(tokens[hit.first]!.sentence)!;
  return text.slice(tokens[first]!.start, tokens[last]!.end);
}
