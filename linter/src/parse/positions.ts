import { location } from "vfile-location";
import type { SourceRange } from "../model.js";

/**
 * Translates between offsets and 1-based line/column points of one source,
 * using unified's vfile-location (the same index remark uses).
 */
export class SourceIndex {
  private readonly loc: ReturnType<typeof location>;
  readonly length: number;

  constructor(readonly source: string) {
    this.loc = location(source);
    this.length = source.length;
  }

  point(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const p = this.loc.toPoint(clamped);
    if (p) return { line: p.line, column: p.column };
    // toPoint answers undefined only at the very end of the file.
    const lines = this.source.split(/\r\n|\r|\n/);
    return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
  }

  range(offset: number, endOffset: number): SourceRange {
    const start = this.point(offset);
    const end = this.point(Math.max(offset, endOffset));
    return {
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset,
      endOffset: Math.max(offset, endOffset),
    };
  }

  /** Offset of a Handlebars `loc` point (1-based line, 0-based column). */
  offsetOfHandlebars(point: { line: number; column: number }): number {
    const off = this.loc.toOffset({ line: point.line, column: point.column + 1 });
    return off ?? this.length;
  }
}
