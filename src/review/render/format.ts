/** Number formatting shared by the cost-review renderers. */

/** `$1,234.56`; below one cent shows four decimals so small sites are not printed as $0.00. */
export function usd(n: number): string {
  const abs = Math.abs(n);
  const digits = abs > 0 && abs < 0.01 ? 4 : 2;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n < 0 ? '-' : ''}$${text}`;
}

/** `+$12.00` / `-$3.50` / `$0.00`. */
export function signedUsd(n: number): string {
  if (Math.abs(n) < 5e-7) return '$0.00';
  return `${n > 0 ? '+' : ''}${usd(n)}`;
}

/** `+12.5%`, `-3.0%`, or `new` when there is no base to compare with. */
export function signedPct(pct: number | null, deltaUsd: number): string {
  if (pct === null) return Math.abs(deltaUsd) < 5e-7 ? '0.0%' : 'new';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
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
