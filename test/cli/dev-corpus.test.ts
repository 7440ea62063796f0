import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_CORPUS, runCli } from "../helpers.js";

function countTemplates(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) n += countTemplates(path);
    else if (/\.(mjml|hbs|html|md)$/.test(name) && name !== "README.md") n++;
  }
  return n;
}

describe("CLI on the shared dev corpus", () => {
  it("prints one JSON result per template and exits 1", () => {
    const run = runCli(["--format", "json", DEV_CORPUS]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[];
    const templates = results.filter((r) => !r.filePath.endsWith("README.md"));
    expect(templates).toHaveLength(countTemplates(DEV_CORPUS));
    expect(templates.length).toBe(40);
  });
});
