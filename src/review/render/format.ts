/** Cell formatting of the cost-review renderers; money and percentages come from src/format/. */
import type { Percent } from '../../engine/model';
import { signedPct, usd, usdDelta } from '../../format';

export { usd, usdDelta as signedUsd };

/** A change in percent (review's `deltaPct`): `+12.5%`, `-3.0%`, or `new` when there is no base. */
export function pctChange(percent: Percent | null, deltaUsd: number): string {
  return signedPct(percent === null ? null : percent / 100, deltaUsd);
}

/** A cost cell: the amount, or `unpriced` / `—` (absent). */
export function costCell(value: number | null | undefined, present: boolean): string {
  if (!present) return '—';
  return value === null || value === undefined ? 'unpriced' : usd(value);
}

/** A short commit for labels (`abc1234`). */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit ? commit.slice(0, 7) : undefined;
}
