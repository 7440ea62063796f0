import { describe, expect, it } from "vitest";
// The package entry: it loads the Markdown parser, which parse/index.js alone loads on demand.
import { parseTemplate } from "../../linter/src/index.js";
import { loadMarkdownParser } from "../../linter/src/parse/index.js";

// parseTemplate is synchronous: the Markdown parser is loaded first (the CLI and
// lintText do this themselves; from the source tree it cannot be required).
await loadMarkdownParser();
import type { Placeholder, SourceRange, TemplateModel, TextSpan } from "../../linter/src/model.js";

/** [line, column, endLine, endColumn] — 1-based, end exclusive, as ESLint reports them. */
type Pos = [number, number, number, number];
const pos = (r: SourceRange): Pos => [r.line, r.column, r.endLine, r.endColumn];

function placeholder(model: TemplateModel, original: string, nth = 0): Placeholder {
  const found = model.placeholders.filter((p) => p.original === original);
  const p = found[nth];
  if (!p) throw new Error(`no placeholder ${original} (#${nth}) in: ${model.placeholders.map((x) => x.original).join(", ")}`);
  // Whatever the reported position, it must cover exactly the path as written.
  expect(model.source.slice(p.range.offset, p.range.endOffset)).toBe(original);
  return p;
}

/** The source range of `needle` inside a span's reader-visible text. */
function locateIn(model: TemplateModel, span: TextSpan, needle: string): Pos {
  const at = span.text.indexOf(needle);
  expect(at, `"${needle}" in ${JSON.stringify(span.text)}`).toBeGreaterThanOrEqual(0);
  return pos(model.locate(span, at, at + needle.length));
}

const HTML = [
  '<html><head><title>Hi {{firstName}}, your visit</title></head>',
  "<body>",
  '<p>Dear {{patient.name}}, <a href="https://x.org/r?id={{patient.id}}">View</a></p>',
  '<p>{{formatDate appt.date "short"}} and {{link url=patient.portal}}</p>',
  "{{#with patient}}<p>{{dob}} {{../clinic.name}} {{this.mrn}} {{@root.org}}</p>{{/with}}",
  "{{#each meds as |m|}}<li>{{m.name}} {{this.dose}} {{../x}}</li>{{/each}}",
  "<p>Dia<b>betes</b> care</p>",
  "</body></html>",
  "",
].join("\n");

describe("positions: placeholders in HTML", () => {
  const model = parseTemplate(HTML, { filePath: "a.html" });

  it("in text", () => {
    const p = placeholder(model, "patient.name");
    expect(pos(p.range)).toEqual([3, 11, 3, 23]);
    expect(pos(p.statementRange)).toEqual([3, 9, 3, 25]);
    expect(p.context).toBe("text");
    expect(p.role).toBe("output");
    expect(p.escaped).toBe(true);
  });

  it("in an attribute", () => {
    const p = placeholder(model, "patient.id");
    expect(pos(p.range)).toEqual([3, 57, 3, 67]);
    expect(p.context).toBe("attribute");
    expect(p.attribute).toEqual({ element: "a", name: "href" });
  });

  it("as a helper param and as a hash value", () => {
    const param = placeholder(model, "appt.date");
    expect(pos(param.range)).toEqual([4, 17, 4, 26]);
    expect(param).toMatchObject({ role: "param", helper: "formatDate" });
    const hash = placeholder(model, "patient.portal");
    expect(pos(hash.range)).toEqual([4, 52, 4, 66]);
    expect(hash).toMatchObject({ role: "hash", helper: "link" });
  });

  it("inside #with: bare, ../, this. and @root paths resolve from the root", () => {
    const withParam = placeholder(model, "patient");
    expect(pos(withParam.range)).toEqual([5, 9, 5, 16]);
    expect(withParam).toMatchObject({ role: "param", helper: "with", statement: "block" });

    const dob = placeholder(model, "dob");
    expect(pos(dob.range)).toEqual([5, 23, 5, 26]);
    expect(dob.resolved).toEqual(["patient", "dob"]);

    const parent = placeholder(model, "../clinic.name");
    expect(pos(parent.range)).toEqual([5, 31, 5, 45]);
    expect(parent.resolved).toEqual(["clinic", "name"]);

    const explicitThis = placeholder(model, "this.mrn");
    expect(pos(explicitThis.range)).toEqual([5, 50, 5, 58]);
    expect(explicitThis.resolved).toEqual(["patient", "mrn"]);

    const root = placeholder(model, "@root.org");
    expect(pos(root.range)).toEqual([5, 63, 5, 72]);
    expect(root.resolved).toEqual(["org"]);
  });

  it("inside #each with a block param: elements are []", () => {
    const meds = placeholder(model, "meds");
    expect(pos(meds.range)).toEqual([6, 9, 6, 13]);
    expect(meds).toMatchObject({ helper: "each", resolved: ["meds"] });

    const name = placeholder(model, "m.name");
    expect(pos(name.range)).toEqual([6, 28, 6, 34]);
    expect(name.resolved).toEqual(["meds", "[]", "name"]);

    const dose = placeholder(model, "this.dose");
    expect(pos(dose.range)).toEqual([6, 39, 6, 48]);
    expect(dose.resolved).toEqual(["meds", "[]", "dose"]);

    expect(placeholder(model, "../x").resolved).toEqual(["x"]);
  });

  it("the <title> is a surface with its own range, and its placeholder is located", () => {
    const title = model.surfaces.find((s) => s.kind === "title");
    expect(title?.origin).toBe("title");
    expect(pos(title!.span.range)).toEqual([1, 20, 1, 48]);
    expect(locateIn(model, title!.span, "your visit")).toEqual([1, 38, 1, 48]);
    expect(pos(placeholder(model, "firstName").range)).toEqual([1, 25, 1, 34]);
  });

  it("links and URLs carry the href as written, with its range", () => {
    const link = model.links.find((l) => l.kind === "a")!;
    expect(link.label.text).toBe("View");
    expect(pos(link.range)).toEqual([3, 27, 3, 79]);
    expect(link.href?.value).toBe("https://x.org/r?id={{patient.id}}");
    expect(pos(link.href!.range)).toEqual([3, 36, 3, 69]);
  });

  it("inline elements do not split a word of a text run", () => {
    const run = model.textRuns.find((r) => r.span.text.includes("betes"))!;
    expect(run.span.text).toBe("Diabetes care");
    expect(run.element).toBe("p");
    expect(pos(run.span.range)).toEqual([7, 4, 7, 24]);
    // The word spans the <b> tag: it starts before it and ends inside it.
    expect(locateIn(model, run.span, "Diabetes")).toEqual([7, 4, 7, 15]);
    expect(locateIn(model, run.span, "care")).toEqual([7, 20, 7, 24]);
  });
});

describe("positions: nested scopes and unusual statements", () => {
  const source = [
    "<p>{{#with patient as |p|}}{{p.dob}}{{#each p.meds}}{{name}} {{../mrn}} {{@index}}{{/each}}{{else}}{{dob}}{{/with}}</p>",
    '<img src="{{#if photo}}{{photo.url}}{{/if}}" alt="Photo of {{patient.name}}">',
    "{{> footer clinic=org}}",
    "{{!-- {{patient.ssn}} --}}<!-- {{patient.ssn2}} -->",
    '{{link (concat "a" patient.id) title=(upper patient.lastName)}}',
    '<style>.x{color:red}</style><script>var a = "{{patient.zip}}";</script>',
    "{{#patient}}{{allergy}}{{/patient}}",
    "{{#each tags}}{{this}}{{/each}}",
    "",
  ].join("\n");
  const model = parseTemplate(source, { filePath: "d.hbs" });

  it("a block's statement range is its opening tag, not the whole block", () => {
    const m = parseTemplate("<p>{{#if x}}\nchemo{{else}}no{{/if}}{{~#each  items  ~}}a{{/each}}{{^empty}}z{{/empty}}</p>\n", { filePath: "g.hbs" });
    expect(m.statements.map((s) => [s.type, ...pos(s.range)])).toEqual([
      ["block", 1, 4, 1, 13],
      ["block", 2, 23, 2, 43],
      ["block", 2, 53, 2, 63],
    ]);
    expect(pos(placeholder(m, "items").statementRange)).toEqual([2, 23, 2, 43]);
  });

  it("block params of #with, #each inside #with, ../ from an #each, {{else}} in the outer scope", () => {
    expect(placeholder(model, "p.dob").resolved).toEqual(["patient", "dob"]);
    const meds = placeholder(model, "p.meds");
    expect(pos(meds.range)).toEqual([1, 45, 1, 51]);
    expect(meds.resolved).toEqual(["patient", "meds"]);
    expect(placeholder(model, "name").resolved).toEqual(["patient", "meds", "[]", "name"]);
    expect(placeholder(model, "../mrn").resolved).toEqual(["patient", "mrn"]);
    expect(placeholder(model, "@index").resolved).toBeNull();
    // The {{else}} branch of #with runs in the outer context.
    const elseDob = placeholder(model, "dob");
    expect(pos(elseDob.range)).toEqual([1, 102, 1, 105]);
    expect(elseDob.resolved).toEqual(["dob"]);
  });

  it("a mustache section on a data path changes the context; {{this}} in #each is the element", () => {
    expect(placeholder(model, "allergy").resolved).toEqual(["patient", "allergy"]);
    expect(placeholder(model, "this").resolved).toEqual(["tags", "[]"]);
  });

  it("#each over a subexpression: its elements are elements of the list it filters", () => {
    const m = parseTemplate("{{#each (filter appointments) as |a|}}{{a.reason}}{{/each}}\n{{#each (sortBy meds \"name\")}}{{dose}}{{/each}}\n", { filePath: "f.hbs" });
    const reason = placeholder(m, "a.reason");
    expect(pos(reason.range)).toEqual([1, 41, 1, 49]);
    expect(reason.resolved).toEqual(["appointments", "[]", "reason"]);
    expect(placeholder(m, "dose").resolved).toEqual(["meds", "[]", "dose"]);
  });

  it("blocks inside an attribute value: the placeholder is in that attribute", () => {
    const url = placeholder(model, "photo.url");
    expect(pos(url.range)).toEqual([2, 26, 2, 35]);
    expect(url.attribute).toEqual({ element: "img", name: "src" });
    const alt = placeholder(model, "patient.name");
    expect(pos(alt.range)).toEqual([2, 62, 2, 74]);
    expect(alt.attribute).toEqual({ element: "img", name: "alt" });
    expect(model.images[0]?.alt?.text).toMatch(/^Photo of /);
  });

  it("subexpression params and hash values, partial hash values", () => {
    const id = placeholder(model, "patient.id");
    expect(pos(id.range)).toEqual([5, 20, 5, 30]);
    expect(id).toMatchObject({ role: "param", helper: "concat" });
    const last = placeholder(model, "patient.lastName");
    expect(pos(last.range)).toEqual([5, 45, 5, 61]);
    expect(last).toMatchObject({ role: "param", helper: "upper" });
    expect(placeholder(model, "org")).toMatchObject({ role: "hash", helper: "footer" });
    expect(model.partials.map((p) => p.name)).toEqual(["footer"]);
  });

  it("comments: Handlebars comments hold no placeholder, HTML comments mark theirs", () => {
    expect(model.placeholders.some((p) => p.original === "patient.ssn")).toBe(false);
    const inHtmlComment = placeholder(model, "patient.ssn2");
    expect(pos(inHtmlComment.range)).toEqual([4, 34, 4, 46]);
    expect(inHtmlComment.context).toBe("comment");
    expect(model.comments.map((c) => [c.kind, ...pos(c.range)])).toEqual([
      ["handlebars", 4, 1, 4, 27],
      ["html", 4, 27, 4, 52],
    ]);
  });

  it("a placeholder inside <script> is raw, not text", () => {
    const zip = placeholder(model, "patient.zip");
    expect(pos(zip.range)).toEqual([6, 48, 6, 59]);
    expect(zip.context).toBe("raw");
  });
});

describe("positions: front matter, MJML, CRLF and BOM", () => {
  const source =
    "\uFEFF---\r\n" +
    'subject: "Your {{topic}} update"\r\n' +
    "preheader: Hello there\r\n" +
    "consentCategory: newsletters\r\n" +
    "---\r\n" +
    "<mjml><mj-head><mj-title>Title {{a.b}}</mj-title><mj-preview>Pre</mj-preview></mj-head>\r\n" +
    "<mj-body><mj-text>Hi {{x.y}}\r\n" +
    '<a href="{{unsubscribe_url}}">Unsubscribe</a></mj-text>\r\n' +
    '<mj-button href="https://e.org/{{tok}}">Book a visit</mj-button>\r\n' +
    "{{formatDate\r\n  patient.dob}}</mj-body></mjml>\r\n";
  const model = parseTemplate(source, { filePath: "b.mjml" });

  it("drops the BOM: columns count from the first real character", () => {
    expect(model.source.startsWith("---")).toBe(true);
    expect(model.frontMatter?.data).toMatchObject({ subject: "Your {{topic}} update", consentCategory: "newsletters" });
  });

  it("front-matter subject and preheader, and a placeholder inside the subject", () => {
    const subject = model.surfaces.find((s) => s.kind === "subject")!;
    expect(subject.origin).toBe("front-matter");
    expect(pos(subject.span.range)).toEqual([2, 11, 2, 32]);
    expect(locateIn(model, subject.span, "update")).toEqual([2, 26, 2, 32]);
    const topic = placeholder(model, "topic");
    expect(pos(topic.range)).toEqual([2, 18, 2, 23]);
    expect(topic.context).toBe("front-matter");
    const pre = model.surfaces.find((s) => s.kind === "preheader" && s.origin === "front-matter")!;
    expect(pos(pre.span.range)).toEqual([3, 12, 3, 23]);
    const key = model.frontMatter!.entries.find((e) => e.key === "consentCategory")!;
    expect(pos(key.keyRange)).toEqual([4, 1, 4, 16]);
    expect(pos(key.valueRange)).toEqual([4, 18, 4, 29]);
  });

  it("a folded or escaped subject: each word at its own line and column", () => {
    const folded = parseTemplate(
      '---\nsubject: >-\n  Spring allergy and\n  asthma check-ups\npreheader: "Caf\\u00e9 hours \\"for\\" your diabetes"\n---\n<p>x</p>\n',
      { filePath: "f.html" },
    );
    const subject = folded.surfaces.find((s) => s.kind === "subject")!;
    expect(subject.span.text).toBe("Spring allergy and asthma check-ups");
    expect(locateIn(folded, subject.span, "Spring")).toEqual([3, 3, 3, 9]);
    expect(locateIn(folded, subject.span, "asthma")).toEqual([4, 3, 4, 9]);
    const pre = folded.surfaces.find((s) => s.kind === "preheader")!;
    expect(pre.span.text).toBe('Café hours "for" your diabetes');
    expect(locateIn(folded, pre.span, "diabetes")).toEqual([5, 42, 5, 50]);
    // A word with an escape in it maps to its escaped source, from where it starts.
    expect(locateIn(folded, pre.span, "Café").slice(0, 2)).toEqual([5, 13]);
  });

  it("a subject with blocks and comments reads as rendered, and keeps its positions", () => {
    const m = parseTemplate('---\nsubject: "Your {{#if x}}chemo{{/if}}therapy {{!-- c --}}results for {{name}}"\n---\n<p>x</p>\n', { filePath: "s.html" });
    const subject = m.surfaces.find((s) => s.kind === "subject")!;
    expect(subject.span.text).toBe("Your chemotherapy results for \uE000\uE000\uE000\uE000\uE000\uE000\uE000\uE000");
    expect(locateIn(m, subject.span, "chemotherapy")).toEqual([2, 25, 2, 44]);
    expect(locateIn(m, subject.span, "results")).toEqual([2, 57, 2, 64]);
    expect(placeholder(m, "name").context).toBe("front-matter");
    expect(placeholder(m, "x").context).toBe("front-matter");
  });

  it("mj-title and mj-preview surfaces", () => {
    const title = model.surfaces.find((s) => s.origin === "mj-title")!;
    expect(title.kind).toBe("title");
    expect(pos(title.span.range)).toEqual([6, 26, 6, 39]);
    expect(pos(placeholder(model, "a.b").range)).toEqual([6, 34, 6, 37]);
    const preview = model.surfaces.find((s) => s.origin === "mj-preview")!;
    expect(preview.kind).toBe("preheader");
    expect(pos(preview.span.range)).toEqual([6, 62, 6, 65]);
  });

  it("CRLF line breaks count as one", () => {
    expect(pos(placeholder(model, "x.y").range)).toEqual([7, 24, 7, 27]);
    const unsub = placeholder(model, "unsubscribe_url");
    expect(pos(unsub.range)).toEqual([8, 12, 8, 27]);
    expect(unsub.attribute).toEqual({ element: "a", name: "href" });
    const button = model.links.find((l) => l.kind === "mj-button")!;
    expect(button.label.text).toBe("Book a visit");
    expect(pos(button.range)).toEqual([9, 1, 9, 65]);
    expect(pos(button.href!.range)).toEqual([9, 18, 9, 39]);
    // A statement spanning a CRLF: its param sits on the next line.
    expect(pos(placeholder(model, "patient.dob").range)).toEqual([11, 3, 11, 14]);
  });

  it("a text run spanning a CRLF ends on the right line", () => {
    const run = model.textRuns.find((r) => r.element === "mj-text")!;
    expect(pos(run.span.range)).toEqual([7, 19, 8, 42]);
    expect(locateIn(model, run.span, "Unsubscribe")).toEqual([8, 31, 8, 42]);
  });
});

describe("positions: Markdown", () => {
  const source = [
    "---",
    "subject: Plain subject",
    "---",
    "# Hello {{name}}",
    "",
    'Read [our *news*](https://x.org/{{id}} "t") and ![alt {{a}}](img/{{b}}.png).',
    "",
    "[ref link][r]",
    "",
    "[r]: https://example.org/unsubscribe",
    "",
  ].join("\n");
  const model = parseTemplate(source, { filePath: "c.md" });

  it("front-matter subject", () => {
    const subject = model.surfaces.find((s) => s.kind === "subject")!;
    expect(subject.span.text).toBe("Plain subject");
    expect(pos(subject.span.range)).toEqual([2, 10, 2, 23]);
  });

  it("a link: label, destination and the placeholder inside it", () => {
    const link = model.links.find((l) => l.label.text === "our news")!;
    expect(pos(link.range)).toEqual([6, 6, 6, 44]);
    expect(link.href?.value).toBe("https://x.org/{{id}}");
    expect(pos(link.href!.range)).toEqual([6, 19, 6, 39]);
    const id = placeholder(model, "id");
    expect(pos(id.range)).toEqual([6, 35, 6, 37]);
    expect(id.context).toBe("attribute");
  });

  it("an image: alt and src", () => {
    const image = model.images[0]!;
    expect(pos(image.range)).toEqual([6, 49, 6, 76]);
    expect(image.src?.value).toBe("img/{{b}}.png");
    expect(pos(image.src!.range)).toEqual([6, 62, 6, 75]);
    const a = placeholder(model, "a");
    expect(pos(a.range)).toEqual([6, 57, 6, 58]);
    expect(a.attribute).toEqual({ element: "img", name: "alt" });
    expect(pos(image.alt!.range)).toEqual([6, 51, 6, 60]);
    expect(locateIn(model, image.alt!, "alt")).toEqual([6, 51, 6, 54]);
    const b = placeholder(model, "b");
    expect(pos(b.range)).toEqual([6, 68, 6, 69]);
    expect(b.attribute).toEqual({ element: "img", name: "src" });
  });

  it("a reference link takes its URL from the definition", () => {
    const ref = model.links.find((l) => l.label.text === "ref link")!;
    expect(pos(ref.range)).toEqual([8, 1, 8, 14]);
    expect(ref.href?.value).toBe("https://example.org/unsubscribe");
    expect(pos(ref.href!.range)).toEqual([10, 6, 10, 37]);
  });

  it("a heading is a text run", () => {
    const heading = model.textRuns.find((r) => r.element === "heading")!;
    expect(pos(placeholder(model, "name").range)).toEqual([4, 11, 4, 15]);
    expect(pos(heading.span.range)).toEqual([4, 3, 4, 17]);
  });
});

describe("text runs: statements that render nothing do not split words", () => {
  it("in HTML: comments and block tags inside a word", () => {
    const source = "<p>Dia{{!-- note --}}betes and {{#if x}}chemo{{/if}}therapy, {{name}}</p>\n";
    const model = parseTemplate(source, { filePath: "w.html" });
    const run = model.textRuns[0]!;
    expect(run.span.text).toBe("Diabetes and chemotherapy, \uE000\uE000\uE000\uE000\uE000\uE000\uE000\uE000");
    expect(locateIn(model, run.span, "Diabetes")).toEqual([1, 4, 1, 27]);
    expect(locateIn(model, run.span, "chemotherapy")).toEqual([1, 41, 1, 60]);
    expect(locateIn(model, run.span, "betes")).toEqual([1, 22, 1, 27]);
  });

  it("in Markdown, and in a link label", () => {
    const source = "Dia{{!-- note --}}betes and [your {{#if x}}chemo{{/if}}therapy](https://example.org)\n";
    const model = parseTemplate(source, { filePath: "w.md" });
    expect(model.textRuns[0]!.span.text).toBe("Diabetes and your chemotherapy");
    expect(model.textRuns[0]!.inLink).toBe(false);
    expect(model.links[0]!.label.text).toBe("your chemotherapy");
    const allLink = parseTemplate("[Un{{!-- x --}}subscribe](https://example.org)\n", { filePath: "l.md" });
    expect(allLink.textRuns[0]!.span.text).toBe("Unsubscribe");
    expect(allLink.textRuns[0]!.inLink).toBe(true);
  });

  it("a partial still separates: it renders content of its own", () => {
    const model = parseTemplate("<p>a{{> footer}}b</p>\n", { filePath: "p.html" });
    expect(model.textRuns[0]!.span.text).toMatch(/^a\s+b$/);
  });
});

describe("hidden preheaders, images and buttons in HTML", () => {
  const source = [
    '<body><div style="display: none; max-height:0" class="preheader">Your {{topic}} results</div>',
    '<mj-image src="https://cdn.example.org/{{patient.id}}.png" alt="Dr. {{provider.name}}" />',
    '<button type="button">Book a visit</button>',
    '<p>Visible <span style="display:none">hidden</span> text</p>',
    "</body>",
    "",
  ].join("\n");
  const model = parseTemplate(source, { filePath: "h.html" });

  it("a hidden preheader is a surface, and its text run is hidden", () => {
    const pre = model.surfaces.find((s) => s.origin === "hidden-preheader")!;
    expect(pre.kind).toBe("preheader");
    expect(pos(pre.span.range)).toEqual([1, 66, 1, 88]);
    expect(locateIn(model, pre.span, "results")).toEqual([1, 81, 1, 88]);
    const run = model.textRuns.find((r) => r.element === "div")!;
    expect(run.hidden).toBe(true);
    // Partly hidden text is not a hidden run.
    expect(model.textRuns.find((r) => r.element === "p")!.hidden).toBe(false);
  });

  it("images: src and alt with their placeholders", () => {
    const image = model.images[0]!;
    expect(pos(image.range)).toEqual([2, 1, 2, 90]);
    expect(image.src?.value).toBe("https://cdn.example.org/{{patient.id}}.png");
    expect(pos(image.src!.range)).toEqual([2, 16, 2, 58]);
    expect(pos(image.alt!.range)).toEqual([2, 65, 2, 86]);
    expect(placeholder(model, "patient.id").attribute).toEqual({ element: "mj-image", name: "src" });
    expect(pos(placeholder(model, "provider.name").range)).toEqual([2, 71, 2, 84]);
  });

  it("a <button> is a link with its label", () => {
    const button = model.links.find((l) => l.kind === "button")!;
    expect(button.label.text).toBe("Book a visit");
    expect(pos(button.range)).toEqual([3, 1, 3, 44]);
    expect(model.textRuns.find((r) => r.element === "button")?.inLink).toBe(true);
  });
});

describe("positions: entities in text", () => {
  it("a word after a decoded entity is located exactly", () => {
    const model = parseTemplate("<p>Caf&eacute; diabetes</p>\n", { filePath: "e.html" });
    const run = model.textRuns[0]!;
    expect(run.span.text).toBe("Café diabetes");
    expect(locateIn(model, run.span, "diabetes")).toEqual([1, 16, 1, 24]);
  });
});
