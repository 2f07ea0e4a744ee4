/** The provider adapter contract the runner drives (one file per provider implements it). */
import type { ConcreteRequest, FailureKind, ProfilingProvider } from '../types';

/** A successful completion, as the runner records it. */
export interface Completion {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `response.model` as served. */
  servedModel: string;
  requestId?: string;
}

/** Per-call options. `timeoutMs` is the per-request timeout (the SDK enforces it). */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

/** One provider's client, built from the real SDK with retries disabled (the runner retries). */
export interface ProviderClient {
  provider: ProfilingProvider;
  complete(model: string, request: ConcreteRequest, options: CallOptions): Promise<Completion>;
  /** Exact input token count (Anthropic `messages.countTokens`), when the provider offers one. */
  countTokens?(model: string, request: ConcreteRequest, options: CallOptions): Promise<number>;
}

/** A failed request, classified for the retry policy. The message is already scrubbed of keys. */
export class ProviderFailure extends Error {
  readonly kind: FailureKind;
  readonly status?: number;
  /** From `retry-after-ms` / `retry-after` (seconds or HTTP date), when the server sent one. */
  readonly retryAfterMs?: number;

  constructor(kind: FailureKind, message: string, details: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'ProviderFailure';
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Endpoint and key of one provider, resolved from the caller (env or SecretStorage) and config. */
export interface ProviderAccess {
  provider: ProfilingProvider;
  apiKey: string;
  baseURL?: string;
  concurrency: number;
}
