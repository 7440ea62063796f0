import type { Comment, FrontMatter, FrontMatterEntry } from "../model.js";
import type { SourceIndex } from "./positions.js";
import { TemplateParseError } from "./errors.js";
import { yaml } from "../yaml.js";


export interface FrontMatterBlock {
  frontMatter: FrontMatter;
  /** Offset where the template body starts (after the closing `---` line). */
  bodyStart: number;
  /** Whole-line `# …` comments, where directives may stand. */
  comments: Comment[];
}

function yamlComments(source: string, start: number, end: number, index: SourceIndex): Comment[] {
  const comments: Comment[] = [];
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = source.indexOf("\n", lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, "");
    const hash = line.search(/\S/);
    if (hash >= 0 && line[hash] === "#") {
      comments.push({ kind: "yaml", text: line.slice(hash + 1), range: index.range(lineStart + hash, lineStart + line.length) });
    }
    lineStart = lineEnd + 1;
  }
  return comments;
}

/** Where the opening `---` line ends, or -1 when the source does not open with one. */
function openingFenceEnd(source: string): number {
  const firstBreak = source.search(/\r\n|\r|\n/);
  return firstBreak >= 0 && source.slice(0, firstBreak).trimEnd() === "---" ? firstBreak : -1;
}

/** Whether the source opens with a `---` line (closed or not): then parsing needs the YAML parser. */
export const startsWithFence = (source: string): boolean => openingFenceEnd(source) >= 0;

/** Offsets of a front-matter block: its YAML between the fences, and where the body starts. */
interface Fence {
  contentStart: number;
  contentEnd: number;
  bodyStart: number;
}

/**
 * The YAML between the fences. The YAML parser reads a lone CR (old Mac line
 * endings) as part of a line; the fence scan and every position treat it as
 * a line break, so this does too (same length: offsets are unchanged).
 */
function yamlTextOf(source: string, fence: Fence): string {
  return source.slice(fence.contentStart, fence.contentEnd).replace(/\r(?!\n)/g, "\n");
}

// `---` alone on the first line, then YAML, then `---` (or `...`) alone on a line.
// Scanned line by line rather than with one regular expression, so that a
// file with an opening fence and no closing one costs linear time.
function findFence(source: string): Fence | null {
  const firstBreak = openingFenceEnd(source);
  if (firstBreak < 0) return null;
  const breakLength = source.startsWith("\r\n", firstBreak) ? 2 : 1;
  const contentStart = firstBreak + breakLength;
  let lineStart = contentStart;
  while (lineStart <= source.length) {
    let lineEnd = lineStart;
    while (lineEnd < source.length && source[lineEnd] !== "\n" && source[lineEnd] !== "\r") lineEnd++;
    const line = source.slice(lineStart, lineEnd).trimEnd();
    const next = lineEnd + (source.startsWith("\r\n", lineEnd) ? 2 : lineEnd < source.length ? 1 : 0);
    if (line === "---" || line === "...") return { contentStart, contentEnd: lineStart, bodyStart: next };
    if (lineEnd >= source.length) break;
    lineStart = next;
  }
  return null;
}

/**
 * One line of the simplest front matter, the kind the Strapi plugin writes
 * for every campaign: `key: "value"`, a plain key and a double-quoted value
 * with JSON's escapes (YAML 1.2 reads them the same way) and only
 * characters YAML prints as they are. Anything else goes to the YAML parser.
 */
const SIMPLE_LINE =
  /^([A-Za-z_][A-Za-z0-9_-]*): +("(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")[ \t]*\r?$/;
/** Plain scalars that YAML reads as something other than their text. */
const SPECIAL_KEYS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/** Entries of front matter made only of SIMPLE_LINEs (and blank lines), as the YAML parser would read them; null when it is not. */
function simpleEntries(yamlText: string, contentStart: number, index: SourceIndex): { data: Record<string, unknown>; entries: FrontMatterEntry[] } | null {
  const data: Record<string, unknown> = {};
  const entries: FrontMatterEntry[] = [];
  let lineStart = 0;
  while (lineStart < yamlText.length) {
    let lineEnd = yamlText.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = yamlText.length;
    const line = yamlText.slice(lineStart, lineEnd);
    if (/\S/.test(line)) {
      const match = SIMPLE_LINE.exec(line);
      if (!match || SPECIAL_KEYS.has(match[1]!)) return null;
      const key = match[1]!;
      const quoted = match[2]!;
      const value = JSON.parse(quoted) as string;
      const keyStart = contentStart + lineStart;
      const valueStart = keyStart + line.indexOf('"', key.length);
      data[key] = value;
      entries.push({ key, value, keyRange: index.range(keyStart, keyStart + key.length), valueRange: index.range(valueStart, valueStart + quoted.length) });
    }
    lineStart = lineEnd + 1;
  }
  return { data, entries };
}

/** Parses YAML front matter with a real YAML parser, keeping each key's position. */
export function parseFrontMatter(source: string, index: SourceIndex): FrontMatterBlock | null {
  const fence = findFence(source);
  if (!fence) return null;
  const yamlText = yamlTextOf(source, fence);
  const simple = simpleEntries(yamlText, fence.contentStart, index);
  if (simple) {
    return {
      frontMatter: { data: simple.data, entries: simple.entries, range: index.range(0, fence.bodyStart) },
      bodyStart: fence.bodyStart,
      comments: [],
    };
  }
  return parseWithYaml(source, index, fence, yamlText);
}

/** parseFrontMatter without the fast path for simple front matter: the reference its tests compare with. */
export function parseFrontMatterWithYaml(source: string, index: SourceIndex): FrontMatterBlock | null {
  const fence = findFence(source);
  if (!fence) return null;
  return parseWithYaml(source, index, fence, yamlTextOf(source, fence));
}

function parseWithYaml(source: string, index: SourceIndex, fence: Fence, yamlText: string): FrontMatterBlock {
  const { LineCounter, isMap, isScalar, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = fence.contentStart + (firstError.pos?.[0] ?? 0);
    const point = index.point(at);
    throw new TemplateParseError(`Invalid YAML front matter: ${firstError.message.split("\n")[0]}`, point.line, point.column);
  }
  const entries: FrontMatterEntry[] = [];
  const data: Record<string, unknown> = {};
  const contents = doc.contents;
  if (contents && !isMap(contents) && !(isScalar(contents) && contents.value == null)) {
    const point = index.point(fence.contentStart);
    throw new TemplateParseError("Front matter must be a YAML mapping of keys to values", point.line, point.column);
  }
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyNode = pair.key as { range?: [number, number, number] } | null;
      const valueNode = pair.value as { range?: [number, number, number]; toJSON?: () => unknown } | null;
      const keyStart = fence.contentStart + (keyNode?.range?.[0] ?? 0);
      const keyEnd = fence.contentStart + (keyNode?.range?.[1] ?? 0);
      const valueStart = valueNode?.range ? fence.contentStart + valueNode.range[0] : keyEnd;
      const valueEnd = valueNode?.range ? fence.contentStart + valueNode.range[1] : keyEnd;
      const value = isScalar(valueNode) ? valueNode.value : valueNode && typeof valueNode.toJSON === "function" ? valueNode.toJSON() : null;
      data[key] = value;
      entries.push({ key, value, keyRange: index.range(keyStart, keyEnd), valueRange: index.range(valueStart, valueEnd) });
    }
  }
  return {
    frontMatter: { data, entries, range: index.range(0, fence.bodyStart) },
    bodyStart: fence.bodyStart,
    comments: yamlComments(source, fence.contentStart, fence.contentEnd, index),
  };
}
