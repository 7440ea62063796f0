import { z } from "zod";
import type { TextSpan } from "../../linter/src/model.js";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";

interface IdentifierPattern {
  /** What the value is, for the message. */
  name: string;
  /** The Safe Harbor category letter of 45 CFR 164.514(b)(2)(i). */
  letter: string;
  /**
   * A label followed by a value. Every quantifier is bounded or applies to a
   * single character class, so matching stays linear (no nested repetition).
   */
  pattern: RegExp;
  /** A value must pass this to count (e.g. hold enough digits to be an id, not a word). */
  accept?: (value: string) => boolean;
  /**
   * A character every match contains: text without it is skipped without
   * running the (case-insensitive, Unicode) pattern. Most text runs of a
   * template hold no digit at all.
   */
  needs: "digit" | ":";
  /**
   * A plain search every match passes (its label's words, or the value's
   * shape), tried before the pattern: most text with a digit (a price, a
   * phone number, a year) names no identifier label at all.
   */
  hint: RegExp;
}

const ORGANIZATION_WORDS = /\b(?:House|Lodge|Foundation|Fund|Center|Centre|Hospital|Clinic|Society|Association|Trust|Program|Project|Home|Homes|Inc|Church|School|Club|Network|Alliance|Council|Services)\b/u;
const digits = (min: number) => (value: string) => (value.match(/[0-9]/g)?.length ?? 0) >= min;
// Between a label and its value: "SSN: ", "Member #: ", "Date of Birth - ".
const LABEL_END = String.raw`\s{0,3}(?:[:#\-–—]\s{0,3}){0,2}`;

const PATTERNS: IdentifierPattern[] = [
  {
    name: "a Social Security number",
    letter: "G",
    pattern: new RegExp(String.raw`\b(?:ssn|ss#|social security(?: number| no\.?| #)?|social)${LABEL_END}(\d{3}[- ]?\d{2}[- ]?\d{4})\b`, "giu"),
    needs: "digit",
    hint: /ssn|ss#|social/iu,
  },
  // A bare 3-2-4 number is an SSN by shape (phone numbers are 3-3-4).
  { name: "a Social Security number", letter: "G", pattern: /(?<![\d-])(\d{3}-\d{2}-\d{4})(?![\d-])/gu, needs: "digit", hint: /\d{3}-\d{2}-\d{4}/ },
  {
    name: "a medical record number",
    letter: "H",
    pattern: new RegExp(String.raw`\b(?:mrn|mr ?#|med\.? ?rec(?:ord)?\.?(?: number| no\.?| #)?|medical record(?: number| no\.?| #)?|chart(?: number| no\.?| #)?|patient (?:id|number|no\.?|#)|record (?:number|no\.?|#))${LABEL_END}(?:no\.?\s{0,2})?([a-z0-9][a-z0-9-]{3,30})\b`, "giu"),
    // A year is not a record number: "immunization chart 2025–26".
    accept: (value) => digits(4)(value) && !/^(?:19|20)\d{2}(?:-\d{2,4})?$/.test(value),
    needs: "digit",
    hint: /mrn|mr ?#|med|chart|patient|record/iu,
  },
  {
    name: "a health plan member id",
    letter: "I",
    pattern: new RegExp(String.raw`\b(?:member|subscriber|policy(?:holder)?|insurance|health plan|beneficiary|medicare|medicaid)\s{0,3}(?:id|number|no\.?|#)${LABEL_END}([a-z0-9][a-z0-9-]{4,30})\b`, "giu"),
    accept: digits(3),
    needs: "digit",
    hint: /member|subscriber|polic|insurance|health plan|beneficiary|medicare|medicaid/iu,
  },
  {
    name: "an account number",
    letter: "J",
    pattern: new RegExp(String.raw`\b(?:account|acct)\s{0,3}(?:number|no\.?|#)${LABEL_END}([0-9][0-9-]{5,30})\b`, "giu"),
    accept: digits(6),
    needs: "digit",
    hint: /account|acct/iu,
  },
  {
    name: "a prescription number",
    letter: "R",
    pattern: new RegExp(String.raw`\brx\s{0,3}(?:number|no\.?|#)${LABEL_END}([0-9][0-9-]{4,20})\b`, "giu"),
    accept: digits(5),
    needs: "digit",
    hint: /rx/iu,
  },
  {
    name: "a date of birth",
    letter: "C",
    // "Birthday" and "born" label a date only with a colon: "our 100th birthday — June 14",
    // "the founder, born May 2, 1881" are not a patient's date of birth.
    pattern: new RegExp(
      String.raw`\b(?:(?:dob|d\.o\.b\.?|date of birth|birth ?date)${LABEL_END}|(?:birthday|born(?: on)?)\s{0,3}:\s{0,3})(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\.? \d{1,2},? \d{4})`,
      "giu",
    ),
    needs: "digit",
    hint: /dob|d\.o\.b|birth|born/iu,
  },
  {
    name: "a patient's name",
    letter: "A",
    // The label is case-insensitive; the name must be capitalized words.
    // A middle initial may stand between: "John Q. Public".
    pattern: /\b(?:[Pp]atient(?: [Nn]ame)?|PATIENT(?: NAME)?|[Pp]t\.?|[Mm]ember [Nn]ame|[Ii]nsured|[Bb]eneficiary|[Gg]uarantor)\s{0,3}:\s{0,3}(\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\.)?(?:[ -]\p{Lu}[\p{Ll}'’]{1,20}){1,2})\b/gu,
    // "Beneficiary: Hope House Family Lodge" is an organization.
    accept: (value) => !ORGANIZATION_WORDS.test(value),
    needs: ":",
    hint: /patient|pt|member|insured|beneficiary|guarantor/iu,
  },
];

export default defineRule({
  meta: {
    id: "no-literal-identifier",
    description: "No hard-coded patient identifiers in static text: SSN, MRN, member id, date of birth, a labelled patient name",
    docsUrl: docsUrl("no-literal-identifier"),
    source: "45 CFR 164.514(b)(2)(i) (Safe Harbor identifiers A, C, G, H, I, J, R)",
    defaultSeverity: "error",
    scope: "line",
    options: z.strictObject({}).default({}),
  },
  check({ model, report }) {
    const spans: { span: TextSpan; surface: "body" | "subject" | "preheader" | "title" }[] = [
      ...model.surfaces.map((s) => ({ span: s.span, surface: s.kind })),
      ...model.textRuns.map((r) => ({ span: r.span, surface: "body" as const })),
    ];
    // A hidden preheader is both a surface and body text: report each place once.
    const reportedLines = new Set<number>();
    const reportAt = (span: TextSpan, surface: (typeof spans)[number]["surface"], identifier: IdentifierPattern, start: number, end: number, found: string) => {
      const range = model.locate(span, start, end);
      if (reportedLines.has(range.line)) return;
      reportedLines.add(range.line);
      report({
        message:
          `"${found}" looks like ${identifier.name}, a HIPAA identifier (${identifier.letter}), written into the template: ` +
          "every recipient would receive it. Remove sample patient data, or use a placeholder the sending system fills per recipient only where the message truly needs it.",
        range,
        surface,
        subject: found,
      });
    };
    for (const { span, surface } of spans) {
      for (const { identifier, match } of identifiersIn(span.text)) {
        reportAt(span, surface, identifier, match.index, match.index + match[0].length, match[0].trim());
      }
    }
    // A label and its value in neighbouring elements: <td>Member #:</td><td>QHP-88213407</td>.
    const runs = model.textRuns;
    for (let i = 0; i + 1 < runs.length; i++) {
      const label = runs[i]!.span;
      const labelText = label.text.trimEnd();
      if (!labelText.trim() || labelText.length > MAX_LABEL_LENGTH) continue;
      const joined = `${labelText} ${runs[i + 1]!.span.text.trimStart()}`;
      for (const { identifier, match } of identifiersIn(joined)) {
        // Only a match that starts in the label and takes its value from the next element is new.
        if (match.index >= labelText.length || match.index + match[0].length <= labelText.length + 1) continue;
        reportAt(label, "body", identifier, match.index, labelText.length, match[0].trim());
      }
    }
  },
});

// A label cell is short: "Member #:", "Date of Birth -".
const MAX_LABEL_LENGTH = 40;

/** Every identifier pattern's matches in a text, values checked. */
function* identifiersIn(text: string): Generator<{ identifier: IdentifierPattern; match: RegExpMatchArray & { index: number } }> {
  const hasDigit = /[0-9]/.test(text);
  for (const identifier of PATTERNS) {
    if (identifier.needs === "digit" ? !hasDigit : !text.includes(identifier.needs)) continue;
    if (!identifier.hint.test(text)) continue;
    identifier.pattern.lastIndex = 0;
    for (const match of text.matchAll(identifier.pattern)) {
      if (identifier.accept && !identifier.accept(match[1] ?? "")) continue;
      yield { identifier, match: match as RegExpMatchArray & { index: number } };
    }
  }
}
