// Writes schema/config.schema.json from the zod config schema, so editors can
// validate and complete hipaa-lint configs. Runs after tsc.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { allRules, buildConfigSchema } from "../dist/linter/src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const schema = z.toJSONSchema(buildConfigSchema(allRules), { target: "draft-7", io: "input", unrepresentable: "any" });
schema.$id = "https://github.com/hipaa-lint/hipaa-lint/schema/config.schema.json";
schema.title = "hipaa-lint configuration";
const out = join(here, "..", "schema", "config.schema.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
