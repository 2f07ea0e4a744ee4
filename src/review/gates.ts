/**
 * CI gates on a cost diff: `--fail-on-increase-pct N`, `--fail-on-increase-usd N`,
 * `--fail-on-new-unpriced`. Pure: returns the verdict and the reasons; the CLI prints the reasons
 * and turns `failed` into a non-zero exit code.
 */
import type { CostDiff } from './model';
import { usd } from '../format';

/** Gate thresholds; an absent threshold is not checked. */
export interface GateOptions {
  /** Fail when the monthly total grows by more than this percentage of the base total. */
  failOnIncreasePct?: number;
  /** Fail when the monthly total grows by more than this many USD. */
  failOnIncreaseUsd?: number;
  /** Fail when the change adds a call site without a price (or makes a priced one unpriced). */
  failOnNewUnpriced?: boolean;
}

/** The outcome of the gates. `reasons` explain every failed gate; `passed` lists the ones checked and passed. */
export interface GateResult {
  failed: boolean;
  reasons: string[];
  passed: string[];
}

/** Checks the diff against the configured gates. */
export function evaluateGates(diff: CostDiff, options: GateOptions): GateResult {
  const reasons: string[] = [];
  const passed: string[] = [];
  const { base, head, deltaUsd, deltaPct } = diff.totals;
  const movement = `monthly cost ${usd(base)} → ${usd(head)} (${deltaUsd >= 0 ? '+' : ''}${usd(deltaUsd)})`;

  if (options.failOnIncreasePct !== undefined) {
    const limit = options.failOnIncreasePct;
    // From a zero base any increase is an unbounded percentage: it fails a percentage gate.
    const pct = deltaPct ?? (deltaUsd > 0 ? Number.POSITIVE_INFINITY : 0);
    const shown = Number.isFinite(pct) ? `${pct.toFixed(1)}%` : 'an increase from $0';
    if (pct > limit) reasons.push(`cost increase ${shown} exceeds --fail-on-increase-pct ${limit}: ${movement}`);
    else passed.push(`increase ${shown} is within --fail-on-increase-pct ${limit}`);
  }
  if (options.failOnIncreaseUsd !== undefined) {
    const limit = options.failOnIncreaseUsd;
    if (deltaUsd > limit) reasons.push(`cost increase ${usd(deltaUsd)}/month exceeds --fail-on-increase-usd ${limit}: ${movement}`);
    else passed.push(`increase ${usd(deltaUsd)}/month is within --fail-on-increase-usd ${limit}`);
  }
  if (options.failOnNewUnpriced) {
    if (diff.newUnpriced.length > 0) {
      const list = diff.newUnpriced.map((u) => `${u.callSiteId} (${u.model ?? 'unknown model'}: ${u.reason})`).join('; ');
      reasons.push(`${diff.newUnpriced.length} new unpriced call site(s) (--fail-on-new-unpriced): ${list}`);
    } else passed.push('no new unpriced call sites');
  }
  return { failed: reasons.length > 0, reasons, passed };
}
