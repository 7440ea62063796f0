import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli } from "../helpers.js";

// Templates and helpers shared by the approvals end-to-end tests.

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  fingerprint?: string;
  suppressions?: { kind: string; justification: string }[];
}
export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

export const APPROVALS = "hipaa-lint.approvals.json";

/** A template whose only finding is a raw `{{{…}}}` in its subject line. */
export const SUBJECT_TEMPLATE = `---
subject: "Your visit summary {{{visit.summaryHtml}}} is ready"
consentCategory: appointment-reminders
---
<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{firstName}},</mj-text>
        <mj-text>Your care team has posted a summary of your last visit.</mj-text>
        <mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

/** A template with a raw `{{{…}}}` in a body paragraph. */
export const BODY_TEMPLATE = `---
subject: "A note from your care team"
consentCategory: appointment-reminders
---
<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{firstName}},</mj-text>
        <mj-text>Here is your note: {{{patient.noteHtml}}}</mj-text>
        <mj-text>See you at the clinic.</mj-text>
        <mj-text><a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export const APPROVE = ["approve", "--reviewer", "Dana Reyes (Privacy Office)", "--reason", "Summary HTML is sanitized by the EHR export"];

export function lintJson(cwd: string, args: string[] = []): { status: number; results: JsonResult[]; stderr: string } {
  const run = runCli(["--format", "json", ...args], { cwd });
  return { status: run.status, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr };
}

export function readApprovals(dir: string): { version: number; approvals: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(dir, APPROVALS), "utf8"));
}

export function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}


/** Each test spawns the CLI several times (about a second each on a busy CI machine): room, not a deadline. */
export const E2E_TIMEOUT = 120_000;

/**
 * Writes a config that turns on only the rules a test is about, so that rules
 * added later (and their findings on these templates) do not change it.
 */
export function pinRules(dir: string, rules: Record<string, string> = { "no-unescaped-placeholder": "error", "require-unsubscribe": "error" }): void {
  const lines = Object.entries(rules).map(([id, severity]) => `  ${id}: ${severity}`);
  writeFileSync(join(dir, "hipaa-lint.config.yaml"), `extends: []\nrules:\n${lines.join("\n")}\n`);
}
