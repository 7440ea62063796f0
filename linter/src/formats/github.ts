import { relative } from "node:path";
import type { Formatter } from "./index.js";

// Workflow command values escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: one annotation per finding, on its line. */
const github: Formatter = (results, { cwd }) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = relative(cwd, result.filePath).split("\\").join("/") || result.filePath;
    for (const m of result.messages) {
      const command = m.severity === 2 ? "error" : "warning";
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine) props.push(`endLine=${m.endLine}`);
      if (m.endColumn) props.push(`endColumn=${m.endColumn}`);
      props.push(`title=${escapeProperty(m.ruleId ? `hipaa-lint (${m.ruleId})` : "hipaa-lint")}`);
      lines.push(`::${command} ${props.join(",")}::${escapeData(m.message)}`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
};
export default github;
