import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Image, Link, TextRun, UrlRef } from "../model.js";
import { parseMarkup, type MarkupResult } from "./markup.js";
import type { SourceIndex } from "./positions.js";
import { TextSpanBuilder } from "./text-span.js";

interface MdPoint {
  offset?: number;
}
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  alt?: string | null;
  identifier?: string;
  children?: MdNode[];
  position?: { start: MdPoint; end: MdPoint };
}

const TEXT_BLOCKS = new Set(["paragraph", "heading", "tableCell"]);
const processor = unified().use(remarkParse);

const startOf = (node: MdNode) => node.position?.start.offset ?? 0;
const endOf = (node: MdNode) => node.position?.end.offset ?? startOf(node);

/**
 * Finds the destination of `[label](url "title")` or `![alt](url)` inside
 * the node's raw source: a scan, since mdast keeps the decoded URL only.
 */
function destinationBounds(source: string, node: MdNode): { start: number; end: number } | null {
  const from = startOf(node);
  const to = endOf(node);
  if (source[to - 1] !== ")") return null;
  // The label's closing bracket is the last "](" whose parenthesis closes at the end.
  let depth = 0;
  let open = -1;
  for (let i = to - 1; i > from; i--) {
    const ch = source[i];
    if (ch === ")") depth++;
    else if (ch === "(") {
      depth--;
      if (depth === 0 && source[i - 1] === "]") {
        open = i;
        break;
      }
    }
  }
  if (open < 0) return null;
  let start = open + 1;
  while (start < to && /\s/.test(source[start]!)) start++;
  if (source[start] === "<") {
    const close = source.indexOf(">", start);
    return close > 0 && close < to ? { start: start + 1, end: close } : null;
  }
  let end = start;
  let parens = 0;
  while (end < to - 1) {
    const ch = source[end]!;
    if (/\s/.test(ch)) break;
    if (ch === "(") parens++;
    if (ch === ")") {
      if (parens === 0) break;
      parens--;
    }
    end++;
  }
  return { start, end };
}

/** Parses Markdown (masked as for markup) with unified + remark-parse. */
export function parseMarkdown(masked: string, original: string, index: SourceIndex, silent: readonly [number, number][] = []): MarkupResult {
  const tree = processor.parse(masked) as unknown as MdNode;
  const textRuns: TextRun[] = [];
  const links: Link[] = [];
  const images: Image[] = [];
  const urls: UrlRef[] = [];
  const htmlRanges: [number, number][] = [];
  const definitions = new Map<string, UrlRef>();
  const pendingReferences: { node: MdNode; label: TextSpanBuilder }[] = [];
  const altRegions: MarkupResult["regions"] = [];

  const urlRef = (node: MdNode, attribute: string, element: string): UrlRef | null => {
    const bounds = destinationBounds(original, node);
    if (!bounds || bounds.end <= bounds.start) return null;
    return { value: original.slice(bounds.start, bounds.end), attribute, element, range: index.range(bounds.start, bounds.end) };
  };

  const appendText = (builder: TextSpanBuilder, node: MdNode) => {
    const value = node.value ?? "";
    const start = startOf(node);
    const end = endOf(node);
    if (masked.slice(start, end) === value) builder.appendExactSkipping(value, start, silent);
    else builder.appendDecoded(value, start, end);
  };

  /** Collects a block's inline text into the run (and into the labels of enclosing links). */
  const collectInline = (node: MdNode, builders: TextSpanBuilder[], linkDepth: { chars: number }) => {
    for (const child of node.children ?? []) {
      switch (child.type) {
        case "text": {
          const before = builders[0]!.length;
          for (const b of builders) appendText(b, child);
          if (builders.length > 1) linkDepth.chars += builders[0]!.length - before;
          break;
        }
        case "break":
          for (const b of builders) b.appendSeparator("\n", startOf(child));
          break;
        case "html":
          htmlRanges.push([startOf(child), endOf(child)]);
          break;
        case "link":
        case "linkReference": {
          const label = new TextSpanBuilder();
          collectInline(child, [...builders, label], linkDepth);
          if (child.type === "link") {
            const href = urlRef(child, "markdown-link", "a");
            if (href) urls.push(href);
            links.push({ kind: "markdown", label: label.build(index), href, range: index.range(startOf(child), endOf(child)) });
          } else {
            pendingReferences.push({ node: child, label });
          }
          break;
        }
        case "image":
        case "imageReference": {
          const alt = new TextSpanBuilder();
          const altText = child.alt ?? "";
          const altStart = startOf(child) + 2;
          // mdast's alt comes from the masked source: compare it there.
          if (masked.slice(altStart, altStart + altText.length) === altText) {
            alt.appendExact(altText, altStart);
            if (altText) altRegions.push({ start: altStart, end: altStart + altText.length, kind: "attribute", element: "img", attribute: "alt" });
          } else alt.appendDecoded(altText, startOf(child), endOf(child));
          const src = child.type === "image" ? urlRef(child, "markdown-image", "img") : null;
          if (src) urls.push(src);
          images.push({ alt: altText ? alt.build(index) : null, src, range: index.range(startOf(child), endOf(child)) });
          break;
        }
        case "inlineCode":
          break;
        default:
          collectInline(child, builders, linkDepth);
      }
    }
  };

  const visitBlock = (node: MdNode) => {
    if (node.type === "html") {
      htmlRanges.push([startOf(node), endOf(node)]);
      return;
    }
    if (node.type === "definition") {
      const bounds = definitionBounds(original, node);
      if (bounds) {
        const ref: UrlRef = { value: original.slice(bounds.start, bounds.end), attribute: "markdown-definition", element: "a", range: index.range(bounds.start, bounds.end) };
        urls.push(ref);
        definitions.set(node.identifier ?? "", ref);
      }
      return;
    }
    if (node.type === "code" || node.type === "yaml") return;
    if (TEXT_BLOCKS.has(node.type)) {
      const run = new TextSpanBuilder();
      const linkChars = { chars: 0 };
      collectInline(node, [run], linkChars);
      if (!run.isBlank) textRuns.push({ span: run.build(index), element: node.type, inLink: linkChars.chars >= run.length, hidden: false });
      return;
    }
    for (const child of node.children ?? []) visitBlock(child);
  };
  visitBlock(tree);

  for (const { node, label } of pendingReferences) {
    links.push({ kind: "markdown", label: label.build(index), href: definitions.get(node.identifier ?? "") ?? null, range: index.range(startOf(node), endOf(node)) });
  }

  // Raw HTML inside Markdown: one htmlparser2 pass over just those stretches.
  const html: MarkupResult | null = htmlRanges.length ? parseMarkup(keepOnly(masked, htmlRanges), original, index, silent) : null;
  return {
    textRuns: [...textRuns, ...(html?.textRuns ?? [])],
    links: [...links, ...(html?.links ?? [])],
    images: [...images, ...(html?.images ?? [])],
    urls: [...urls, ...(html?.urls ?? [])],
    surfaces: html?.surfaces ?? [],
    comments: html?.comments ?? [],
    regions: [
      ...urls.map((u) => ({ start: u.range.offset, end: u.range.endOffset, kind: "attribute" as const, element: u.element, attribute: u.element === "img" ? "src" : "href" })),
      ...altRegions,
      ...(html?.regions ?? []),
    ],
  };
}

function definitionBounds(source: string, node: MdNode): { start: number; end: number } | null {
  const from = startOf(node);
  const to = endOf(node);
  const colon = source.indexOf("]:", from);
  if (colon < 0 || colon >= to) return null;
  let start = colon + 2;
  while (start < to && /\s/.test(source[start]!)) start++;
  if (source[start] === "<") start++;
  let end = start;
  while (end < to && !/[\s>]/.test(source[end]!)) end++;
  return end > start ? { start, end } : null;
}

/** The source with everything outside the given ranges blanked (line breaks kept). */
function keepOnly(source: string, ranges: [number, number][]): string {
  const out: string[] = [];
  let cursor = 0;
  const blank = (s: string) => s.replace(/[^\r\n]/g, " ");
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < cursor) continue;
    out.push(blank(source.slice(cursor, start)), source.slice(start, end));
    cursor = end;
  }
  out.push(blank(source.slice(cursor)));
  return out.join("");
}
