import { Parser } from "htmlparser2";
import type { Comment, Image, Link, Surface, TextRun, TextSpan, UrlRef } from "../model.js";
import { TemplateParseError } from "./errors.js";
import type { SourceIndex } from "./positions.js";
import { TextSpanBuilder } from "./text-span.js";

/** Where a stretch of source sits in the markup, for placing Handlebars statements. */
export interface MarkupRegion {
  start: number;
  end: number;
  kind: "attribute" | "comment" | "raw";
  element: string;
  attribute: string;
}

export interface MarkupResult {
  textRuns: TextRun[];
  links: Link[];
  images: Image[];
  urls: UrlRef[];
  surfaces: Surface[];
  comments: Comment[];
  regions: MarkupRegion[];
}

// Inline elements continue the text of the block around them ("Dia<b>betes</b>").
const INLINE_ELEMENTS = new Set([
  "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
  "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
  "var", "wbr",
]);

// Elements whose text is not body copy: CSS, scripts, head metadata.
const NON_BODY_ELEMENTS = new Set([
  "style", "script", "head", "mj-head", "mj-style", "mj-attributes", "mj-breakpoint", "mj-font", "mj-html-attributes",
  "noscript", "template", "xml",
]);

const SURFACE_ELEMENTS: Record<string, Pick<Surface, "kind" | "origin">> = {
  title: { kind: "title", origin: "title" },
  "mj-title": { kind: "title", origin: "mj-title" },
  "mj-preview": { kind: "preheader", origin: "mj-preview" },
};

const LINK_ELEMENTS: Record<string, Link["kind"]> = { a: "a", "mj-button": "mj-button", button: "button" };

// Attributes that hold a URL, whatever their value looks like.
const URL_ATTRIBUTES = new Set([
  "href", "src", "srcset", "background", "background-url", "action", "poster", "cite", "data-href", "data-src",
  "icon", "formaction", "longdesc", "usemap", "xlink:href",
]);

const MAX_NESTED_LABELS = 8;

/**
 * Deeper than any real email (table layouts nest a few dozen levels). Beyond
 * it htmlparser2 spends time in proportion to the depth on every unmatched
 * closing tag, so the linter stops with a positioned fatal message instead.
 */
export const MAX_MARKUP_NESTING = 1000;

interface OpenElement {
  name: string;
  block: boolean;
  hidden: boolean;
  link: { kind: Link["kind"]; href: UrlRef | null; start: number; label: TextSpanBuilder } | null;
  surface: { kind: Surface["kind"]; origin: Surface["origin"]; builder: TextSpanBuilder } | null;
  hiddenPreheader: TextSpanBuilder | null;
}

interface PendingAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

// One case-insensitive pass over the style attribute (email markup repeats
// long inline styles on every tag; lower-casing and stripping each was a
// twentieth of parsing). Spaces may surround the colon, as CSS allows.
const HIDING_DECLARATION = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden|max-height\s*:\s*0/i;

function isHiddenStyle(attributes: Record<string, string>): boolean {
  const style = attributes.style;
  return style !== undefined && HIDING_DECLARATION.test(style);
}

const URL_START = /\s*(https?:)?\/\//iy;

/** Whether an attribute value (source[start, end)) starts, after spaces, like an absolute or protocol-relative URL; without slicing it (style values are long). */
function startsLikeUrl(source: string, start: number, end: number): boolean {
  URL_START.lastIndex = start;
  return URL_START.test(source) && URL_START.lastIndex <= end;
}

function isPreheaderElement(attributes: Record<string, string>): boolean {
  const marker = `${attributes.class ?? ""} ${attributes.id ?? ""}`.toLowerCase();
  return /\b(preheader|preview-?text|preview)\b/.test(marker);
}

/** Locates an attribute's value inside its raw `name="value"` source. */
function valueBounds(source: string, start: number, end: number, name: string): { valueStart: number; valueEnd: number } {
  let i = start + name.length;
  while (i < end && /\s/.test(source[i]!)) i++;
  if (source[i] !== "=") return { valueStart: end, valueEnd: end };
  i++;
  while (i < end && /\s/.test(source[i]!)) i++;
  const quote = source[i];
  if (quote === '"' || quote === "'") {
    const close = source.lastIndexOf(quote, end - 1);
    return { valueStart: i + 1, valueEnd: close > i ? close : end };
  }
  let valueEnd = i;
  while (valueEnd < end && !/[\s>]/.test(source[valueEnd]!) && !(source[valueEnd] === "/" && source[valueEnd + 1] === ">")) valueEnd++;
  return { valueStart: i, valueEnd };
}

function spanOfAttribute(index: SourceIndex, source: string, attribute: PendingAttribute): TextSpan {
  const builder = new TextSpanBuilder();
  const raw = source.slice(attribute.valueStart, attribute.valueEnd);
  if (raw === attribute.value) builder.appendExact(raw, attribute.valueStart);
  else builder.appendDecoded(attribute.value, attribute.valueStart, attribute.valueEnd);
  return builder.build(index);
}

/**
 * Parses HTML or MJML structure with htmlparser2 over the masked source (the
 * Handlebars layer replaced by same-length filler), so every offset it gives
 * is an offset into the original file.
 *
 * `original` is the unmasked source: URLs keep their placeholders as written.
 */
export function parseMarkup(masked: string, original: string, index: SourceIndex, silent: readonly [number, number][] = []): MarkupResult {
  const result: MarkupResult = { textRuns: [], links: [], images: [], urls: [], surfaces: [], comments: [], regions: [] };
  const stack: OpenElement[] = [{ name: "#root", block: true, hidden: false, link: null, surface: null, hiddenPreheader: null }];
  let run = new TextSpanBuilder();
  let runElement = "#root";
  let runLinkChars = 0;
  // Measured as text is added: by the time a block closes, it is off the stack.
  let runHiddenChars = 0;
  let nonBodyDepth = 0;
  let attributes: PendingAttribute[] = [];

  // Counters and sub-stacks kept as elements open and close, so that each
  // parser event costs constant time however deep the markup nests.
  let hiddenDepth = 0;
  const blocks: OpenElement[] = [stack[0]!];
  const surfaces: OpenElement[] = [];
  const links: OpenElement[] = [];
  const preheaders: OpenElement[] = [];
  const current = () => stack[stack.length - 1]!;
  const inHidden = () => hiddenDepth > 0;
  const flushRun = () => {
    if (!run.isBlank) {
      const blockElement = runElement;
      result.textRuns.push({
        span: run.build(index),
        element: blockElement,
        inLink: blockElement === "mj-button" || blockElement === "button" || runLinkChars >= run.length,
        hidden: runHiddenChars >= run.length,
      });
    }
    run = new TextSpanBuilder();
    runLinkChars = 0;
    runHiddenChars = 0;
  };

  const parser = new Parser(
    {
      onattribute(name) {
        const start = parser.startIndex;
        const end = parser.endIndex;
        const { valueStart, valueEnd } = valueBounds(masked, start, end, name);
        attributes.push({ name, value: "", start, end, valueStart, valueEnd });
      },
      onopentag(rawName, attrs) {
        const name = rawName.toLowerCase();
        const start = parser.startIndex;
        const tagAttributes = attributes;
        attributes = [];
        for (const a of tagAttributes) a.value = attrs[a.name] ?? "";
        const block = !INLINE_ELEMENTS.has(name) && name !== "br";
        const open: OpenElement = { name, block, hidden: isHiddenStyle(attrs), link: null, surface: null, hiddenPreheader: null };

        for (const a of tagAttributes) {
          if (a.valueEnd > a.valueStart) result.regions.push({ start: a.valueStart, end: a.valueEnd, kind: "attribute", element: name, attribute: a.name });
        }
        const urlOf = (attributeName: string): UrlRef | null => {
          const a = tagAttributes.find((x) => x.name.toLowerCase() === attributeName);
          if (!a || a.valueEnd <= a.valueStart) return null;
          return { value: original.slice(a.valueStart, a.valueEnd), attribute: a.name, element: name, range: index.range(a.valueStart, a.valueEnd) };
        };
        for (const a of tagAttributes) {
          if (a.valueEnd > a.valueStart && (URL_ATTRIBUTES.has(a.name.toLowerCase()) || startsLikeUrl(original, a.valueStart, a.valueEnd))) {
            result.urls.push({ value: original.slice(a.valueStart, a.valueEnd), attribute: a.name, element: name, range: index.range(a.valueStart, a.valueEnd) });
          }
        }
        if ((name === "img" || name === "mj-image") && nonBodyDepth === 0) {
          const alt = tagAttributes.find((x) => x.name.toLowerCase() === "alt");
          result.images.push({ alt: alt ? spanOfAttribute(index, masked, alt) : null, src: urlOf("src"), range: index.range(start, parser.endIndex + 1) });
        }
        const linkKind = LINK_ELEMENTS[name];
        if (linkKind && nonBodyDepth === 0) open.link = { kind: linkKind, href: urlOf("href"), start, label: new TextSpanBuilder() };
        const surface = SURFACE_ELEMENTS[name];
        if (surface) open.surface = { ...surface, builder: new TextSpanBuilder() };
        if (!surface && isPreheaderElement(attrs) && (open.hidden || inHidden())) open.hiddenPreheader = new TextSpanBuilder();
        if (NON_BODY_ELEMENTS.has(name)) nonBodyDepth++;

        if (block) {
          flushRun();
          runElement = name;
        } else if (name === "br") {
          run.appendSeparator("\n", start);
        }
        if (name !== "br") {
          if (stack.length > MAX_MARKUP_NESTING) {
            const at = index.point(start);
            throw new TemplateParseError(
              `Elements are nested more than ${MAX_MARKUP_NESTING} deep here (unclosed tags?): the template is not linted. Close the tags, or flatten the markup.`,
              at.line,
              at.column,
            );
          }
          stack.push(open);
          if (open.hidden) hiddenDepth++;
          if (open.block) blocks.push(open);
          if (open.surface) surfaces.push(open);
          if (open.link) links.push(open);
          if (open.hiddenPreheader) preheaders.push(open);
        }
      },
      ontext(data) {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        // Text as written (no entity decoded): compared in place, not sliced, as this runs for every text node.
        const exact = data.length === end - start && masked.startsWith(data, start);
        const append = (builder: TextSpanBuilder) => {
          if (exact) builder.appendExactSkipping(data, start, silent);
          else builder.appendDecoded(data, start, end);
        };
        const surface = surfaces[surfaces.length - 1];
        if (surface?.surface) {
          append(surface.surface.builder);
          return;
        }
        if (nonBodyDepth > 0) {
          result.regions.push({ start, end, kind: "raw", element: current().name, attribute: "" });
          return;
        }
        // Text belongs to the label of every link around it; links nested deeper
        // than MAX_NESTED_LABELS (never in a real email) feed only the innermost ones.
        for (let i = Math.max(0, links.length - MAX_NESTED_LABELS); i < links.length; i++) append(links[i]!.link!.label);
        for (let i = Math.max(0, preheaders.length - MAX_NESTED_LABELS); i < preheaders.length; i++) append(preheaders[i]!.hiddenPreheader!);
        const before = run.length;
        append(run);
        if (links.length) runLinkChars += run.length - before;
        if (inHidden()) runHiddenChars += run.length - before;
      },
      oncomment() {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        result.regions.push({ start, end, kind: "comment", element: "", attribute: "" });
        const raw = original.slice(start, end);
        const text = raw.replace(/^<!--/, "").replace(/-->$/, "");
        result.comments.push({ kind: "html", text, range: index.range(start, end) });
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        const endIndex = parser.endIndex + 1;
        if (name === "br") return;
        // Close up to the matching element (htmlparser2 reports implied closes too).
        let position = -1;
        for (let i = stack.length - 1; i > 0; i--) {
          if (stack[i]!.name === name) {
            position = i;
            break;
          }
        }
        if (position < 0) return;
        while (stack.length > position) {
          const element = stack.pop()!;
          if (element.hidden) hiddenDepth--;
          if (element.block) blocks.pop();
          if (element.surface) surfaces.pop();
          if (element.link) links.pop();
          if (element.hiddenPreheader) preheaders.pop();
          if (element.link) {
            result.links.push({ kind: element.link.kind, label: element.link.label.build(index), href: element.link.href, range: index.range(element.link.start, endIndex) });
          }
          if (element.surface && !element.surface.builder.isBlank) {
            result.surfaces.push({ kind: element.surface.kind, origin: element.surface.origin, span: element.surface.builder.build(index) });
          }
          if (element.hiddenPreheader && !element.hiddenPreheader.isBlank) {
            result.surfaces.push({ kind: "preheader", origin: "hidden-preheader", span: element.hiddenPreheader.build(index) });
          }
          if (NON_BODY_ELEMENTS.has(element.name)) nonBodyDepth--;
          if (element.block) {
            flushRun();
            runElement = blocks[blocks.length - 1]?.name ?? "#root";
          }
        }
      },
    },
    { recognizeSelfClosing: true, lowerCaseAttributeNames: false, lowerCaseTags: true, decodeEntities: true },
  );
  parser.write(masked);
  parser.end();
  flushRun();
  return result;
}
