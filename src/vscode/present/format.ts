/** Number formatting shared by lenses, hovers, the tree and the status bar (plain functions). */

/** `$2,140`, `$12.40`, `$0.0031`: whole dollars from $100 up, cents below, 2 significant digits under a cent. */
export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 100) return `${sign}$${Math.round(abs).toLocaleString('en-US')}`;
  if (abs >= 0.01 || abs === 0) return `${sign}$${abs.toFixed(2)}`;
  return `${sign}$${abs.toPrecision(2)}`;
}

/** `410`, `1.2k`, `36k`, `1.4M` tokens. */
export function formatTokens(value: number): string {
  if (value < 1000) return String(Math.round(value));
  if (value < 10_000) return `${(value / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (value < 1_000_000) return `${Math.round(value / 1000)}k`;
  return `${(value / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** `80%` from 0.8 or from 80 (`fraction: false`). */
export function formatPct(value: number, fraction = true): string {
  const pct = fraction ? value * 100 : value;
  return `${Math.round(pct)}%`;
}

/** `30,000/mo` requests. */
export function formatRate(perMonth: number): string {
  return `${Math.round(perMonth).toLocaleString('en-US')}/mo`;
}
