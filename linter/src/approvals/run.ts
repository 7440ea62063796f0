import { relative } from "node:path";
import type { EffectiveConfig, LoadedConfig } from "../config/load.js";
import type { LintResult } from "../result.js";
import { today } from "./dates.js";
import { applyApprovals, type AppliedApprovals } from "./match.js";
import { ApprovalsCache, approvalPathOf, approvalsPathFor } from "./store.js";

/** How a lint run uses reviewer approvals (`LintOptions.approvals`). */
export interface ApprovalOptions {
  /** An approvals file other than the one beside the config in use (`--approvals FILE`), relative to cwd. */
  file?: string;
  /** Report stale approvals as errors (`--fail-on-stale-approvals`). */
  failOnStale?: boolean;
  /** The day expiry is judged on, `YYYY-MM-DD`; default today (UTC). */
  today?: string;
}

/** Applies approvals during one lint run: finds each file's approvals file and loads it once. */
export class ApprovalsRun {
  private readonly cache = new ApprovalsCache();
  private readonly day: string;

  constructor(
    private readonly cwd: string,
    private readonly options: ApprovalOptions = {},
  ) {
    this.day = options.today ?? today();
  }

  /** The approvals file that applies to templates under this config. */
  pathFor(loaded: LoadedConfig | null): string {
    return approvalsPathFor(loaded, this.cwd, this.options.file);
  }

  applyTo(result: LintResult, loaded: LoadedConfig | null, config: EffectiveConfig): AppliedApprovals {
    const approvalsPath = this.pathFor(loaded);
    const file = this.cache.load(approvalsPath);
    const rel = approvalPathOf(approvalsPath, result.filePath);
    const mine = file.approvals.filter((a) => a.file === rel);
    return applyApprovals(result, mine, {
      today: this.day,
      enabledRules: this.enabledRulesOf(config),
      failOnStale: this.options.failOnStale ?? false,
      approvalsFileLabel: relative(this.cwd, approvalsPath).split("\\").join("/") || approvalsPath,
    });
  }

  // Files usually share one config object (ConfigResolver.sharedEffectiveFor): build its set once, not per file.
  private readonly enabledRules = new WeakMap<EffectiveConfig, ReadonlySet<string>>();
  private enabledRulesOf(config: EffectiveConfig): ReadonlySet<string> {
    let enabled = this.enabledRules.get(config);
    if (!enabled) {
      enabled = new Set(Object.entries(config.rules).filter(([, s]) => s.severity !== "off").map(([id]) => id));
      this.enabledRules.set(config, enabled);
    }
    return enabled;
  }
}
