import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_CORPUS, runCli, tempDir } from "../helpers.js";

interface Result {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number }[];
}

const parse = (stdout: string) => JSON.parse(stdout) as Result[];

describe("--concurrency", () => {
  it("worker threads give the same results, in the same order, as linting in one thread", () => {
    const sequential = runCli(["--format", "json", "--concurrency", "off", DEV_CORPUS]);
    const parallel = runCli(["--format", "json", "--concurrency", "2", DEV_CORPUS]);
    expect(sequential.status).toBe(1);
    expect(parallel.status, parallel.stderr).toBe(1);
    expect(parse(sequential.stdout).length).toBeGreaterThanOrEqual(40);
    expect(parallel.stdout).toBe(sequential.stdout);
  }, 300_000);

  it("rejects a bad value", () => {
    const run = runCli(["--concurrency", "zero", DEV_CORPUS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--concurrency/);
  });
});

// Several CLI runs each; the machine may be busy.
describe("--cache", { timeout: 180_000 }, () => {
  const TEMPLATE = `---
subject: Your appointment reminder
consentCategory: appointment-reminders
---
Hello {{patient.firstName}}, your diabetes check is on {{patient.dob}}.

[Unsubscribe]({{unsubscribe_url}})
`;

  function project() {
    const dir = tempDir("hipaa-lint-cache-");
    writeFileSync(join(dir, "a.md"), TEMPLATE);
    writeFileSync(join(dir, "b.md"), TEMPLATE.replace("diabetes check", "yearly check"));
    writeFileSync(join(dir, "hipaa-lint.config.json"), JSON.stringify({ rules: { "no-condition-in-body": "error" } }));
    return dir;
  }
  const lint = (dir: string, ...extra: string[]) => runCli(["--format", "json", ...extra, "."], { cwd: dir });
  const cacheFile = (dir: string) => join(dir, ".hipaa-lint-cache");
  /** Replaces the cached messages' text, to see whether a run reads them from the cache. */
  function tamper(dir: string) {
    const data = JSON.parse(readFileSync(cacheFile(dir), "utf8")) as { entries: Record<string, { result: Result }> };
    for (const entry of Object.values(data.entries)) for (const m of entry.result.messages) m.message = "FROM CACHE";
    writeFileSync(cacheFile(dir), JSON.stringify(data));
  }
  const fromCache = (results: Result[], name: string) => results.find((r) => r.filePath.endsWith(name))!.messages.some((m) => m.message === "FROM CACHE");

  it("gives the results of an uncached run, cold and warm, and writes the cache atomically", () => {
    const dir = project();
    const uncached = lint(dir);
    const cold = lint(dir, "--cache");
    const warm = lint(dir, "--cache");
    expect(uncached.status).toBe(1);
    expect(parse(uncached.stdout).some((r) => r.messages.length > 0)).toBe(true);
    expect(cold.stdout).toBe(uncached.stdout);
    expect(warm.stdout).toBe(uncached.stdout);
    expect(warm.status).toBe(uncached.status);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp"))).toEqual([]);
  });

  it("reuses a result until the file changes", () => {
    const dir = project();
    lint(dir, "--cache");
    tamper(dir);
    const hit = parse(lint(dir, "--cache").stdout);
    expect(fromCache(hit, "a.md")).toBe(true);
    expect(fromCache(hit, "b.md")).toBe(true);

    writeFileSync(join(dir, "a.md"), TEMPLATE.replace("Hello", "Hi"));
    const changed = parse(lint(dir, "--cache").stdout);
    expect(fromCache(changed, "a.md")).toBe(false);
    expect(fromCache(changed, "b.md")).toBe(true);
    expect(changed).toEqual(parse(lint(dir).stdout).map((r) => (r.filePath.endsWith("b.md") ? changed.find((c) => c.filePath === r.filePath)! : r)));
  });

  it("lints again when the config changes", () => {
    const dir = project();
    lint(dir, "--cache");
    tamper(dir);
    writeFileSync(join(dir, "hipaa-lint.config.json"), JSON.stringify({ rules: { "no-condition-in-body": "off" } }));
    const after = lint(dir, "--cache");
    expect(fromCache(parse(after.stdout), "a.md")).toBe(false);
    expect(after.stdout).toBe(lint(dir).stdout);
    // a --rule flag is part of the effective config too
    tamper(dir);
    const withFlag = lint(dir, "--cache", "--rule", "generic-cta: off");
    expect(fromCache(parse(withFlag.stdout), "a.md")).toBe(false);
  });

  it("lints again when the linter changes (another version or build)", () => {
    const dir = project();
    lint(dir, "--cache");
    tamper(dir);
    const data = JSON.parse(readFileSync(cacheFile(dir), "utf8")) as { tool: string };
    data.tool = `0.0.0-other+${data.tool}`;
    writeFileSync(cacheFile(dir), JSON.stringify(data));
    const after = lint(dir, "--cache");
    expect(fromCache(parse(after.stdout), "a.md")).toBe(false);
    expect(after.stdout).toBe(lint(dir).stdout);
  });

  it("--cache-location names the file, or a folder to put it in; a broken cache is ignored", () => {
    const dir = project();
    const store = tempDir("hipaa-lint-cache-store-");
    const file = join(store, "results.json");
    expect(lint(dir, "--cache", "--cache-location", file).stdout).toBe(lint(dir).stdout);
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("entries");
    lint(dir, "--cache", "--cache-location", `${store}/`);
    expect(readdirSync(store).sort()).toEqual([".hipaa-lint-cache", "results.json"]);
    writeFileSync(file, "{ not json");
    expect(lint(dir, "--cache", "--cache-location", file).stdout).toBe(lint(dir).stdout);
  });

  it("skips reading files whose metadata is unchanged, and still sees a same-size edit with its old modification time", async () => {
    const dir = project();
    // Metadata is trusted only once it is older than the racy window (RACY_WINDOW_MS, 2 s).
    await new Promise((done) => setTimeout(done, 2100));
    lint(dir, "--cache");
    // Make the stored content hashes wrong: only a run that does not read the files can still hit.
    const data = JSON.parse(readFileSync(cacheFile(dir), "utf8")) as { entries: Record<string, { content: string; meta?: unknown; result: Result }> };
    for (const entry of Object.values(data.entries)) {
      expect(entry.meta).toBeDefined();
      entry.content = "0".repeat(64);
      for (const m of entry.result.messages) m.message = "FROM CACHE";
    }
    writeFileSync(cacheFile(dir), JSON.stringify(data));
    const warm = parse(lint(dir, "--cache").stdout);
    expect(fromCache(warm, "a.md")).toBe(true);
    expect(fromCache(warm, "b.md")).toBe(true);

    // Same size, modification time set back: the change time still moved.
    const file = join(dir, "a.md");
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, "utf8").replace("diabetes", "Diabetes"));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const edited = parse(lint(dir, "--cache").stdout);
    expect(fromCache(edited, "a.md")).toBe(false);
    expect(fromCache(edited, "b.md")).toBe(true);
  });

  it("with worker threads too", () => {
    const dir = project();
    const uncached = lint(dir, "--concurrency", "off");
    expect(lint(dir, "--cache", "--concurrency", "2").stdout).toBe(uncached.stdout);
    tamper(dir);
    expect(fromCache(parse(lint(dir, "--cache", "--concurrency", "2").stdout), "b.md")).toBe(true);
  });
});
