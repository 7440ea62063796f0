import { createHash } from "node:crypto";
import type { SourceRange, TemplateModel } from "../model.js";
import type { Report } from "../rule-api.js";

/**
 * A finding's fingerprint, which approvals match on: a hash of the rule id,
 * the surface, the flagged text and the source of its enclosing node (the
 * subject, preheader or title it sits in; the paragraph, link or front-matter
 * entry). Not the line: an edit elsewhere in the file keeps it; any change
 * to the approved text or the node around it changes it. A file-level
 * finding (something missing, no range) is fingerprinted by its rule and
 * surface alone.
 */
export function fingerprintOf(ruleId: string, report: Report, model: TemplateModel): string {
  const located = report.range ? model.source.slice(report.range.offset, report.range.endOffset) : "";
  const flagged = normalizeFlagged(report.subject ?? located);
  const enclosing = report.range ? enclosingDigest(model, report.range) : "";
  return createHash("sha256").update(`${ruleId}\u0000${report.surface}\u0000${flagged}\u0000${enclosing}`).digest("hex").slice(0, 32);
}

interface ModelIndex {
  candidates: SourceRange[];
  /** Digest of each enclosing node's normalized source, computed once per node. */
  digests: Map<SourceRange, string>;
}

// Per model, so that many findings in one large node cost one pass over it, not one each.
const indexes = new WeakMap<TemplateModel, ModelIndex>();

function modelIndex(model: TemplateModel): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    index = { candidates: candidateRanges(model), digests: new Map() };
    indexes.set(model, index);
  }
  return index;
}

/** A digest of the enclosing node's normalized source ("" when no node encloses the range). */
function enclosingDigest(model: TemplateModel, range: SourceRange): string {
  const index = modelIndex(model);
  const node = smallestEnclosing(index.candidates, range);
  if (!node) return "";
  let digest = index.digests.get(node);
  if (digest === undefined) {
    digest = createHash("sha256").update(normalizeEnclosing(model.source.slice(node.offset, node.endOffset))).digest("hex");
    index.digests.set(node, digest);
  }
  return digest;
}

function smallestEnclosing(candidates: readonly SourceRange[], range: SourceRange): SourceRange | null {
  let best: SourceRange | null = null;
  for (const candidate of candidates) {
    if (candidate.offset > range.offset || candidate.endOffset < range.endOffset) continue;
    if (!best || candidate.endOffset - candidate.offset < best.endOffset - best.offset) best = candidate;
  }
  return best;
}

/** The flagged text, as rules compare it: NFKC, whitespace collapsed, lower case. */
export function normalizeFlagged(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * The enclosing node's source with whitespace collapsed (reflowing or
 * re-indenting a paragraph keeps an approval) but case and markup kept: what
 * a reviewer approved is that exact wording.
 */
export function normalizeEnclosing(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** The ranges of the model's nodes that may enclose a finding. */
function candidateRanges(model: TemplateModel): SourceRange[] {
  const ranges: SourceRange[] = [];
  for (const surface of model.surfaces) ranges.push(surface.span.range);
  for (const run of model.textRuns) ranges.push(run.span.range);
  for (const link of model.links) ranges.push(link.range);
  for (const image of model.images) ranges.push(image.range);
  for (const url of model.urls) ranges.push(url.range);
  for (const entry of model.frontMatter?.entries ?? []) ranges.push(model.rangeOf(entry.keyRange.offset, entry.valueRange.endOffset));
  return ranges;
}

/**
 * The source of the smallest node that contains the range, or "" when none
 * does (then the flagged text alone identifies the finding).
 */
export function enclosingSource(model: TemplateModel, range: SourceRange): string {
  const best = smallestEnclosing(modelIndex(model).candidates, range);
  return best ? model.source.slice(best.offset, best.endOffset) : "";
}
