import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { runCli } from "../helpers.js";

interface Result {
  filePath: string;
  messages: { ruleId: string | null; severity: number }[];
}

describe("bundled templates", () => {
  it("the starter templates pass the recommended rules (exit 0, no findings)", () => {
    const run = runCli(["--format", "json", "templates/"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const results = JSON.parse(run.stdout) as Result[];
    expect(results.map((r) => r.filePath.split("/").pop()).sort()).toEqual(["appointment-reminder.hbs", "event-invitation.mjml", "newsletter.mjml", "wellness-tips.md"]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it("the failing examples report every rule at least once, each in the file named after it", () => {
    const run = runCli(["--format", "json", "templates/examples-failing"]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Result[];
    const reported = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    for (const rule of allRules) expect(reported, rule.meta.id).toContain(rule.meta.id);
    for (const result of results) {
      const ruleId = result.filePath.split("/").pop()!.replace(/\.(mjml|hbs|html|md)$/, "");
      expect(result.messages.map((m) => m.ruleId), ruleId).toContain(ruleId);
    }
  });
});
