import type { TextSpan } from "../../linter/src/model.js";
import type { LintSettings } from "../../linter/src/rule-api.js";
import { tokenize, type Token } from "../../linter/src/text/tokenize.js";
import { healthLexicon, type HealthCategory, type HealthHit } from "../lexicon/health-lexicon.js";

export type { HealthHit } from "../lexicon/health-lexicon.js";

const CATEGORY_NOUN: Record<HealthCategory, string> = {
  condition: "a health condition",
  medication: "a medication",
  procedure: "a condition-specific treatment or procedure",
  test: "a medical test",
};

/** "a health condition (diabetes)". */
export function describeHit(hit: HealthHit, text: string): string {
  const written = text.slice(hit.start, hit.end);
  const spelled = hit.fuzzy ? `"${written}", read as "${hit.term}"` : `"${written}"`;
  return `${CATEGORY_NOUN[hit.category]} (${spelled})`;
}

export interface SpanTerms {
  tokens: Token[];
  hits: HealthHit[];
}

/** Health terms in a span of text, with the config's lexicon additions. */
export function healthTermsIn(span: TextSpan | string, settings: LintSettings): SpanTerms {
  const tokens = tokenize(typeof span === "string" ? span : span.text);
  return { tokens, hits: healthLexicon(settings.lexicons.conditions).find(tokens) };
}

/**
 * An ambiguous imaging or lab word the reader owns, with at most one word
 * between: "your shoulder MRI", "your next X-ray" (the reviewed lexicon says
 * "your X" is medical for it). "Your guide to MRI safety" is not.
 */
export function possessedNearby(terms: SpanTerms, hit: HealthHit, settings: LintSettings): boolean {
  if (!hit.ambiguous || !healthLexicon(settings.lexicons.conditions).possessiveIsMedical(hit.term)) return false;
  const sentence = terms.tokens[hit.first]?.sentence;
  for (let i = hit.first - 1; i >= Math.max(0, hit.first - 2); i--) {
    const token = terms.tokens[i]!;
    if (token.sentence !== sentence) return false;
    if (token.norm === "your") return true;
  }
  return false;
}

/** Hits that count without further context (ambiguous words need a context phrase). */
export function definiteHits(terms: SpanTerms): HealthHit[] {
  return terms.hits.filter((h) => !h.ambiguous);
}

/** Lists terms for a message: "diabetes" or "diabetes" and "A1C". */
export function listTerms(hits: HealthHit[], text: string): string {
  const names = [...new Set(hits.map((h) => `"${text.slice(h.start, h.end)}"`))];
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
