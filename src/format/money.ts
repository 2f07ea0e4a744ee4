/**
 * Money for every surface (CLI, review markdown, editor, webview): US dollars, en-US grouping.
 * One convention: cents from a cent up, two significant digits below (so small per-request costs
 * are never printed as $0.00), a minus before the dollar sign.
 */

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2, maximumFractionDigits: 20 });

/** Below half a millionth of a dollar a delta counts as no change (projection figures are rounded to 1e-6). */
const ZERO_DELTA = 5e-7;

/** `$1,234.56`, `$0.50`, `$0.00`, `$0.0042`, `-$3.00`; `—` when not a number. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 0.01 || abs === 0) return `${sign}$${cents.format(abs)}`;
  return `${sign}$${small.format(abs)}`;
}

/** For a glance (CodeLens, status bar, tree): whole dollars from $100 up (`$2,140`), else `usd`. */
export function usdCompact(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) < 100) return usd(value);
  return `${value < 0 ? '-' : ''}$${dollars.format(Math.abs(value))}`;
}

/** A signed change: `+$12.50`, `-$3.00`, `$0.00` (no change). */
export function usdDelta(value: number): string {
  if (Math.abs(value) < ZERO_DELTA) return '$0.00';
  return `${value > 0 ? '+' : ''}${usd(value)}`;
}

/** A monthly cost, or `unpriced` when there is none. */
export function usdOrUnpriced(value: number | null | undefined): string {
  return value === null || value === undefined ? 'unpriced' : usd(value);
}
