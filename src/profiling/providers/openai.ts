/** OpenAI and any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio) through the real `openai` client. */
import OpenAI from 'openai';
import type { ConcreteRequest } from '../types';
import { MAX_RESPONSE_BYTES, boundedFetch } from './boundedFetch';
import { classifyError } from './classify';
import type { CallOptions, ProviderAccess, ProviderClient } from './types';
import { ProviderFailure } from './types';

function openaiMessages(request: ConcreteRequest): OpenAI.Chat.ChatCompletionMessageParam[] {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (request.system) messages.push({ role: 'system', content: request.system });
  for (const m of request.messages) messages.push({ role: m.role, content: m.content });
  return messages;
}

/** The OpenAI-compatible provider client (`baseURL` from config or `OPENAI_BASE_URL`). */
export function createOpenAIClient(access: ProviderAccess, timeoutMs: number): ProviderClient {
  const sdk = new OpenAI({
    apiKey: access.apiKey, baseURL: access.baseURL, maxRetries: 0, timeout: timeoutMs,
    fetch: boundedFetch({ timeoutMs, maxBytes: MAX_RESPONSE_BYTES }),
  });
  const secrets = [access.apiKey];
  return {
    provider: 'openai',
    async complete(model, request, options: CallOptions) {
      try {
        const completion = await sdk.chat.completions.create(
          {
            model,
            messages: openaiMessages(request),
            max_completion_tokens: request.maxTokens,
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { signal: options.signal, timeout: options.timeoutMs },
        );
        const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
        if (!choice || !completion.usage || typeof completion.usage.prompt_tokens !== 'number') {
          throw new ProviderFailure('malformed', 'malformed response: no `choices[0]` or `usage` in the chat completion');
        }
        return {
          text: choice.message?.content ?? '',
          inputTokens: completion.usage.prompt_tokens,
          outputTokens: completion.usage.completion_tokens ?? 0,
          servedModel: typeof completion.model === 'string' ? completion.model : model,
          requestId: (completion as { _request_id?: string | null })._request_id ?? undefined,
        };
      } catch (error) {
        throw classifyError(error, secrets);
      }
    },
  };
}
