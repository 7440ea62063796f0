import type { Comment, SourceRange } from "./model.js";
import type { LintMessage } from "./result.js";

export type DirectiveKind = "disable" | "enable" | "disable-line" | "disable-next-line";

/**
 * An inline directive in a Handlebars, HTML or front-matter comment:
 * `hipaa-lint-disable-next-line RULE[, RULE] -- reason`.
 */
export interface Directive {
  kind: DirectiveKind;
  /** The rules it names; null for all rules. */
  rules: string[] | null;
  reason: string | null;
  range: SourceRange;
}

const DIRECTIVE_PREFIX = /^\s*hipaa-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;

export function parseDirective(comment: Comment): Directive | null {
  // Handlebars `{{!-- … --}}` values keep the dashes of the long form.
  const text = comment.text.replace(/^\s*--/, "").replace(/--\s*$/, "");
  const match = DIRECTIVE_PREFIX.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length);
  const separator = rest.search(/\s--(\s|$)/);
  const rulesPart = separator >= 0 ? rest.slice(0, separator) : rest;
  const reason = separator >= 0 ? rest.slice(separator).replace(/^\s--/, "").trim() : "";
  const rules = rulesPart
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  return { kind: match[1] as DirectiveKind, rules: rules.length ? rules : null, reason: reason || null, range: comment.range };
}

export function parseDirectives(comments: readonly Comment[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment);
    if (directive) directives.push(directive);
  }
  return directives;
}

const names = (rules: string[] | null) => (rules ? rules.map((r) => `'${r}'`).join(", ") : "any rule");

/**
 * Splits messages into kept and suppressed by the directives, and reports
 * directives that suppressed nothing when asked to.
 */
export function applyDirectives(
  messages: LintMessage[],
  directives: Directive[],
  options: { fileScopeRules: ReadonlySet<string>; reportUnused: boolean },
): { messages: LintMessage[]; suppressed: LintMessage[]; unused: LintMessage[] } {
  const used = new Set<Directive>();
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const covers = (d: Directive, rule: string) => d.rules === null || d.rules.includes(rule);

  // Indexed once, so that each message costs a lookup rather than a pass over
  // every directive (a template with thousands of each stays linear).
  const byLine = new Map<number, Directive[]>();
  const onLine = (line: number, d: Directive) => {
    const list = byLine.get(line);
    if (list) list.push(d);
    else byLine.set(line, [d]);
  };
  const blocks: Directive[] = [];
  for (const d of directives) {
    if (d.kind === "disable-next-line") onLine(d.range.endLine + 1, d);
    else if (d.kind === "disable-line") for (let line = d.range.line; line <= d.range.endLine; line++) onLine(line, d);
    else blocks.push(d);
  }
  // Block directives in source order, and for each rule those that cover it.
  blocks.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  const blocksFor = new Map<string, Directive[]>();
  const blocksOf = (rule: string) => {
    let list = blocksFor.get(rule);
    if (!list) {
      list = blocks.filter((d) => covers(d, rule));
      blocksFor.set(rule, list);
    }
    return list;
  };

  const suppressing = (message: LintMessage): Directive | null => {
    const rule = message.ruleId;
    if (!rule || message.fatal) return null;
    const fileLevel = options.fileScopeRules.has(rule);
    for (const d of byLine.get(message.line) ?? []) {
      if (covers(d, rule)) return d;
    }
    const list = blocksOf(rule);
    // A file-level finding (something missing) is covered by a disable anywhere in the file.
    if (fileLevel) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.kind === "disable") return list[i]!;
      return null;
    }
    // The last disable/enable for this rule at or before the message wins.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = list[mid]!;
      const before = d.range.line < message.line || (d.range.line === message.line && d.range.column <= message.column);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    const last = list[lo - 1];
    return last && last.kind === "disable" ? last : null;
  };

  for (const message of messages) {
    const directive = suppressing(message);
    if (directive) {
      used.add(directive);
      suppressed.push({ ...message, suppressions: [{ kind: "directive", justification: directive.reason ?? "" }] });
    } else kept.push(message);
  }

  const unused: LintMessage[] = [];
  if (options.reportUnused) {
    for (const d of directives) {
      if (d.kind === "enable" || used.has(d)) continue;
      unused.push({
        ruleId: null,
        severity: 1,
        message: `Unused hipaa-lint-${d.kind} directive (no problems were reported from ${names(d.rules)}).`,
        line: d.range.line,
        column: d.range.column,
        endLine: d.range.endLine,
        endColumn: d.range.endColumn,
      });
    }
  }
  return { messages: kept, suppressed, unused };
}
