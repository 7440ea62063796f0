import { z } from "zod";
import { defineRule, docsUrl } from "../../linter/src/rule-api.js";
import { identifierWords } from "../../linter/src/text/words.js";

// Words that mark a value as a URL or link the sender's platform builds.
const URL_WORDS = new Set(["url", "urls", "uri", "href", "link", "links", "src", "unsubscribe", "unsub", "track", "tracking", "tracked", "redirect", "permalink"]);

const isUrlLike = (name: string) => identifierWords(name).some((w) => URL_WORDS.has(w));

export default defineRule({
  meta: {
    id: "no-unescaped-placeholder",
    description: "A triple-stash `{{{…}}}` inserts a data field as raw HTML: escape it with `{{…}}`",
    docsUrl: docsUrl("no-unescaped-placeholder"),
    source: "45 CFR 164.312(c)(1) (integrity); HHS guidance on safeguarding ePHI in email",
    defaultSeverity: "error",
    scope: "line",
    options: z
      .strictObject({
        /** Paths that may be inserted raw, e.g. a layout's `body` slot. */
        allow: z.array(z.string().min(1)).default(["body", "content", "yield"]),
      })
      .default({ allow: ["body", "content", "yield"] }),
  },
  check({ model, options, report }) {
    const allowed = new Set(options.allow);
    for (const statement of model.statements) {
      if (statement.type !== "mustache" || statement.escaped) continue;
      // Inside an HTML comment the value is never shown to the reader.
      if (statement.placeholders.some((p) => p.context === "comment")) continue;
      // A helper that builds a URL (`{{{trackUrl "…"}}}`) is the sender's own markup.
      if (statement.callee && isUrlLike(statement.callee)) continue;
      const data = statement.placeholders.filter((p) => p.resolved !== null);
      if (statement.callee && data.length === 0) continue;
      const offending = data.filter((p) => !isUrlLike(p.original) && !allowed.has(p.original) && !allowed.has((p.resolved ?? []).join(".")));
      if (data.length > 0 && offending.length === 0) continue;
      if (data.length === 0 && !statement.callee) continue;
      const shown = model.source.slice(statement.range.offset, statement.range.endOffset);
      const field = offending[0]?.original ?? statement.callee ?? "";
      report({
        message:
          `\`${shown}\` inserts "${field}" as raw HTML: data fields must be escaped. Use \`{{${field}}}\`, ` +
          "or render rich text through a helper you control that sanitizes it.",
        range: statement.range,
        surface: statement.placeholders[0]?.context === "front-matter" ? "front-matter" : "body",
        subject: shown,
      });
    }
  },
});
