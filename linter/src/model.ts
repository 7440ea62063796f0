/**
 * The TemplateModel: what every rule reads. A template is parsed once into this
 * shape; rules never see raw strings they would have to locate again.
 *
 * Every node carries a SourceRange into the original file (front matter
 * included): 1-based line and column like ESLint, end exclusive, plus offsets.
 */

export type TemplateFormat = "mjml" | "html" | "markdown";

export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based offset of the first character, in UTF-16 code units. */
  offset: number;
  /** 0-based offset one past the last character. */
  endOffset: number;
}

/** One contiguous piece of a TextSpan and where it came from in the source. */
export interface TextSegment {
  /** Index into TextSpan.text where this piece starts. */
  textStart: number;
  length: number;
  sourceStart: number;
  sourceEnd: number;
  /**
   * True when each character maps to one source character (plain text);
   * false for decoded entities or escapes, where the piece maps to the whole
   * source range.
   */
  exact: boolean;
}

/**
 * Text as a reader sees it (entities decoded, inline tags removed), with a
 * map back to the source so that a match inside it can be located exactly.
 * Handlebars expressions inside the text appear as U+E000 characters.
 */
export interface TextSpan {
  text: string;
  segments: TextSegment[];
  range: SourceRange;
}

/** The character that stands for a Handlebars expression inside text. */
export const PLACEHOLDER_CHAR = "\uE000";

export type SurfaceKind = "subject" | "preheader" | "title";

export interface Surface {
  kind: SurfaceKind;
  /** Where the surface was declared. */
  origin: "front-matter" | "mj-title" | "mj-preview" | "title" | "hidden-preheader";
  span: TextSpan;
}

export type PlaceholderRole =
  /** `{{path}}` or `{{{path}}}`: the value is rendered. */
  | "output"
  /** A positional argument of a helper or block: `{{fmt path}}`, `{{#each path}}`. */
  | "param"
  /** A hash value: `{{link url=path}}`. */
  | "hash";

export interface Placeholder {
  /** The path as written, e.g. `../patient.dob` or `dx.icd10`. */
  original: string;
  /**
   * The data path this expression reads after scope resolution, from the
   * template's root context. Elements of a list are `[]`: `{{#each meds as
   * |m|}}{{m.name}}` reads `["meds", "[]", "name"]`. Null for literals and
   * for `@index`-like data variables.
   */
  resolved: string[] | null;
  role: PlaceholderRole;
  /** The helper this expression is an argument of (`each`, `formatDate`), if any. */
  helper: string | null;
  /** The enclosing mustache or block opener: `{{`, `{{{`, `{{#`. */
  statement: "mustache" | "triple" | "block";
  /** False for a triple-stash `{{{…}}}` whose value is inserted as raw HTML. */
  escaped: boolean;
  /** Where the statement appears in the markup. */
  context: "text" | "attribute" | "comment" | "raw" | "front-matter";
  /** For attribute context, the element and attribute. */
  attribute: { element: string; name: string } | null;
  /** The path expression itself. */
  range: SourceRange;
  /** The whole `{{ … }}` statement (for a block, its opening tag). */
  statementRange: SourceRange;
}

/** A block of body text: a paragraph, a cell, an `mj-text`, a heading. */
export interface TextRun {
  span: TextSpan;
  /** The nearest block-level element (`p`, `mj-text`, `td`; `paragraph` in Markdown). */
  element: string;
  /** True when the text sits inside a link or button (its label). */
  inLink: boolean;
  /** True for text in an element hidden from view (`display:none`), such as a preheader. */
  hidden: boolean;
}

/** A `{{…}}` statement of the template, with the data paths it reads. */
export interface HandlebarsStatement {
  type: "mustache" | "block" | "partial";
  /** False for `{{{…}}}`. */
  escaped: boolean;
  /** The helper called (`each`, `formatDate`, a partial's name), or null for a plain lookup. */
  callee: string | null;
  /** Whether any argument is a literal (string, number): `{{{trackUrl "x"}}}`. */
  hasLiteralArguments: boolean;
  placeholders: Placeholder[];
  range: SourceRange;
}

export interface UrlRef {
  /** The raw attribute or Markdown destination, placeholders as written. */
  value: string;
  /** `href`, `src`, `background`… or `markdown-link`, `markdown-image`. */
  attribute: string;
  element: string;
  range: SourceRange;
}

export interface Link {
  kind: "a" | "mj-button" | "button" | "markdown";
  label: TextSpan;
  href: UrlRef | null;
  range: SourceRange;
}

export interface Image {
  alt: TextSpan | null;
  src: UrlRef | null;
  range: SourceRange;
}

export interface Comment {
  /** `{{!-- … --}}`, `<!-- … -->`, or a `# …` line of YAML front matter. */
  kind: "handlebars" | "html" | "yaml";
  /** The comment's text without its delimiters. */
  text: string;
  range: SourceRange;
}

export interface FrontMatterEntry {
  key: string;
  value: unknown;
  keyRange: SourceRange;
  valueRange: SourceRange;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  entries: FrontMatterEntry[];
  range: SourceRange;
}

export interface TemplateModel {
  filePath: string;
  format: TemplateFormat;
  /** The source as linted (a leading BOM removed). */
  source: string;
  frontMatter: FrontMatter | null;
  surfaces: Surface[];
  /** Every Handlebars statement, in source order (front matter values last). */
  statements: HandlebarsStatement[];
  /** Every data path read by a statement: `statements.flatMap(s => s.placeholders)`. */
  placeholders: Placeholder[];
  textRuns: TextRun[];
  links: Link[];
  images: Image[];
  urls: UrlRef[];
  comments: Comment[];
  /** Helpers named by `{{> partial}}` statements: content the linter cannot see. */
  partials: { name: string; range: SourceRange }[];
  /** Turns a source offset range into a SourceRange. */
  rangeOf(offset: number, endOffset: number): SourceRange;
  /** The source range of `span.text.slice(start, end)`. */
  locate(span: TextSpan, start: number, end: number): SourceRange;
}
