import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { allRules } from "../../rules/index.js";
import { DEV_CORPUS, ROOT, runCli, tempDir } from "../helpers.js";

// Each test spawns the CLI (a second or two each); leave room on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; help?: { text: string; markdown?: string }; properties?: { source?: string } }[] } };
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      suppressions?: { kind: string; justification?: string }[];
    }[];
    invocations?: { toolExecutionNotifications?: { message: { text: string } }[] }[];
  }[];
}

let validate: ValidateFunction;

interface SchemaNode {
  [key: string]: unknown;
}

/**
 * The official OASIS SARIF 2.1.0 schema, in the revision that names a
 * suppression's review state `status` (the one GitHub and GitLab read), shipped
 * byte for byte as a fixture. That revision has two defects no JavaScript
 * validator accepts, corrected here in memory and nowhere else: `region` puts
 * its `anyOf` inside `properties`, and the language pattern uses an inline
 * `(?i)` flag, which JavaScript regular expressions do not have.
 */
function loadSarifSchema(): SchemaNode {
  const text = readFileSync(join(ROOT, "test", "fixtures", "sarif-schema-2.1.0.json"), "utf8");
  const schema = JSON.parse(text.replaceAll('"^(?i)[a-zA]{2}(-[a-z]{2})?$"', '"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"')) as SchemaNode;
  const region = (schema.definitions as Record<string, SchemaNode>).region!;
  const regionProperties = region.properties as SchemaNode;
  if (Array.isArray(regionProperties.anyOf)) {
    region.anyOf = regionProperties.anyOf;
    delete regionProperties.anyOf;
  }
  return schema;
}

beforeAll(() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(loadSarifSchema());
});

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0 on the dev corpus, with every rule's help and source", () => {
    const run = runCli(["--format", "sarif", DEV_CORPUS]);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expectValid(log);
    expect(log.version).toBe("2.1.0");
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe("hipaa-lint");
    expect(driver.rules.map((r) => r.id)).toEqual(allRules.map((r) => r.meta.id));
    for (const rule of driver.rules) {
      expect(rule.help?.text).toBeTruthy();
      expect(rule.properties?.source).toBeTruthy();
      // The rule's README ships beside it and becomes the help markdown.
      expect(rule.help?.markdown).toMatch(new RegExp(`^# ${rule.id}$`, "m"));
    }
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it("stays valid with suppressed findings, fatal errors and paths that need percent-encoding", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub dir"));
    writeFileSync(
      join(dir, "sub dir", "my file.html"),
      [
        "---",
        "consentCategory: newsletters",
        "---",
        '<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
        "{{!-- hipaa-lint-disable-next-line no-unescaped-placeholder -- sanitized by the CMS --}}",
        "<p>{{{provider.bio}}}</p>",
        "<p>{{{message.body}}}</p>",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "broken.hbs"), "<p>{{#if x}}never closed</p>\n");
    const run = runCli(["--format", "sarif", "."], { cwd: dir });
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expectValid(log);

    const results = log.runs[0]!.results;
    const suppressed = results.find((r) => r.suppressions?.length);
    expect(suppressed?.ruleId).toBe("no-unescaped-placeholder");
    expect(suppressed?.suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "sanitized by the CMS" }]);
    const open = results.find((r) => r.ruleId === "no-unescaped-placeholder" && !r.suppressions);
    expect(open?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("sub%20dir/my%20file.html");
    expect(open?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 7, startColumn: 4 });

    // The parse failure is a tool notification (it has no rule), not a result.
    const notes = log.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.some((n) => /Parsing error/.test(n.message.text))).toBe(true);
  });

  it("is valid for standard input without a file name", () => {
    const run = runCli(["--format", "sarif", "--stdin"], { input: "<p>{{{provider.bio}}}</p>\n" });
    expect(run.status).toBe(1);
    expectValid(JSON.parse(run.stdout));
  });
});
