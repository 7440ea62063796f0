#!/usr/bin/env node
// Writes dist/bundle/cli.cjs.code-cache (build step, after bundle.mjs): the
// V8 code cache that bin/hipaa-lint.cjs starts the CLI with. The CLI lints a
// few sample templates, one per format and with findings of every kind, and
// V8 serializes every function compiled by then, so a real run finds the
// parsers, rules and report code already compiled. V8 checks the cache against
// the bundle's source, its own version and its flags at every start.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const linterDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(linterDir, "bin", "hipaa-lint.cjs");
const cache = join(linterDir, "dist", "bundle", "cli.cjs.code-cache");

const frontMatter = (subject) => `---\nsubject: "${subject}"\nconsentCategory: wellness-tips\n---\n`;
const samples = {
  "reminder.html.hbs": `${frontMatter("Managing your diabetes, {{patient.firstName}}")}<html><body>
<div style="display:none">Your A1C results are in</div>
<p>Hello {{patient.firstName}}, your record {{patient.mrn}} shows a refill is due.</p>
{{#if patient.diagnosis}}<p>About {{patient.diagnosis}}</p>{{/if}}
<a href="https://clinic.example/track?mrn={{patient.mrn}}">Refill your Ozempic</a>
<img src="https://clinic.example/p.gif?dx={{patient.diagnosis}}" alt="">
<a href="{{unsubscribe_url}}">Unsubscribe</a>
</body></html>\n`,
  "newsletter.mjml": `${frontMatter("Spring wellness tips")}<mjml><mj-body><mj-section><mj-column>
<mj-text>Stay active this spring: walking thirty minutes a day helps everyone.</mj-text>
<mj-button href="https://clinic.example/events">See events</mj-button>
<mj-text><a href="{{unsubscribe_url}}">Manage preferences</a></mj-text>
</mj-column></mj-section></mj-body></mjml>\n`,
  "update.md": `${frontMatter("Your chemotherapy schedule")}# Hello {{patient.name}}

Your oncology appointment for breast cancer is on {{appointment.date}}.
[Book now](https://clinic.example/book?patient={{patient.id}}) or [unsubscribe]({{unsubscribe_url}}).
`,
};

const dir = mkdtempSync(join(tmpdir(), "hipaa-lint-code-cache-"));
try {
  for (const [name, text] of Object.entries(samples)) writeFileSync(join(dir, name), text);
  const run = spawnSync(process.execPath, [bin, dir], { cwd: dir, env: { ...process.env, HIPAA_LINT_WRITE_CODE_CACHE: "1" }, encoding: "utf8" });
  // Exit 1: the samples have findings, as intended. Anything else is a broken build.
  if (run.status !== 1 || !run.stdout.includes("error")) {
    throw new Error(`the CLI did not lint the samples (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`code cache: ${(statSync(cache).size / 1024).toFixed(0)} KiB`);
