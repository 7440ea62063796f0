import type { z } from "zod";
import { boundedOsaDistance } from "../text/edit-distance.js";

/** An invalid config: names the file, the key path and what was expected. Exit code 2. */
export class ConfigError extends Error {
  constructor(
    readonly filePath: string,
    readonly keyPath: string,
    readonly detail: string,
  ) {
    super(`${filePath}${keyPath ? `: ${keyPath}` : ""}: ${detail}`);
    this.name = "ConfigError";
  }

  static fromZod(filePath: string, error: z.ZodError, prefix: string[]): ConfigError {
    const issue = error.issues[0];
    if (!issue) return new ConfigError(filePath, prefix.join("."), "invalid value");
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      return new ConfigError(filePath, [...path, key].join("."), `unknown key "${key}"`);
    }
    return new ConfigError(filePath, path.join(".") || "(top level)", issue.message);
  }
}

/**
 * The candidate closest to a misspelt name, if it is close enough to be a
 * typo. Swapped neighbours count as one edit ("vlaid" → "valid"), as in the
 * lexicon's misspelling check.
 */
export function closestName(name: string, candidates: string[]): string | null {
  const limit = Math.max(2, Math.floor(name.length / 4));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = boundedOsaDistance(name, candidate, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
