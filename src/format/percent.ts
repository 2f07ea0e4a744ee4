/**
 * Percentages for every surface. Input is always a `Fraction` (0.8 = 80%, see
 * src/engine/data/units.ts); a `Percent` field (`savingPct`) is divided by 100 by the caller.
 */
import type { Fraction } from '../engine/data/units';

/** `95.3%` (`digits` decimals, default 1); `—` when missing or not a number. */
export function pct(fraction: Fraction | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed change: `+12.5%`, `-3.0%`; with no base (`null`) `new`, or `0.0%` when nothing changed. */
export function signedPct(fraction: Fraction | null, deltaUsd: number, digits = 1): string {
  if (fraction === null) return Math.abs(deltaUsd) < 5e-7 ? pct(0, digits) : 'new';
  return `${fraction > 0 ? '+' : ''}${pct(fraction, digits)}`;
}
