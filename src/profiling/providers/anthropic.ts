/** Anthropic Messages API through the real `@anthropic-ai/sdk` client (retries off: the runner retries). */
import Anthropic from '@anthropic-ai/sdk';
import type { ConcreteRequest } from '../types';
import { MAX_RESPONSE_BYTES, boundedFetch } from './boundedFetch';
import { classifyError } from './classify';
import type { CallOptions, Completion, ProviderAccess, ProviderClient } from './types';
import { ProviderFailure } from './types';

/**
 * Builds the SDK client for an access (key, optional baseURL). Every response must be complete
 * within `timeoutMs` and at most `maxResponseBytes` (batch results are bigger: the batch runner
 * passes its own limits).
 */
export function anthropicSdk(access: ProviderAccess, timeoutMs: number, maxResponseBytes = MAX_RESPONSE_BYTES): Anthropic {
  return new Anthropic({
    apiKey: access.apiKey, baseURL: access.baseURL, maxRetries: 0, timeout: timeoutMs,
    fetch: boundedFetch({ timeoutMs, maxBytes: maxResponseBytes }),
  });
}

/** The Messages API body of a concrete request. */
export function anthropicBody(model: string, request: ConcreteRequest): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: request.maxTokens,
    ...(request.system ? { system: request.system } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
}

/** Reads text and usage from a Messages API response; a response without them is malformed. */
export function anthropicCompletion(message: unknown, requestedModel: string): Completion {
  const m = message as Partial<Anthropic.Message> | null;
  if (!m || !Array.isArray(m.content) || !m.usage || typeof m.usage.input_tokens !== 'number') {
    throw new ProviderFailure('malformed', 'malformed response: no `content` array or `usage` in the Messages API response');
  }
  const text = m.content
    .filter((block): block is Anthropic.TextBlock => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text)
    .join('');
  return {
    text,
    inputTokens: m.usage.input_tokens + (m.usage.cache_read_input_tokens ?? 0) + (m.usage.cache_creation_input_tokens ?? 0),
    outputTokens: m.usage.output_tokens ?? 0,
    servedModel: typeof m.model === 'string' ? m.model : requestedModel,
    requestId: (m as { _request_id?: string | null })._request_id ?? undefined,
  };
}

/** The Anthropic provider client. */
export function createAnthropicClient(access: ProviderAccess, timeoutMs: number): ProviderClient {
  const sdk = anthropicSdk(access, timeoutMs);
  const secrets = [access.apiKey];
  return {
    provider: 'anthropic',
    async complete(model, request, options: CallOptions) {
      try {
        const message = await sdk.messages.create(anthropicBody(model, request), {
          signal: options.signal,
          timeout: options.timeoutMs,
        });
        return anthropicCompletion(message, model);
      } catch (error) {
        throw classifyError(error, secrets);
      }
    },
    async countTokens(model, request, options: CallOptions) {
      try {
        const body = anthropicBody(model, request);
        const result = await sdk.messages.countTokens(
          { model, messages: body.messages, ...(body.system ? { system: body.system } : {}) },
          { signal: options.signal, timeout: options.timeoutMs },
        );
        if (typeof result?.input_tokens !== 'number') throw new ProviderFailure('malformed', 'malformed count_tokens response');
        return result.input_tokens;
      } catch (error) {
        throw classifyError(error, secrets);
      }
    },
  };
}
