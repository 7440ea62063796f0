import type { SourceRange, TextSegment, TextSpan } from "../model.js";
import type { SourceIndex } from "./positions.js";

const NOT_SPACE = /\S/;

/**
 * Accumulates reader-visible text piece by piece while remembering where each
 * piece came from, so a match found in the text maps back to exact source
 * positions.
 */
export class TextSpanBuilder {
  private text = "";
  private readonly segments: TextSegment[] = [];

  /** Text that is the source verbatim from sourceStart. */
  appendExact(text: string, sourceStart: number): void {
    if (!text) return;
    this.segments.push({ textStart: this.text.length, length: text.length, sourceStart, sourceEnd: sourceStart + text.length, exact: true });
    this.text += text;
  }

  /**
   * Source text verbatim from sourceStart, leaving out the parts inside
   * `skip` (sorted, non-overlapping [start, end) source offsets).
   */
  appendExactSkipping(text: string, sourceStart: number, skip: readonly [number, number][]): void {
    let cursor = sourceStart;
    const end = sourceStart + text.length;
    // First range that ends after sourceStart.
    let lo = 0;
    let hi = skip.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (skip[mid]![1] <= sourceStart) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < skip.length && skip[i]![0] < end; i++) {
      const [from, to] = skip[i]!;
      if (from > cursor) this.appendExact(text.slice(cursor - sourceStart, from - sourceStart), cursor);
      cursor = Math.max(cursor, to);
    }
    if (cursor < end) this.appendExact(text.slice(cursor - sourceStart), cursor);
  }

  /** Text decoded from a source range of another length (an entity, an escape). */
  appendDecoded(text: string, sourceStart: number, sourceEnd: number): void {
    if (!text) return;
    if (text.length === sourceEnd - sourceStart) {
      this.appendExact(text, sourceStart);
      return;
    }
    this.segments.push({ textStart: this.text.length, length: text.length, sourceStart, sourceEnd, exact: false });
    this.text += text;
  }

  /**
   * Text decoded from `source` that mostly repeats it: a folded or block YAML
   * scalar, a quoted string with escapes. Each word found in the source, in
   * order, maps exactly; what lies between, and a word not found (an escape
   * inside it), maps to the source between. A finding on the third line of a
   * folded subject is then reported there, not at the `>-` that starts it.
   */
  appendAligned(text: string, source: string, sourceStart: number): void {
    let from = 0;
    let cursor = 0;
    for (const word of text.matchAll(/\S+/g)) {
      const at = source.indexOf(word[0], from);
      if (at < 0) continue;
      this.appendDecoded(text.slice(cursor, word.index), sourceStart + from, sourceStart + at);
      this.appendExact(word[0], sourceStart + at);
      from = at + word[0].length;
      cursor = word.index + word[0].length;
    }
    this.appendDecoded(text.slice(cursor), sourceStart + from, sourceStart + source.length);
  }

  /** A separator that has no source of its own (a line break between blocks). */
  appendSeparator(separator: string, atSource: number): void {
    if (!separator || this.text.endsWith(separator)) return;
    this.segments.push({ textStart: this.text.length, length: separator.length, sourceStart: atSource, sourceEnd: atSource, exact: false });
    this.text += separator;
  }

  get length(): number {
    return this.text.length;
  }

  get isBlank(): boolean {
    return !NOT_SPACE.test(this.text); // what trim() would leave, without making the trimmed copy
  }

  build(index: SourceIndex): TextSpan {
    const first = this.segments[0];
    const last = this.segments[this.segments.length - 1];
    const range = first && last ? index.range(first.sourceStart, last.sourceEnd) : index.range(0, 0);
    return { text: this.text, segments: this.segments, range };
  }
}

/** A span that is one verbatim slice of the source. */
export function exactSpan(index: SourceIndex, text: string, sourceStart: number): TextSpan {
  const builder = new TextSpanBuilder();
  builder.appendExact(text, sourceStart);
  return builder.build(index);
}

function sourceOffsetAt(span: TextSpan, textIndex: number, edge: "start" | "end"): number {
  const segs = span.segments;
  if (segs.length === 0) return span.range.offset;
  // Binary search for the segment holding textIndex.
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.textStart <= textIndex) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo]!;
  if (edge === "end" && textIndex === seg.textStart && lo > 0) {
    const prev = segs[lo - 1]!;
    return prev.sourceEnd;
  }
  if (seg.exact) return seg.sourceStart + Math.min(textIndex - seg.textStart, seg.length);
  return edge === "start" ? seg.sourceStart : seg.sourceEnd;
}

/** The source range of span.text.slice(start, end). */
export function locateInSpan(index: SourceIndex, span: TextSpan, start: number, end: number): SourceRange {
  const from = sourceOffsetAt(span, start, "start");
  const to = sourceOffsetAt(span, Math.max(start, end), "end");
  return index.range(from, Math.max(from, to));
}
