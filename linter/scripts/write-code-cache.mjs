#!/usr/bin/env node
// Writes dist/bundle/cli.cjs.code-cache (build step, after bundle.mjs): the
// V8 code cache that bin/compile-bundle.cjs compiles the CLI with. A child
// process runs the CLI on a few sample templates, one per format and with
// findings of every kind, and at its exit V8 serializes every function
// compiled by then, so a real run finds the parsers, rules and report code
// already compiled. The child runs without NODE_OPTIONS: V8 accepts a cache
// only under the flags it was made with, and users run plain `node`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { loadBundle, CODE_CACHE } = require("../bin/compile-bundle.cjs");

if (process.argv[2] === "--child") {
  // The child: lint the samples as the bin would, keep what V8 compiled.
  const samples = process.argv[3];
  process.argv = [process.execPath, "hipaa-lint", samples];
  const bundle = loadBundle((url) => import(url), { useCache: false });
  process.on("exit", () => writeFileSync(CODE_CACHE, bundle.codeCache()));
  await bundle.cli.main();
} else {
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
    rmSync(CODE_CACHE, { force: true });
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", dir], {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: "" },
      encoding: "utf8",
    });
    // Exit 1: the samples have findings, as intended. Anything else is a broken build.
    if (run.status !== 1 || !run.stdout.includes("error")) {
      throw new Error(`the CLI did not lint the samples (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`code cache: ${(statSync(CODE_CACHE).size / 1024).toFixed(0)} KiB`);
}
