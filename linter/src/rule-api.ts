import type { z } from "zod";
import type { SourceRange, SurfaceKind, TemplateModel } from "./model.js";

export type Severity = "off" | "warn" | "error";

/** Where a finding sits, so editors can group them (the Strapi side panel does). */
export type FindingSurface = SurfaceKind | "body" | "front-matter" | "file";

export interface Suggestion {
  /** What the suggestion does, e.g. `Replace with "An update from your care team"`. */
  desc: string;
  /** A replacement of source offsets [start, end) by text, when it can be applied mechanically. */
  fix?: { range: [number, number]; text: string };
}

export interface Report {
  message: string;
  /** Null for a file-level finding (something missing from the whole template). */
  range: SourceRange | null;
  surface: FindingSurface;
  suggestions?: Suggestion[];
  /**
   * The text the finding is about, normalized by the rule (e.g. the flagged
   * phrase with its enclosing subject). Approvals fingerprint it, so an edit
   * elsewhere in the file does not void an approval but a change here does.
   */
  subject?: string;
}

/** Settings every rule may read, resolved from the config. */
export interface LintSettings {
  consentCategories: string[];
  lexicons: { conditions: { add: string[]; remove: string[] } };
  phiFields: { add: { name: string; category: string }[]; allow: string[] };
  cta: { allow: string[] };
}

export interface RuleContext<Options> {
  model: TemplateModel;
  options: Options;
  settings: LintSettings;
  report(report: Report): void;
}

export interface RuleMeta<Schema extends z.ZodType> {
  /** The rule id used in configs, directives and reports. */
  id: string;
  description: string;
  /** Rule docs: the README.md beside the rule, as a URL people can open. */
  docsUrl: string;
  /** The regulation or practice the rule enforces, e.g. "45 CFR 164.514(b)(2)". */
  source: string;
  defaultSeverity: Severity;
  /** Whether the rule reports lines ("line") or a missing thing for the whole file ("file"). */
  scope: "line" | "file";
  /** Options as a zod schema; its defaults are the rule's default options. */
  options: Schema;
  hasSuggestions?: boolean;
  /** Options the `hipaa-lint:strict` preset uses instead of the defaults. */
  strictOptions?: z.input<Schema>;
}

export interface Rule<Schema extends z.ZodType = z.ZodType> {
  meta: RuleMeta<Schema>;
  check(context: RuleContext<z.output<Schema>>): void;
}

/** Identity helper that checks a rule module's shape and infers its option type. */
export function defineRule<Schema extends z.ZodType>(rule: Rule<Schema>): Rule<Schema> {
  return rule;
}

export const DOCS_BASE = "https://github.com/hipaa-lint/hipaa-lint/blob/main/rules";

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}/README.md`;
}
