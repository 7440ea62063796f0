"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { parse: parseYaml } = require("yaml");

const CATEGORY = "plugin::hipaa-lint.consent-category";
const CAMPAIGN = "plugin::hipaa-lint.campaign";

/** Templates shipped with the repository become example campaigns. */
const TEMPLATES_DIR = process.env.PLAYGROUND_TEMPLATES_DIR || path.resolve(__dirname, "../../../templates");

const CATEGORIES = [
  { key: "wellness-tips", name: "Wellness tips", purpose: "marketing", conditionSpecific: false, description: "General health and wellness advice, not about any condition." },
  { key: "appointment-reminders", name: "Appointment reminders", purpose: "treatment", conditionSpecific: false, description: "Reminders of booked appointments, with no clinical detail." },
  { key: "condition-specific-updates", name: "Condition-specific updates", purpose: "treatment", conditionSpecific: true, description: "Content about a condition, sent only to patients who explicitly opted in to it." },
  { key: "newsletters", name: "Newsletters", purpose: "marketing", conditionSpecific: false, description: "The clinic's periodic newsletter." },
  { key: "events", name: "Events", purpose: "operations", conditionSpecific: false, description: "Classes, open days and community events." },
];

/** Template extensions and their format, as the linter reads them (Handlebars templates are HTML unless named otherwise). */
const FORMATS = [
  [".mjml.hbs", "mjml"],
  [".html.hbs", "html"],
  [".md.hbs", "markdown"],
  [".mjml", "mjml"],
  [".html", "html"],
  [".htm", "html"],
  [".hbs", "html"],
  [".handlebars", "html"],
  [".md", "markdown"],
  [".markdown", "markdown"],
];

function formatOf(name) {
  const lower = name.toLowerCase();
  const found = FORMATS.find(([extension]) => lower.endsWith(extension));
  return found ? found[1] : null;
}

/** Splits `---` YAML front matter from a template's body. */
function splitTemplate(source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { meta: {}, body: source };
  return { meta: parseYaml(match[1]) || {}, body: source.slice(match[0].length) };
}

function templateFiles() {
  const dirs = [TEMPLATES_DIR, path.join(TEMPLATES_DIR, "examples-failing")];
  return dirs.flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((name) => formatOf(name) && name.toLowerCase() !== "readme.md")
          .sort()
          .map((name) => path.join(dir, name))
      : [],
  );
}

function titleOf(file) {
  const name = path.basename(file);
  const extension = FORMATS.find(([ext]) => name.toLowerCase().endsWith(ext))[0];
  const base = name.slice(0, -extension.length).replace(/[-_]+/g, " ");
  return base.charAt(0).toUpperCase() + base.slice(1);
}

async function seed(strapi) {
  const categories = strapi.documents(CATEGORY);
  for (const category of CATEGORIES) {
    if (!(await categories.findFirst({ filters: { key: category.key } }))) await categories.create({ data: { ...category, active: true } });
  }
  const campaigns = strapi.documents(CAMPAIGN);
  for (const file of templateFiles()) {
    const failing = path.basename(path.dirname(file)) === "examples-failing";
    const title = failing ? `Failing example: ${titleOf(file)}` : titleOf(file);
    if (await campaigns.findFirst({ filters: { title } })) continue;
    const { meta, body } = splitTemplate(fs.readFileSync(file, "utf8"));
    const category = meta.consentCategory ? await categories.findFirst({ filters: { key: String(meta.consentCategory) } }) : null;
    await campaigns.create({
      data: {
        title,
        subject: meta.subject != null ? String(meta.subject) : title,
        preheader: meta.preheader != null ? String(meta.preheader) : null,
        body,
        format: formatOf(path.basename(file)),
        consentCategory: category ? category.documentId : null,
        audienceSegment: "Patients who opted in to this category",
      },
    });
  }
}

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    if (process.env.PLAYGROUND_SEED === "false") return;
    await seed(strapi);
  },
};
