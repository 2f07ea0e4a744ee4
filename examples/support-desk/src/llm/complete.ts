import { anthropic } from './clients.js';
import { logLlmCall } from './logger.js';

/**
 * The team's wrapper around the Messages API: every caller picks the model, so Tierwise resolves
 * the model at each caller and reports each one as its own invocation.
 */
export async function complete(model: string, system: string, user: string, maxTokens = 512): Promise<string> {
  const response = await anthropic.messages.create({
    model,
    max_tokens: maxTokens,
    system,
    messages: [{ role: 'user', content: user }],
  });
  logLlmCall('complete', {
    model: response.model,
    inputTokens: response.usage.input_tokens,
    outputTokens: response.usage.output_tokens,
  });
  const block = response.content[0];
  return block.type === 'text' ? block.text : '';
}
