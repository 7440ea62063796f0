import { z } from "zod";
import { isCalendarDate } from "./dates.js";

/**
 * The approval record: one reviewer's approval of one finding. The Strapi
 * plugin's approval events carry the same fields (with `campaign` instead of
 * `file`); see README.md beside this file.
 */

const day = (what: string) =>
  z.string({ error: `expected the ${what} as "YYYY-MM-DD"` }).refine(isCalendarDate, { error: `expected the ${what} as a real date "YYYY-MM-DD"` });

const nonEmpty = (what: string) => z.string({ error: `expected ${what} (a non-empty string)` }).trim().min(1, { error: `expected ${what} (a non-empty string)` });

/** The fields every approval carries, wherever it is stored. */
export const approvalFields = {
  ruleId: nonEmpty("the rule id").describe("The rule whose finding is approved"),
  /** `fingerprintOf`: rule, surface, flagged text and its enclosing node, hashed. */
  fingerprint: z
    .string({ error: "expected the finding's fingerprint (32 hex digits)" })
    .regex(/^[0-9a-f]{32}$/, { error: "expected the finding's fingerprint (32 lowercase hex digits)" })
    .describe("The finding's fingerprint: a hash of the rule, surface, flagged text and its enclosing node"),
  surface: z
    .enum(["subject", "preheader", "title", "body", "front-matter", "file"], { error: 'expected a surface: "subject", "preheader", "title", "body", "front-matter" or "file"' })
    .describe("Where the finding sits"),
  /** The flagged text as the reviewer saw it; null for a file-level finding (something missing). */
  text: z.string({ error: "expected the flagged text (a string) or null" }).nullable().describe("The flagged text, for people reading the approval"),
  reviewer: nonEmpty("the reviewer's name").describe("Who approved"),
  reason: nonEmpty("the reason").describe("Why the finding is acceptable"),
  date: day("approval date").describe("When it was approved (YYYY-MM-DD, UTC)"),
  expires: day("expiry date").nullable().describe("The last day the approval holds (YYYY-MM-DD, UTC), or null for no expiry"),
};

/** An approval in a template repository's `hipaa-lint.approvals.json`. */
export const fileApprovalSchema = z.strictObject({
  file: nonEmpty("the template's path")
    .refine((p) => !p.includes("\\") && !p.startsWith("/") && !/^[A-Za-z]:/.test(p), {
      error: "expected a path relative to the approvals file, with forward slashes",
    })
    .describe("The template, relative to the approvals file, with forward slashes"),
  ...approvalFields,
});

export const APPROVALS_FILE_VERSION = 1;

export const approvalsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(APPROVALS_FILE_VERSION, { error: `expected "version": ${APPROVALS_FILE_VERSION}` }),
    approvals: z.array(fileApprovalSchema, { error: 'expected "approvals" to be a list' }),
  })
  .describe("hipaa-lint reviewer approvals");

export type FileApproval = z.output<typeof fileApprovalSchema>;
/** The fields matching reads, wherever the approval is stored. */
export type ApprovalCore = Omit<FileApproval, "file">;
export type ApprovalsFileData = z.output<typeof approvalsFileSchema>;

/**
 * The shared shape: a file approval (`file`) or a Strapi campaign approval
 * event (`campaign`, the campaign's document id).
 */
export type ApprovalRecord = Omit<FileApproval, "file"> & ({ file: string; campaign?: never } | { campaign: string; file?: never });
