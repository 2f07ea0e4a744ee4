/** Maps SDK errors (Anthropic and OpenAI share the same error shapes) to ProviderFailure. */
import { ProviderFailure } from './types';
import { scrubSecrets } from './scrub';
import { ResponseLimitError } from './boundedFetch';

interface HeaderLike {
  get(name: string): string | null;
}

function hasHeaders(value: unknown): value is { headers: HeaderLike } {
  const headers = (value as { headers?: unknown } | null)?.headers;
  return typeof headers === 'object' && headers !== null && typeof (headers as HeaderLike).get === 'function';
}

/** Milliseconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: HeaderLike | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}

/** Classifies any error thrown by an SDK call; never throws. */
export function classifyError(error: unknown, secrets: readonly string[]): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubSecrets(raw, secrets).slice(0, 500);
  const name = errorName(error);
  const status = (error as { status?: unknown } | null)?.status;
  if (name === 'APIUserAbortError' || (error as { name?: string } | null)?.name === 'AbortError') {
    return new ProviderFailure('aborted', 'request aborted');
  }
  const limited = error instanceof ResponseLimitError ? error : (error as { cause?: unknown } | null)?.cause;
  if (limited instanceof ResponseLimitError) {
    // An oversized body is not retried (it would be as large again); a cut-off slow one is.
    return new ProviderFailure(limited.limit === 'timeout' ? 'timeout' : 'malformed', limited.message);
  }
  if (name === 'APIConnectionTimeoutError') return new ProviderFailure('timeout', message);
  if (name === 'APIConnectionError') return new ProviderFailure('network', message);
  if (typeof status === 'number') {
    const after = hasHeaders(error) ? retryAfterMs(error.headers) : undefined;
    const details = { status, retryAfterMs: after };
    if (status === 429) return new ProviderFailure('rate-limit', message, details);
    if (status === 529) return new ProviderFailure('overloaded', message, details);
    if (status === 401 || status === 403) return new ProviderFailure('auth', message, details);
    if (status === 408) return new ProviderFailure('timeout', message, details);
    if (status >= 500) return new ProviderFailure('server', message, details);
    return new ProviderFailure('client', message, details);
  }
  // JSON parse failures of a 200 body, and bodies without the expected fields.
  if (error instanceof SyntaxError) return new ProviderFailure('malformed', `malformed response body: ${message}`);
  return new ProviderFailure('network', `${name}: ${message}`);
}
