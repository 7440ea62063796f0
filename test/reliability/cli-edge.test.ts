/**
 * CLI edge cases of issue 8, through the real CLI: each gives a clear message
 * and the documented exit code (linter/README.md, "Files that cannot be linted").
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers.js";

const CLEAN = `---\nconsentCategory: events\n---\n<p>Join us at the open house.</p>\n<a href="{{unsubscribe_url}}">Unsubscribe</a>\n`;

function project(): string {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "ok.html"), CLEAN);
  return dir;
}

const json = (stdout: string) => JSON.parse(stdout) as { filePath: string; messages: { fatal?: boolean; message: string; line: number; column: number }[] }[];

describe("CLI edge cases", () => {
  it("an unreadable file: a fatal 'permission denied' message, exit 1", () => {
    const dir = project();
    const secret = join(dir, "secret.html");
    writeFileSync(secret, CLEAN);
    chmodSync(secret, 0o000);
    // As root (CI containers) chmod does not stop reads: run the CLI as an unprivileged user instead.
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(process.execPath, [BIN, "--format", "json", "secret.html", "ok.html"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    if (run.error || (asRoot && /EACCES|permission/i.test(run.stderr) && !run.stdout)) {
      // No unprivileged user available to drop to: nothing can make the file unreadable here.
      console.warn(`skipped: cannot make a file unreadable in this environment (${run.error?.message ?? run.stderr})`);
      return;
    }
    expect(run.status).toBe(1);
    const secretResult = json(run.stdout).find((r) => r.filePath.endsWith("secret.html"))!;
    expect(secretResult.messages).toEqual([expect.objectContaining({ fatal: true, line: 1, column: 1, message: expect.stringMatching(/Cannot read file: permission denied \(EACCES\)/) })]);
    // The other file is still linted.
    expect(json(run.stdout).find((r) => r.filePath.endsWith("ok.html"))!.messages).toEqual([]);
  });

  it("a directory loop (symbolic link cycle) terminates and lints each real file once", () => {
    const dir = project();
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    writeFileSync(join(dir, "a", "b", "inner.html"), CLEAN);
    symlinkSync("../..", join(dir, "a", "b", "loop"));
    symlinkSync(".", join(dir, "a", "self"));
    const run = runCli(["--format", "json", "."], { cwd: dir });
    expect(run.status).toBe(0);
    expect(json(run.stdout).map((r) => r.filePath.slice(dir.length + 1)).sort()).toEqual(["a/b/inner.html", "ok.html"]);
  });

  it("a symbolic link loop named on the command line: a fatal message, exit 1", () => {
    const dir = project();
    symlinkSync("loop.html", join(dir, "loop.html"));
    const run = runCli(["loop.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Cannot read file: .*\((ELOOP|ENOENT)\)/);
  });

  it("a broken symbolic link named on the command line: a fatal message, exit 1", () => {
    const dir = project();
    symlinkSync("missing.html", join(dir, "broken.html"));
    const run = runCli(["broken.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Cannot read file: no such file/);
  });

  it("a binary file: 'looks binary', exit 1", () => {
    const dir = project();
    writeFileSync(join(dir, "logo.html"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    const run = runCli(["--format", "json", "logo.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(json(run.stdout)[0]!.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/NUL bytes: it looks binary/) });
  });

  it("a UTF-16 file: 'save it as UTF-8', exit 1", () => {
    const dir = project();
    writeFileSync(join(dir, "u16.html"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<p>hi</p>", "utf16le")]));
    const run = runCli(["u16.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/UTF-16 .* save it as UTF-8/);
  });

  it("a file over maxFileSize is reported, not skipped: exit 1", () => {
    const dir = project();
    writeFileSync(join(dir, "hipaa-lint.config.json"), JSON.stringify({ maxFileSize: 1000 }));
    writeFileSync(join(dir, "big.html"), CLEAN + "<p>padding</p>\n".repeat(200));
    const run = runCli(["--format", "json", "."], { cwd: dir });
    expect(run.status).toBe(1);
    const big = json(run.stdout).find((r) => r.filePath.endsWith("big.html"))!;
    expect(big.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/over the 1000-byte limit \(`maxFileSize`\): not linted/) })]);
  });

  it("a pattern matching nothing: a message on stderr, exit 2", () => {
    const dir = project();
    const run = runCli(["drafts/**/*.html"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/No files matching the pattern "drafts\/\*\*\/\*\.html" were found/);
    const missing = runCli(["nope.html"], { cwd: dir });
    expect(missing.status).toBe(2);
  });

  it("a FIFO named like a template does not block: 'not a regular file', exit 1", () => {
    const dir = project();
    const fifo = spawnSync("mkfifo", [join(dir, "pipe.html")]);
    if (fifo.status !== 0) return; // no mkfifo on this platform
    const run = runCli(["pipe.html"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Not a regular file/);
  });

  it("a JSON config is read as data, never run", () => {
    const dir = project();
    writeFileSync(join(dir, "hipaa-lint.config.json"), `{"rules": {}, "x": "\${require('fs').writeFileSync('pwned','')}"}`);
    const run = runCli(["ok.html"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/invalid config/);
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });
});
