import { PLACEHOLDER_CHAR } from "../model.js";
import type { Comment, HandlebarsStatement, Placeholder, PlaceholderRole, SourceRange } from "../model.js";
import { TemplateParseError } from "./errors.js";
import type { SourceIndex } from "./positions.js";

// Handlebars' parser only (compiler/base.js: the parser, its lexer and
// whitespace control, 8 modules), which is what `Handlebars.parse` and
// `Handlebars.Parser` are; the package entry also loads the compiler, the
// runtime and source-map (44 modules), which linting never uses. A static
// import, so that the CLI's bundle (scripts/bundle.mjs) includes it.
import * as Handlebars from "handlebars/dist/cjs/handlebars/compiler/base.js";

export interface HandlebarsResult {
  /**
   * The source with every Handlebars statement replaced by filler of the same
   * length (line breaks kept): output mustaches by PLACEHOLDER_CHAR, other
   * statements by spaces. Markup parsers run on this, so their offsets are
   * offsets into the original file.
   */
  masked: string;
  statements: HandlebarsStatement[];
  comments: Comment[];
  partials: { name: string; range: SourceRange }[];
  /**
   * Sorted [start, end) offsets of statements that render nothing where they
   * stand (comments, block tags, `{{else}}`): a reader sees the text on either
   * side joined, so text runs skip them (`Dia{{!-- x --}}betes` is one word).
   */
  silent: [number, number][];
}

// Minimal shapes of the Handlebars AST nodes we read.
interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface Node {
  type: string;
  loc: Loc;
}
interface PathNode extends Node {
  type: "PathExpression";
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}
interface SubExpressionNode extends Node {
  type: "SubExpression";
  path: PathNode;
  params: Node[];
  hash?: HashNode;
}
interface HashNode extends Node {
  pairs: { key: string; value: Node; loc: Loc }[];
}
interface ProgramNode extends Node {
  body: Node[];
  blockParams?: string[];
}
interface MustacheNode extends Node {
  path: Node;
  params: Node[];
  hash?: HashNode;
  escaped: boolean;
}
interface BlockNode extends MustacheNode {
  program: ProgramNode | null;
  inverse: ProgramNode | null;
}
interface PartialNode extends Node {
  name: Node;
  params: Node[];
  hash?: HashNode;
}
interface CommentNode extends Node {
  value: string;
}

/** What `this` and block params mean at a point of the template. */
interface ScopeFrame {
  /** The context object's path, or null when unknown. */
  context: string[] | null;
  /** Whether this frame changed the context (counts for `../`). */
  changesContext: boolean;
  blockParams: Map<string, string[] | null>;
}

const OUTPUT_OPENERS = new Set(["OPEN", "OPEN_UNESCAPED"]);
const BLOCK_OPENERS = new Set(["OPEN_BLOCK", "OPEN_INVERSE", "OPEN_PARTIAL_BLOCK", "OPEN_RAW_BLOCK"]);
const STATEMENT_CLOSERS = new Set(["CLOSE", "CLOSE_UNESCAPED", "CLOSE_RAW_BLOCK", "END_RAW_BLOCK"]);
const SINGLE_TOKEN_STATEMENTS = new Set(["COMMENT", "INVERSE"]);
const DATA_VARIABLES = new Set(["index", "key", "first", "last", "level"]);

interface LexToken {
  name: string;
  start: number;
  end: number;
}

interface HandlebarsLexer {
  options: Record<string, unknown>;
  yylloc: { range: [number, number] };
  EOF: number;
  setInput(input: string): void;
  lex(): number | string;
  /** One match: a token, or undefined for skipped text (lex() then calls it again). */
  next(): number | string | undefined;
}

const handlebarsParser = Handlebars.parser as { lexer: HandlebarsLexer; terminals_: Record<number, string> };

/** The token name for what the lexer's lex() or next() returned, or null at the end of the input. */
function tokenName(code: number | string): string | null {
  const name = typeof code === "number" ? handlebarsParser.terminals_[code] ?? String(code) : code;
  return name === "EOF" || code === handlebarsParser.lexer.EOF ? null : name;
}

/** Runs Handlebars' own lexer alone: for the error path, where the parser stopped early. */
function lex(source: string): LexToken[] {
  const lexer = handlebarsParser.lexer;
  lexer.options = { ranges: true };
  lexer.setInput(source);
  const tokens: LexToken[] = [];
  for (;;) {
    const name = tokenName(lexer.lex());
    if (name === null) break;
    // Past an unrecognized character the lexer goes one character at a time,
    // rescanning the rest of the input for each: stop (the parser reports it).
    if (name === "INVALID") throw new TemplateParseError("Handlebars: unrecognized text", null, null);
    const [start, end] = lexer.yylloc.range;
    tokens.push({ name, start, end });
  }
  return tokens;
}

/** Where the lexer's tokens go while parseWithTokens runs; null otherwise. */
let recording: { tokens: LexToken[]; nesting: NestingCheck } | null = null;

// Handlebars' lexer is one object shared by every parse. Its next() is
// wrapped once, here, to hand each token to `recording` while
// parseWithTokens runs, and to do nothing else otherwise (other code in the
// process parsing with Handlebars sees no difference). next(), not lex():
// lex() calls itself again past skipped text, and would record a token twice.
// Once, not per parse: installing a fresh closure on the shared lexer at
// every parse made V8 keep far more in its old generation (peak memory of a
// 5,000-file run 141 MB -> 207 MB; installed once, 149 MB).
{
  const lexer = handlebarsParser.lexer;
  const originalNext = lexer.next;
  lexer.next = function nextRecorded(this: HandlebarsLexer) {
    const code = originalNext.call(this);
    if (code === undefined || recording === null) return code;
    const name = tokenName(code);
    if (name !== null) {
      const [start, end] = this.yylloc.range;
      const token = { name, start, end };
      recording.nesting.see(token);
      recording.tokens.push(token);
    }
    return code;
  };
}

/**
 * Parses with Handlebars' own parser and keeps the tokens its lexer gives
 * the parser on the way: masking needs them, they agree with the parse to the
 * character, and the template is lexed once instead of twice (lexing is a
 * regular expression match per token over the rest of the input). Nesting is
 * checked as tokens arrive, so a template nested too deep stops before the
 * parser gets slow; a syntax error before the too-deep part is reported first.
 */
function parseWithTokens(input: string, index: SourceIndex): { ast: ProgramNode; tokens: LexToken[] } {
  handlebarsParser.lexer.options = { ranges: true };
  const tokens: LexToken[] = [];
  recording = { tokens, nesting: new NestingCheck(index) };
  try {
    // Without whitespace control: it only trims content for rendering (a
    // regular expression per statement), and linting reads locations.
    return { ast: Handlebars.parseWithoutProcessing(input) as unknown as ProgramNode, tokens };
  } finally {
    recording = null;
  }
}

/** The innermost block still open at the end of the source, if any. */
function unclosedBlock(source: string): { start: number; opener: string; name: string } | null {
  let tokens: LexToken[];
  try {
    tokens = lex(source);
  } catch {
    return null;
  }
  const stack: { start: number; opener: string; name: string }[] = [];
  tokens.forEach((token, i) => {
    if (token.name === "OPEN_BLOCK" || token.name === "OPEN_INVERSE" || token.name === "OPEN_PARTIAL_BLOCK") {
      const next = tokens[i + 1];
      const opener = source.slice(token.start + 2, token.end).trim();
      stack.push({ start: token.start, opener, name: next ? source.slice(next.start, next.end) : "" });
    } else if (token.name === "OPEN_ENDBLOCK") stack.pop();
  });
  return stack[stack.length - 1] ?? null;
}

const RENDERING_OPENERS = new Set(["OPEN_PARTIAL", "OPEN_PARTIAL_BLOCK"]);

function mask(source: string, tokens: LexToken[], silent: [number, number][] = []): string {
  // Built from slices: the text between statements is copied whole, and only
  // statements are rewritten (a per-character array of a large template was
  // the slowest step of parsing).
  const parts: string[] = [];
  let copiedTo = 0;
  let statementStart = -1;
  let statementOpener = "";
  let filler = " ";
  const fill = (from: number, to: number, ch: string) => {
    parts.push(source.slice(copiedTo, from));
    const statement = source.slice(from, to);
    parts.push(/[\r\n]/.test(statement) ? statement.replace(/[^\r\n]/g, ch) : ch.repeat(to - from));
    copiedTo = to;
  };
  for (const token of tokens) {
    if (token.name === "CONTENT") continue;
    if (SINGLE_TOKEN_STATEMENTS.has(token.name) && statementStart < 0) {
      fill(token.start, token.end, " ");
      silent.push([token.start, token.end]);
      continue;
    }
    if (statementStart < 0) {
      statementStart = token.start;
      statementOpener = token.name;
      filler = OUTPUT_OPENERS.has(token.name) ? PLACEHOLDER_CHAR : " ";
    }
    if (STATEMENT_CLOSERS.has(token.name)) {
      fill(statementStart, token.end, filler);
      // A partial renders content of its own: it stays a separator.
      if (filler === " " && !RENDERING_OPENERS.has(statementOpener)) silent.push([statementStart, token.end]);
      statementStart = -1;
    }
  }
  if (statementStart >= 0) fill(statementStart, source.length, filler);
  parts.push(source.slice(copiedTo));
  return parts.join("");
}

/** Deeper nesting than any real template needs; Handlebars' parser slows down quadratically and then overflows its stack. */
export const MAX_HANDLEBARS_NESTING = 200;

const NESTING_OPENERS = new Set(["OPEN_BLOCK", "OPEN_INVERSE", "OPEN_PARTIAL_BLOCK", "OPEN_RAW_BLOCK", "OPEN_SEXPR"]);
const NESTING_CLOSERS = new Set(["OPEN_ENDBLOCK", "END_RAW_BLOCK", "CLOSE_SEXPR"]);

/** Refuses blocks or subexpressions nested deeper than MAX_HANDLEBARS_NESTING, with the position of the first one too deep. */
class NestingCheck {
  private depth = 0;

  constructor(private readonly index: SourceIndex) {}

  see(token: LexToken): void {
    if (NESTING_OPENERS.has(token.name)) {
      this.depth++;
      if (this.depth > MAX_HANDLEBARS_NESTING) {
        const at = this.index.point(token.start);
        throw new TemplateParseError(
          `Handlebars blocks or subexpressions are nested more than ${MAX_HANDLEBARS_NESTING} deep here: the template is not linted (no real template needs this; flatten it).`,
          at.line,
          at.column,
        );
      }
    } else if (NESTING_CLOSERS.has(token.name)) this.depth = Math.max(0, this.depth - 1);
  }
}

function parseError(error: unknown): TemplateParseError {
  const message = error instanceof Error ? error.message : String(error);
  // Handlebars reports "Parse error on line N:" or "... - N:C".
  const onLine = /line (\d+)/.exec(message);
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash;
  const lineFromLoc = (error as { lineNumber?: number; column?: number }).lineNumber;
  const line = hash?.loc?.first_line ?? lineFromLoc ?? (onLine ? Number(onLine[1]) : null);
  const column = hash?.loc?.first_column != null ? hash.loc.first_column + 1 : (error as { column?: number }).column != null ? (error as { column: number }).column + 1 : null;
  const firstLines = message.split("\n").filter((l) => l.trim() && !/^[-\s^]*$/.test(l));
  const summary = firstLines.length > 1 ? `${firstLines[0]!.replace(/:$/, "")}: ${firstLines[firstLines.length - 1]}` : firstLines[0] ?? message;
  return new TemplateParseError(`Handlebars: ${summary.trim()}`, line, column);
}

/**
 * Parses the Handlebars layer of a template. `source` must have the same
 * offsets as the file (front matter replaced by spaces, not removed).
 */
export function parseHandlebars(source: string, index: SourceIndex, defaultContext: "text" | "front-matter" = "text"): HandlebarsResult {
  // Handlebars' lexer computes columns with `.*`, which stops at U+2028 and
  // U+2029: a line separator would shift every later position on its line
  // (and could place a placeholder inside a comment). Both are whitespace to
  // Handlebars, so the parser sees a space instead; offsets do not change.
  const input = source.replace(/[\u2028\u2029]/g, " ");
  let ast: ProgramNode;
  let tokens: LexToken[];
  try {
    ({ ast, tokens } = parseWithTokens(input, index));
  } catch (error) {
    if (error instanceof TemplateParseError) throw error; // nested too deep
    // Handlebars reports a block left open at the end of the file; the
    // opener is where the author has to look.
    const open = /got 'EOF'/.test(String((error as Error)?.message)) ? unclosedBlock(source) : null;
    if (open) {
      const at = index.point(open.start);
      throw new TemplateParseError(`Handlebars: \`{{${open.opener}${open.name} …}}\` is never closed: add \`{{/${open.name}}}\``, at.line, at.column);
    }
    throw parseError(error);
  }
  const statements: HandlebarsStatement[] = [];
  const comments: Comment[] = [];
  const partials: { name: string; range: SourceRange }[] = [];
  const rangeOf = (loc: Loc) => index.range(index.offsetOfHandlebars(loc.start), index.offsetOfHandlebars(loc.end));
  // A block's AST node spans its whole body; its statement is the opening tag.
  const openerEnds = new Map<number, number>();
  let pendingOpener = -1;
  for (const token of tokens) {
    if (BLOCK_OPENERS.has(token.name)) pendingOpener = token.start;
    else if (pendingOpener >= 0 && STATEMENT_CLOSERS.has(token.name)) {
      openerEnds.set(pendingOpener, token.end);
      pendingOpener = -1;
    }
  }
  const openerRangeOf = (loc: Loc) => {
    const start = index.offsetOfHandlebars(loc.start);
    return index.range(start, openerEnds.get(start) ?? index.offsetOfHandlebars(loc.end));
  };

  const resolve = (path: PathNode, scope: ScopeFrame[]): string[] | null => {
    if (path.data) {
      if (path.parts[0] === "root") return path.parts.slice(1);
      if (DATA_VARIABLES.has(path.parts[0] ?? "")) return null;
      return null;
    }
    const explicitThis = /^(this\b|\.\/|\.$)/.test(path.original);
    if (path.depth === 0 && !explicitThis && path.parts.length > 0) {
      for (let i = scope.length - 1; i >= 0; i--) {
        const bound = scope[i]!.blockParams.get(path.parts[0]!);
        if (bound !== undefined) return bound === null ? null : [...bound, ...path.parts.slice(1)];
      }
    }
    let depth = path.depth;
    let frame: ScopeFrame | undefined;
    for (let i = scope.length - 1; i >= 0; i--) {
      if (!scope[i]!.changesContext) continue;
      if (depth === 0) {
        frame = scope[i];
        break;
      }
      depth--;
    }
    const base = frame ? frame.context : [];
    if (base === null) return [...path.parts];
    return [...base, ...path.parts];
  };

  const visitStatement = (node: MustacheNode | PartialNode, scope: ScopeFrame[], type: HandlebarsStatement["type"]): HandlebarsStatement => {
    const escaped = type === "mustache" ? (node as MustacheNode).escaped : true;
    const callee = type === "partial" ? (node as PartialNode).name : literalAsPath((node as MustacheNode).path);
    const params = node.params ?? [];
    const pairs = node.hash?.pairs ?? [];
    const calleeName = callee.type === "PathExpression" ? (callee as PathNode).original : String((callee as unknown as { value?: unknown }).value ?? "");
    // `{{path}}` and `{{#path}}…{{/path}}` (a section) read a data path; anything
    // with arguments, a built-in block helper or a partial is a call.
    const isCall = type === "partial" || params.length > 0 || pairs.length > 0 || (type === "block" && isKnownHelper(calleeName));
    const statement: HandlebarsStatement = {
      type,
      escaped,
      callee: isCall ? calleeName : null,
      hasLiteralArguments: false,
      placeholders: [],
      range: type === "block" ? openerRangeOf(node.loc) : rangeOf(node.loc),
    };
    const statementKind: Placeholder["statement"] = type === "block" ? "block" : escaped ? "mustache" : "triple";
    const add = (path: PathNode, role: PlaceholderRole, helper: string | null) => {
      statement.placeholders.push({
        original: path.original,
        resolved: resolve(path, scope),
        role,
        helper,
        statement: statementKind,
        escaped,
        context: defaultContext,
        attribute: null,
        range: rangeOf(path.loc),
        statementRange: statement.range,
      });
    };
    // `{{lookup patient "ssn"}}` reads patient.ssn: the literal names the field.
    const addLookup = (params: Node[], role: PlaceholderRole) => {
      const [object, key] = params;
      if (object?.type !== "PathExpression" || !key || !/Literal$/.test(key.type)) return;
      const base = object as PathNode;
      const field = String((key as unknown as { original?: unknown; value?: unknown }).original ?? (key as unknown as { value?: unknown }).value);
      add({ ...base, parts: [...base.parts, field], original: `${base.original}.${field}`, loc: { start: base.loc.start, end: key.loc.end } }, role, "lookup");
    };
    const visitArgument = (arg: Node, role: PlaceholderRole, helper: string | null) => {
      if (arg.type === "PathExpression") add(arg as PathNode, role, helper);
      else if (arg.type === "SubExpression") {
        const sub = arg as SubExpressionNode;
        for (const p of sub.params) visitArgument(p, "param", sub.path.original);
        for (const pair of sub.hash?.pairs ?? []) visitArgument(pair.value, "hash", sub.path.original);
        if (sub.path.original === "lookup") addLookup(sub.params, "param");
      } else statement.hasLiteralArguments = true;
    };
    if (!isCall && callee.type === "PathExpression") add(callee as PathNode, type === "block" ? "param" : "output", null);
    for (const p of params) visitArgument(p, "param", statement.callee);
    for (const pair of pairs) visitArgument(pair.value, "hash", statement.callee);
    if (statement.callee === "lookup") addLookup(params, type === "block" ? "param" : "output");
    if (type === "partial" && statement.callee) partials.push({ name: statement.callee, range: statement.range });
    statements.push(statement);
    return statement;
  };

  const visitProgram = (program: ProgramNode | null, scope: ScopeFrame[]) => {
    if (!program) return;
    for (const node of program.body) {
      switch (node.type) {
        case "MustacheStatement":
          visitStatement(node as MustacheNode, scope, "mustache");
          break;
        case "PartialStatement":
        case "PartialBlockStatement":
          visitStatement(node as PartialNode, scope, "partial");
          if (node.type === "PartialBlockStatement") visitProgram((node as unknown as BlockNode).program, scope);
          break;
        case "CommentStatement": {
          const comment = node as CommentNode;
          comments.push({ kind: "handlebars", text: comment.value, range: rangeOf(comment.loc) });
          break;
        }
        case "BlockStatement":
        case "DecoratorBlock": {
          const block = node as BlockNode;
          const statement = visitStatement(block, scope, "block");
          visitProgram(block.program, [...scope, blockFrame(block, statement, scope)]);
          visitProgram(block.inverse, scope);
          break;
        }
        default:
          break;
      }
    }
  };

  const blockFrame = (block: BlockNode, statement: HandlebarsStatement, scope: ScopeFrame[]): ScopeFrame => {
    const blockPath = literalAsPath(block.path);
    const helper = blockPath.type === "PathExpression" ? (blockPath as PathNode).original : "";
    // `{{#each (filter appointments)}}`: list helpers return (part of) their
    // first argument, so a subexpression stands for its first path.
    const pathOf = (node: Node | undefined): string[] | null => {
      if (!node) return null;
      if (node.type === "PathExpression") return resolve(node as PathNode, scope);
      if (node.type === "SubExpression") return pathOf((node as SubExpressionNode).params[0]);
      return null;
    };
    const firstPath = pathOf(block.params[0]);
    const names = block.program?.blockParams ?? [];
    const blockParams = new Map<string, string[] | null>();
    if (helper === "each") {
      const element = firstPath ? [...firstPath, "[]"] : null;
      if (names[0]) blockParams.set(names[0], element);
      if (names[1]) blockParams.set(names[1], null);
      return { context: element, changesContext: true, blockParams };
    }
    if (helper === "with") {
      if (names[0]) blockParams.set(names[0], firstPath);
      return { context: firstPath, changesContext: true, blockParams };
    }
    if (helper === "if" || helper === "unless") return { context: null, changesContext: false, blockParams };
    if (!statement.callee && block.params.length === 0) {
      // Mustache-style section on a data path: its body runs in that object's context.
      const own = blockPath.type === "PathExpression" ? resolve(blockPath as PathNode, scope) : null;
      return { context: own, changesContext: true, blockParams };
    }
    // A custom block helper: its context is unknown, but block params most
    // often name (an element of) its first argument.
    names.forEach((name, i) => blockParams.set(name, i === 0 ? firstPath : null));
    return { context: null, changesContext: false, blockParams };
  };

  visitProgram(ast, []);
  const silent: [number, number][] = [];
  const masked = mask(source, tokens, silent);
  return { masked, statements, comments, partials, silent };
}

/**
 * Handlebars turns a literal in a helper's place into a path
 * (`transformLiteralToPath`): `{{"ssn"}}` and `{{'ssn'}}` look up the field
 * `ssn` (or a helper of that name), they do not print the word. Read them as
 * the path they are.
 */
function literalAsPath(node: Node): Node {
  if (!/Literal$/.test(node.type)) return node;
  const literal = node as unknown as { original?: unknown; value?: unknown };
  const name = String(literal.original ?? literal.value);
  const path: PathNode = { type: "PathExpression", data: false, depth: 0, parts: [name], original: name, loc: node.loc };
  return path;
}

const BUILT_IN_HELPERS = new Set(["if", "unless", "each", "with", "lookup", "log", "blockHelperMissing", "helperMissing"]);

function isKnownHelper(name: string): boolean {
  return BUILT_IN_HELPERS.has(name);
}
