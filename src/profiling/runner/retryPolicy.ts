/** Which failures are retried and how long to wait (exponential back-off with full jitter). */
import type { FailureKind } from '../types';

/** Tunables of the retry policy (tests and benchmarks shorten the delays). */
export interface RetrySettings {
  /** Retries for 5xx, connection resets and timeouts. */
  maxRetries: number;
  /** Retries for 429/529 (a storm must still complete). */
  maxThrottleRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Longest server-requested wait (`retry-after`) honoured; a server asking for more stops that
   * provider's part of the run (re-run later to resume) instead of pausing it for hours.
   */
  maxRetryAfterMs: number;
  /** Random source in [0, 1) (injectable for deterministic tests). */
  random: () => number;
}

/** Defaults for real providers. */
export function defaultRetrySettings(maxRetries = 4): RetrySettings {
  return { maxRetries, maxThrottleRetries: 30, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, random: Math.random };
}

/** True for throttling failures (shared provider pause). */
export function isThrottle(kind: FailureKind): boolean {
  return kind === 'rate-limit' || kind === 'overloaded';
}

/** True when another attempt may succeed. */
export function isRetryable(kind: FailureKind): boolean {
  return isThrottle(kind) || kind === 'server' || kind === 'network' || kind === 'timeout';
}

/** Full-jitter exponential delay for attempt `n` (1-based). */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
  const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * settings.random());
}

/** Whether to try again after `attempts` attempts that ended with `kind`. */
export function shouldRetry(kind: FailureKind, attempts: number, settings: RetrySettings): boolean {
  if (!isRetryable(kind)) return false;
  return isThrottle(kind) ? attempts <= settings.maxThrottleRetries : attempts <= settings.maxRetries;
}
