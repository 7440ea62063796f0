import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { FileApproval } from "../../linter/src/approvals/schema.js";
import { ApprovalsFileError, approvalPathOf, approvalsPathFor, loadApprovals, parseApprovals, serializeApprovals, writeApprovals } from "../../linter/src/approvals/store.js";
import { ROOT, tempDir } from "../helpers.js";

// The approvals file: validation that names the entry, a stable serialization, atomic writes.

const entry = (extra: Partial<FileApproval> = {}): FileApproval => ({
  file: "emails/a.mjml",
  ruleId: "no-unescaped-placeholder",
  surface: "body",
  fingerprint: "0123456789abcdef0123456789abcdef",
  text: "{{{x}}}",
  reviewer: "Dana",
  reason: "Sanitized upstream",
  date: "2026-01-10",
  expires: null,
  ...extra,
});

const fileText = (approvals: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, approvals, ...extra });

function errorOf(text: string): ApprovalsFileError {
  try {
    parseApprovals(text, "/repo/hipaa-lint.approvals.json");
  } catch (error) {
    if (error instanceof ApprovalsFileError) return error;
    throw error;
  }
  throw new Error("expected an ApprovalsFileError");
}

describe("parseApprovals", () => {
  it("reads a valid file", () => {
    expect(parseApprovals(fileText([entry(), entry({ file: "b.md", expires: "2027-01-01", text: null, surface: "file" })]), "x")).toHaveLength(2);
  });

  it("names the entry index and key of an invalid value", () => {
    const error = errorOf(fileText([entry(), entry({ file: "b.md", date: "2026-02-30" })]));
    expect(error.where).toBe("approvals[1].date");
    expect(error.message).toBe('/repo/hipaa-lint.approvals.json: approvals[1].date: expected the approval date as a real date "YYYY-MM-DD" (the entry for b.md, no-unescaped-placeholder)');
    expect(errorOf(fileText([entry({ fingerprint: "XYZ" })])).where).toBe("approvals[0].fingerprint");
    expect(errorOf(fileText([entry({ reviewer: "  " })])).where).toBe("approvals[0].reviewer");
    expect(errorOf(fileText([entry({ file: "C:\\emails\\a.mjml" })])).where).toBe("approvals[0].file");
    expect(errorOf(fileText([entry({ surface: "footer" as never })])).where).toBe("approvals[0].surface");
  });

  it("names a missing or unknown key", () => {
    const { reason: _reason, ...noReason } = entry();
    expect(errorOf(fileText([noReason])).message).toContain("approvals[0].reason: expected the reason");
    expect(errorOf(fileText([{ ...entry(), approvedBy: "x" }])).message).toContain('approvals[0].approvedBy: unknown key "approvedBy"');
    expect(errorOf(JSON.stringify({ approvals: [] })).where).toBe("version");
  });

  it("reports the position of invalid JSON", () => {
    expect(errorOf('{\n  "version": 1,\n  "approvals": [\n    { "file": "a.mjml", }\n  ]\n}').message).toMatch(/: 4:25: invalid JSON/);
  });

  it("refuses two approvals of the same finding", () => {
    const error = errorOf(fileText([entry(), entry({ file: "b.md" }), entry({ reviewer: "Sam" })]));
    expect(error.where).toBe("approvals[2]");
    expect(error.detail).toContain("approvals[0]");
  });
});

describe("serializeApprovals and writeApprovals", () => {
  it("sorts by file, rule and fingerprint with a fixed key order, so diffs stay small", () => {
    const approvals = [
      entry({ file: "z.mjml" }),
      entry({ ruleId: "require-unsubscribe", surface: "file", text: null }),
      entry({ fingerprint: "f".repeat(32) }),
      entry(),
      // Keys in another order come out in the fixed one.
      Object.fromEntries(Object.entries(entry({ file: "a.mjml" })).reverse()) as FileApproval,
    ];
    const text = serializeApprovals(approvals);
    const parsed = JSON.parse(text);
    expect(parsed.approvals.map((a: FileApproval) => `${a.file} ${a.ruleId} ${a.fingerprint[0]}`)).toEqual([
      "a.mjml no-unescaped-placeholder 0",
      "emails/a.mjml no-unescaped-placeholder 0",
      "emails/a.mjml no-unescaped-placeholder f",
      "emails/a.mjml require-unsubscribe 0",
      "z.mjml no-unescaped-placeholder 0",
    ]);
    expect(Object.keys(parsed.approvals[0])).toEqual(["file", "ruleId", "surface", "fingerprint", "text", "reviewer", "reason", "date", "expires"]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "approvals": [\n    {\n      "file"');
    expect(serializeApprovals([...approvals].reverse())).toBe(text);
  });

  it("writes through a temporary file and leaves only the approvals file", () => {
    const dir = tempDir();
    const path = join(dir, "hipaa-lint.approvals.json");
    writeFileSync(path, "old");
    writeApprovals(path, [entry()]);
    expect(readdirSync(dir)).toEqual(["hipaa-lint.approvals.json"]);
    expect(loadApprovals(path).approvals).toEqual([entry()]);
    expect(readFileSync(path, "utf8")).toBe(serializeApprovals([entry()]));
  });

  it("keeps the file's $schema", () => {
    const dir = tempDir();
    const path = join(dir, "hipaa-lint.approvals.json");
    const schema = "./node_modules/hipaa-lint/schema/approvals.schema.json";
    writeFileSync(path, JSON.stringify({ $schema: schema, version: 1, approvals: [entry()] }));
    const loaded = loadApprovals(path);
    expect(loaded.$schema).toBe(schema);
    writeApprovals(path, loaded.approvals, loaded.$schema);
    expect(readFileSync(path, "utf8")).toMatch(/^\{\n  "\$schema": "\.\/node_modules\/hipaa-lint\/schema\/approvals\.schema\.json",\n  "version": 1,/);
  });

  it("treats a missing file as no approvals", () => {
    expect(loadApprovals(join(tempDir(), "none.json")).approvals).toEqual([]);
  });
});

describe("approvals paths", () => {
  it("stores template paths relative to the approvals file with forward slashes", () => {
    expect(approvalPathOf("/repo/hipaa-lint.approvals.json", "/repo/emails/a.mjml")).toBe("emails/a.mjml");
    expect(approvalPathOf("/repo/compliance/approvals.json", "/repo/emails/a.mjml")).toBe("../emails/a.mjml");
  });

  it("finds the file by --approvals, the config's key, beside the config, or in cwd", () => {
    const loaded = { filePath: "/repo/hipaa-lint.config.yaml", data: {} };
    expect(approvalsPathFor(loaded, "/repo/emails")).toBe("/repo/hipaa-lint.approvals.json");
    expect(approvalsPathFor({ ...loaded, data: { approvals: "compliance/approvals.json" } }, "/repo/emails")).toBe("/repo/compliance/approvals.json");
    expect(approvalsPathFor(loaded, "/repo/emails", "mine.json")).toBe("/repo/emails/mine.json");
    expect(approvalsPathFor(null, "/work")).toBe("/work/hipaa-lint.approvals.json");
    expect(approvalsPathFor({ filePath: null, data: {} }, "/work")).toBe("/work/hipaa-lint.approvals.json");
  });
});

describe("schema/approvals.schema.json", () => {
  it("is generated from the zod schema and accepts what hipaa-lint writes", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "linter", "schema", "approvals.schema.json"), "utf8"));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(JSON.parse(serializeApprovals([entry(), entry({ file: "b.md", expires: "2027-01-01", text: null })])))).toBe(true);
    expect(validate({ version: 1, approvals: [{ ...entry(), reviewer: "" }] })).toBe(false);
  });
});
