import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";
import { APPROVALS, BODY_TEMPLATE, APPROVE, readApprovals, E2E_TIMEOUT } from "./fixtures.js";

// End to end: the built CLI as a subprocess, on temporary folders with no git.

describe("where the approvals file lives", { timeout: E2E_TIMEOUT }, () => {
  it("in the current folder when no config applies", () => {
    const root = tempDir("hipaa-lint-approvals-");
    writeFileSync(join(root, "note.mjml"), BODY_TEMPLATE);
    expect(runCli(["note.mjml"], { cwd: root }).status).toBe(1);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: root }).status).toBe(0);
    expect(readApprovals(root).approvals.length).toBeGreaterThan(0);
    expect(runCli(["note.mjml"], { cwd: root }).status).toBe(0);
  });

  it("beside the config file in use, with paths relative to it", () => {
    const root = tempDir("hipaa-lint-approvals-");
    mkdirSync(join(root, "emails", "reminders"), { recursive: true });
    writeFileSync(join(root, "hipaa-lint.config.yaml"), "extends: []\nrules:\n  no-unescaped-placeholder: error\n");
    writeFileSync(join(root, "emails", "reminders", "note.mjml"), BODY_TEMPLATE);
    const cwd = join(root, "emails");
    expect(runCli([...APPROVE, "reminders/note.mjml"], { cwd }).status).toBe(0);
    expect(existsSync(join(cwd, APPROVALS))).toBe(false);
    expect(readApprovals(root).approvals).toMatchObject([{ file: "emails/reminders/note.mjml" }]);
    expect(runCli(["reminders"], { cwd }).status).toBe(0);
    expect(runCli(["emails"], { cwd: root }).status).toBe(0);
  });

  it("at the config's `approvals` path, or at --approvals FILE", () => {
    const root = tempDir("hipaa-lint-approvals-");
    mkdirSync(join(root, "compliance"));
    writeFileSync(join(root, "hipaa-lint.config.json"), JSON.stringify({ approvals: "compliance/approved.json", extends: [], rules: { "no-unescaped-placeholder": "error" } }));
    writeFileSync(join(root, "note.mjml"), BODY_TEMPLATE);
    expect(runCli([...APPROVE, "note.mjml"], { cwd: root }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, "compliance", "approved.json"), "utf8")).approvals).toMatchObject([{ file: "../note.mjml" }]);
    expect(runCli(["note.mjml"], { cwd: root }).status).toBe(0);
    expect(runCli(["approvals", "list"], { cwd: root }).stdout).toContain("1 approval in compliance/approved.json");

    // Another file named on the command line replaces it.
    expect(runCli(["--approvals", "elsewhere.json", "note.mjml"], { cwd: root }).status).toBe(1);
    expect(runCli([...APPROVE, "--approvals", "elsewhere.json", "note.mjml"], { cwd: root }).status).toBe(0);
    expect(runCli(["--approvals", "elsewhere.json", "note.mjml"], { cwd: root }).status).toBe(0);
  });

  it("rejects an approvals key that is not a path", () => {
    const root = tempDir("hipaa-lint-approvals-");
    writeFileSync(join(root, "hipaa-lint.config.json"), JSON.stringify({ approvals: 3 }));
    writeFileSync(join(root, "note.mjml"), BODY_TEMPLATE);
    const run = runCli(["note.mjml"], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("approvals");
  });
});
