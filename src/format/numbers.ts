/** Counts for every surface: requests, tokens, samples. en-US grouping. */

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `30,000` (rounded); `—` when not a number. */
export function count(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return whole.format(Math.round(value));
}

/** Short counts for tight cells (tokens): `410`, `1.2k`, `1k`, `36k`, `1.4M`. */
export function compactCount(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (abs < 1000) return `${sign}${Math.round(abs)}`;
  if (abs < 10_000) return `${sign}${oneDecimal(abs / 1000)}k`;
  if (abs < 1_000_000) return `${sign}${Math.round(abs / 1000)}k`;
  return `${sign}${oneDecimal(abs / 1_000_000)}M`;
}

/** Requests per month: `30,000/mo`. */
export function perMonth(value: number): string {
  return `${count(value)}/mo`;
}
