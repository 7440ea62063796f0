// Writes schema/config.schema.json from the zod config schema, so editors can
// validate and complete hipaa-lint configs. Runs after tsc.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { allRules, approvalsFileSchema, buildConfigSchema } from "../dist/linter/src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const schema = z.toJSONSchema(buildConfigSchema(allRules), { target: "draft-7", io: "input", unrepresentable: "any" });
schema.$id = "https://github.com/hipaa-lint/hipaa-lint/schema/config.schema.json";
schema.title = "hipaa-lint configuration";
const out = join(here, "..", "schema", "config.schema.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);

// The approvals file (hipaa-lint.approvals.json), for editors and reviewers' tools.
const approvals = z.toJSONSchema(approvalsFileSchema, { target: "draft-7", io: "input", unrepresentable: "any" });
approvals.$id = "https://github.com/hipaa-lint/hipaa-lint/schema/approvals.schema.json";
approvals.title = "hipaa-lint reviewer approvals";
writeFileSync(join(here, "..", "schema", "approvals.schema.json"), `${JSON.stringify(approvals, null, 2)}\n`);
