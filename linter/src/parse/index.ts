import { createRequire } from "node:module";
import type { Placeholder, Surface, SurfaceKind, TemplateFormat, TemplateModel, TextSpan } from "../model.js";
import { parseFrontMatter, startsWithFence } from "./front-matter.js";
import { parseHandlebars } from "./handlebars.js";
import type { parseMarkdown as ParseMarkdown } from "./markdown.js";
import { parseMarkup, type MarkupRegion } from "./markup.js";
import { SourceIndex } from "./positions.js";
import { locateInSpan, TextSpanBuilder } from "./text-span.js";
import { loadYaml } from "../yaml.js";

export { TemplateParseError } from "./errors.js";

/** Extensions and the format each implies; the longest match wins (`.mjml.hbs`). */
export const FORMAT_BY_EXTENSION: Record<string, TemplateFormat> = {
  ".mjml.hbs": "mjml",
  ".mjml": "mjml",
  ".html.hbs": "html",
  ".html": "html",
  ".htm": "html",
  ".hbs": "html",
  ".handlebars": "html",
  ".md.hbs": "markdown",
  ".md": "markdown",
  ".markdown": "markdown",
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function formatFromPath(filePath: string): TemplateFormat | null {
  const lower = filePath.toLowerCase();
  let best: { ext: string; format: TemplateFormat } | null = null;
  for (const [ext, format] of Object.entries(FORMAT_BY_EXTENSION)) {
    if (lower.endsWith(ext) && (!best || ext.length > best.ext.length)) best = { ext, format };
  }
  return best?.format ?? null;
}

/** Guesses a format from content when the path does not tell (stdin, the Strapi plugin). */
export function sniffFormat(source: string): TemplateFormat {
  if (/<mjml[\s>]/i.test(source)) return "mjml";
  if (/<(html|body|table|div|p|a|td)[\s>]/i.test(source)) return "html";
  return "markdown";
}

// Front matter keys read as surfaces, with the aliases in common use.
const SURFACE_KEYS: Record<string, SurfaceKind> = {
  subject: "subject",
  subjectLine: "subject",
  subject_line: "subject",
  preheader: "preheader",
  previewText: "preheader",
  preview_text: "preheader",
  preview: "preheader",
};

/** Same-length copy of `source` with only [start, end) kept: offsets stay valid. */
function isolate(source: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, " ");
  return blank(source.slice(0, start)) + source.slice(start, end) + blank(source.slice(end));
}

/**
 * The span of a front-matter value as a reader sees it once rendered: output
 * statements become PLACEHOLDER_CHAR (as in body text), statements that
 * render nothing (comments, block tags, `{{else}}`) are left out.
 */
function renderedSpan(span: TextSpan, masked: string, silent: readonly [number, number][], index: SourceIndex): TextSpan {
  const builder = new TextSpanBuilder();
  for (const seg of span.segments) {
    if (seg.exact) builder.appendExactSkipping(masked.slice(seg.sourceStart, seg.sourceEnd), seg.sourceStart, silent);
    else builder.appendDecoded(span.text.slice(seg.textStart, seg.textStart + seg.length), seg.sourceStart, seg.sourceEnd);
  }
  return builder.build(index);
}

function classify(placeholders: Placeholder[], regions: MarkupRegion[]): void {
  const sorted = [...regions].sort((a, b) => a.start - b.start);
  for (const p of placeholders) {
    if (p.context === "front-matter") continue;
    const at = p.statementRange.offset;
    // Binary search for the last region starting at or before the statement.
    let lo = 0;
    let hi = sorted.length - 1;
    let found: MarkupRegion | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start <= at) {
        found = sorted[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Regions may nest (an attribute inside a comment is not recorded), so a
    // miss on the nearest one means plain text.
    if (found && at < found.end) {
      p.context = found.kind;
      if (found.kind === "attribute") p.attribute = { element: found.element, name: found.attribute };
    }
  }
}

// The Markdown parser (unified, remark, micromark: some 50 modules) is loaded
// only when a Markdown template is linted: see loadParserFor.
let markdownParser: typeof ParseMarkdown | null = null;

/** Loads the Markdown parser; the package entry (index.ts) does this at import. */
export async function loadMarkdownParser(): Promise<void> {
  markdownParser ??= (await import("./markdown.js")).parseMarkdown;
}

/** Loads what parseTemplate needs for this source and options (the format is picked as parseTemplate picks it). */
export async function loadParserFor(input: string, options: ParseOptions = {}): Promise<void> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const format = options.format ?? formatFromPath(options.filePath ?? "<text>") ?? sniffFormat(text);
  if (format === "markdown") await loadMarkdownParser();
  if (startsWithFence(text)) await loadYaml();
}

function parseMarkdown(...args: Parameters<typeof ParseMarkdown>): ReturnType<typeof ParseMarkdown> {
  // Not preloaded (a synchronous caller): load it synchronously. Node 20.19+
  // requires ES modules without top-level await, which these are; the package
  // entry has none either, so CommonJS hosts (the Strapi plugin) can require it.
  markdownParser ??= (createRequire(import.meta.url)("./markdown.js") as { parseMarkdown: typeof ParseMarkdown }).parseMarkdown;
  return markdownParser(...args);
}

export interface ParseOptions {
  filePath?: string;
  format?: TemplateFormat;
}

/**
 * Source text → TemplateModel: front matter, then Handlebars on the raw
 * source, then markup (or Markdown) on the masked source. Throws
 * TemplateParseError with a position when the template cannot be parsed.
 */
export function parseTemplate(input: string, options: ParseOptions = {}): TemplateModel {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const filePath = options.filePath ?? "<text>";
  const format = options.format ?? formatFromPath(filePath) ?? sniffFormat(source);
  const index = new SourceIndex(source);

  const fm = parseFrontMatter(source, index);
  const bodyStart = fm?.bodyStart ?? 0;
  const body = isolate(source, bodyStart, source.length);
  const hbs = parseHandlebars(body, index);
  const markup = format === "markdown" ? parseMarkdown(hbs.masked, source, index, hbs.silent) : parseMarkup(hbs.masked, source, index, hbs.silent);

  const statements = [...hbs.statements];
  const surfaces: Surface[] = [];
  for (const entry of fm?.frontMatter.entries ?? []) {
    const kind = SURFACE_KEYS[entry.key];
    if (!kind || typeof entry.value !== "string") continue;
    const { offset, endOffset } = entry.valueRange;
    const raw = source.slice(offset, endOffset);
    const builder = new TextSpanBuilder();
    const quoted = /^["']/.test(raw) && raw.length >= 2;
    const inner = quoted ? raw.slice(1, -1) : raw;
    if (inner === entry.value) builder.appendExact(entry.value, offset + (quoted ? 1 : 0));
    else builder.appendAligned(entry.value, inner, offset + (quoted ? 1 : 0));
    let span = builder.build(index);
    if (raw.includes("{{")) {
      try {
        const inValue = parseHandlebars(isolate(source, offset, endOffset), index, "front-matter");
        statements.push(...inValue.statements);
        span = renderedSpan(span, inValue.masked, inValue.silent, index);
      } catch {
        // A subject that is not valid Handlebars is still linted as text.
      }
    }
    surfaces.push({ kind, origin: "front-matter", span });
  }
  surfaces.push(...markup.surfaces);

  const placeholders = statements.flatMap((s) => s.placeholders);
  classify(placeholders, markup.regions);

  const model: TemplateModel = {
    filePath,
    format,
    source,
    frontMatter: fm?.frontMatter ?? null,
    surfaces,
    statements,
    placeholders,
    textRuns: markup.textRuns,
    links: markup.links,
    images: markup.images,
    urls: markup.urls,
    comments: [...(fm?.comments ?? []), ...hbs.comments, ...markup.comments].sort((a, b) => a.range.offset - b.range.offset),
    partials: hbs.partials,
    rangeOf: (offset, endOffset) => index.range(offset, endOffset),
    locate: (span, start, end) => locateInSpan(index, span, start, end),
  };
  return model;
}
