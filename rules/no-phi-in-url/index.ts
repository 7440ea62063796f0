import { z } from "zod";
import type { Placeholder, UrlRef } from "../../linter/src/model.js";
import { PLACEHOLDER_CHAR } from "../../linter/src/model.js";
import { defineRule, docsUrl, type LintSettings } from "../../linter/src/rule-api.js";
import { identifierWords } from "../../linter/src/text/words.js";
import { classifyPath } from "../lexicon/phi-fields.js";
import { definiteHits, describeHit, healthTermsIn } from "../lib/health-text.js";
import { describePhi, phiOfPlaceholder } from "../lib/phi-path.js";

const WHY =
  "URLs travel beyond the email: to click and open trackers, analytics, proxies and server logs (HHS OCR bulletin on tracking technologies).";

interface UrlParts {
  /** Offset in the URL value where the path starts (after the host), or 0 for a relative URL. */
  pathStart: number;
  queryStart: number;
}

/** Where host, path and query begin, without a regular expression over the whole value. */
function splitUrl(value: string): UrlParts {
  let pathStart = 0;
  const scheme = value.indexOf("//");
  if (scheme >= 0 && scheme <= 8) {
    const slash = value.indexOf("/", scheme + 2);
    const query = value.indexOf("?", scheme + 2);
    pathStart = slash < 0 ? (query < 0 ? value.length : query) : query >= 0 && query < slash ? query : slash;
  } else if (/^(mailto|tel|sms):/i.test(value)) {
    pathStart = value.length;
  }
  const query = value.indexOf("?", pathStart);
  return { pathStart, queryStart: query < 0 ? value.length : query };
}

/** Query parameters with a literal value: [name, value, offset of the value]. */
function literalParams(value: string, queryStart: number): { name: string; value: string; offset: number }[] {
  const params: { name: string; value: string; offset: number }[] = [];
  let i = queryStart + 1;
  while (i < value.length) {
    let end = value.indexOf("&", i);
    if (end < 0) end = value.length;
    const pair = value.slice(i, end).replace(/^amp;/, "");
    const pairStart = end - pair.length;
    const eq = pair.indexOf("=");
    if (eq > 0) params.push({ name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)), offset: pairStart });
    i = end + 1;
  }
  return params;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[a-z]{2,24}$/i;
// Short query keys trackers use for the recipient's address (?e=, ?u=); a payment page's ?business= is the sender's.
const EMAIL_KEYS = new Set(["e", "em", "u", "to", "rcpt", "recipient", "addr", "subscriber", "user", "contact"]);

/** The query value of a person's key (?member=XJH123456789, ?patient=48213): read as that person's id. */
function personKeyPhi(name: string, settings: LintSettings) {
  const words = identifierWords(name);
  if (words.length !== 1) return null;
  const phi = classifyPath([...words, "id"], { firstName: false, add: [], allow: settings.phiFields.allow, lexicon: settings.lexicons.conditions });
  return phi?.kind === "identifier" ? phi : null;
}

// An identifier's shape: a few letters at most, then digits (XJH123456789, 0048213, 48-213);
// not a word with a year in it (youth-2026, patient-stories-2024).
const ID_VALUE = /^[a-z]{0,4}[-_]?\d[\d-]{3,29}$/i;
// A year, a range of years or a date is a page, not a person: /members/2025-2026, /records/2025-03-01.
const DATE_VALUE = /^\d{4}(?:-\d{2,4}){0,2}$/;
const countDigits = (s: string) => s.replace(/[^0-9]/g, "").length;
const looksLikeIdValue = (s: string, minDigits: number) => ID_VALUE.test(s) && !DATE_VALUE.test(s) && countDigits(s) >= minDigits;

// A path segment that is an identifier with its label glued on: /records/MRN0048213, /p/pid-48213.
const LABELLED_ID_SEGMENT = /^(?:mrn|pid|ssn|mbr)[-_]?(.+)$/i;
// Collections whose next path segment is one person's record: /patients/48213, /records/0048213/summary.
const RECORD_COLLECTIONS = new Set(["patient", "patients", "member", "members", "mrn", "chart", "charts", "record", "records"]);

/** Literal identifiers in the path: the segment and its offset in `value`. */
function pathIdentifier(value: string, pathStart: number, queryStart: number): { segment: string; offset: number } | null {
  let offset = pathStart;
  let previous = "";
  for (const segment of value.slice(pathStart, queryStart).split("/")) {
    const labelled = LABELLED_ID_SEGMENT.exec(segment)?.[1];
    if ((labelled && looksLikeIdValue(labelled, 4)) || (RECORD_COLLECTIONS.has(previous.toLowerCase()) && looksLikeIdValue(segment, 5))) return { segment, offset };
    previous = segment;
    offset += segment.length + 1;
  }
  return null;
}

function checkUrl(url: UrlRef, settings: LintSettings, report: (offsetInValue: number, length: number, message: string) => void): void {
  const value = url.value;
  const { pathStart, queryStart } = splitUrl(value);
  // Literal identifiers in the query: ?pid=48213, ?mrn=0048213, ?email=jane@example.com.
  for (const param of literalParams(value, queryStart)) {
    if (!param.value || param.value.includes("{{")) continue;
    const named = classifyPath(identifierWords(param.name), { firstName: false, add: settings.phiFields.add, allow: settings.phiFields.allow, lexicon: settings.lexicons.conditions });
    // ?member=XJH123456789 names no field, so its value must look like an id (not ?participant=youth-2026).
    const phi = named ?? (looksLikeIdValue(param.value, 4) ? personKeyPhi(param.name, settings) : null);
    // A literal place in a URL is where the sender is (a maps link's ?address=, a locator's ?zip=): a recipient's would be a placeholder.
    if (phi?.letter === "B") continue;
    const looksLikeId = /[0-9]{3,}/.test(param.value) || EMAIL.test(param.value);
    const email = EMAIL.test(param.value) && (phi !== null || EMAIL_KEYS.has(param.name.toLowerCase()));
    if ((phi && phi.kind === "identifier" && looksLikeId) || email) {
      report(param.offset, param.name.length + 1 + param.value.length, `The URL carries ${phi ? describePhi(phi) : "an email address"} ("${param.name}=${param.value}"). ${WHY} Use an opaque, expiring token instead.`);
      return;
    }
  }
  const inPath = pathIdentifier(value, pathStart, queryStart);
  if (inPath) {
    report(inPath.offset, inPath.segment.length, `The URL carries what looks like a patient identifier in its path ("${inPath.segment}"). ${WHY} Use an opaque, expiring token instead.`);
    return;
  }
  // Condition words in the path or query: /programs/hiv-care, ?utm_campaign=diabetes-outreach.
  const visible = value.slice(pathStart).split(PLACEHOLDER_CHAR).join(" ");
  const words = visible.replace(/[^A-Za-z0-9]/g, " ");
  const hit = definiteHits(healthTermsIn(words, settings))[0];
  const advice = `${WHY} A campaign name or page path that names a condition tells them what the recipient is being treated for; use neutral names (utm_campaign=spring-outreach).`;
  if (hit) {
    report(pathStart + hit.start, hit.end - hit.start, `The URL names ${describeHit(hit, words)} in its path or query. ${advice}`);
    return;
  }
  // The same words once the client decodes them: /programs/&#104;iv-care, /programs/%68iv-care.
  const decoded = decodeUrlText(visible);
  if (decoded === visible) return;
  const decodedWords = decoded.replace(/[^A-Za-z0-9]/g, " ");
  const hidden = definiteHits(healthTermsIn(decodedWords, settings))[0];
  if (hidden) {
    report(pathStart, value.length - pathStart, `The URL names ${describeHit(hidden, decodedWords)} in its path or query, once its escapes are decoded. ${advice}`);
  }
}

const NAMED_REFERENCES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Decodes what a mail client decodes before the request leaves: HTML
 * character references (`&#104;`, `&#x68;`, `&amp;`) and percent escapes.
 * Every pattern is bounded, so this is linear.
 */
export function decodeUrlText(text: string): string {
  const unreferenced = text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
    if (!Number.isNaN(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return (name && NAMED_REFERENCES[name.toLowerCase()]) ?? whole;
  });
  return unreferenced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
  });
}

export default defineRule({
  meta: {
    id: "no-phi-in-url",
    description: "Link and image URLs (tracking pixels included) must not carry patient identifiers or name a condition",
    docsUrl: docsUrl("no-phi-in-url"),
    source: "45 CFR 164.514(b)(2)(i) (identifiers); HHS OCR Bulletin on online tracking technologies (2022, updated 2024)",
    defaultSeverity: "error",
    scope: "line",
    options: z.strictObject({}).default({}),
  },
  check({ model, settings, report }) {
    // Placeholders by position, so that each URL finds its own by binary search (linear overall).
    const sorted = [...model.placeholders].sort((a, b) => a.statementRange.offset - b.statementRange.offset);
    const within = (from: number, to: number): Placeholder[] => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.statementRange.offset < from) lo = mid + 1;
        else hi = mid;
      }
      const found: Placeholder[] = [];
      for (let i = lo; i < sorted.length && sorted[i]!.statementRange.offset < to; i++) {
        if (sorted[i]!.statementRange.endOffset <= to) found.push(sorted[i]!);
      }
      return found;
    };
    for (const url of model.urls) {
      // A placeholder inside the URL that reads PHI: ?mrn={{patient.mrn}}, open.gif?email={{email}}.
      const inside = within(url.range.offset, url.range.endOffset);
      const phiPlaceholder = inside.map((p) => ({ p, phi: phiOfPlaceholder(p, settings, { firstName: false }) })).find((x) => x.phi);
      if (phiPlaceholder?.phi) {
        report({
          message: `The URL sends \`{{${phiPlaceholder.p.original}}}\`, ${describePhi(phiPlaceholder.phi)}. ${WHY} Use an opaque, expiring token instead.`,
          range: phiPlaceholder.p.statementRange,
          surface: "body",
          subject: url.value,
        });
        continue;
      }
      // Literal text of the URL, with placeholders masked so their names are not read as words.
      let masked = "";
      let cursor = url.range.offset;
      for (const p of inside.map((x) => x.statementRange).sort((a, b) => a.offset - b.offset)) {
        if (p.offset < cursor) continue;
        masked += model.source.slice(cursor, p.offset) + PLACEHOLDER_CHAR.repeat(p.endOffset - p.offset);
        cursor = p.endOffset;
      }
      masked += model.source.slice(cursor, url.range.endOffset);
      checkUrl({ ...url, value: masked }, settings, (offset, length, message) => {
        report({ message, range: model.rangeOf(url.range.offset + offset, url.range.offset + offset + length), surface: "body", subject: url.value });
      });
    }
  },
});
