import { findProvider } from '@pydantic/genai-prices';
import type { Provider as GenaiProvider } from '@pydantic/genai-prices';
import type { Provider } from '../model';

/**
 * Where the bundled price data comes from. `@pydantic/genai-prices` bundles a maintained price map
 * but does not record the date of its data, so the as-of date is the publish date of the installed
 * version (from the npm registry: `npm view @pydantic/genai-prices time`). A unit test fails when the
 * installed version differs from this table, so an upgrade cannot silently keep an old date.
 */
export const BUNDLED_PRICE_DATA = {
  package: '@pydantic/genai-prices',
  version: '0.1.8',
  /** Publish date of @pydantic/genai-prices 0.1.8 on npm (2026-09-23T10:11:04Z). */
  asOf: '2026-09-23',
} as const;

/**
 * genai-prices provider ids Tierwise maps to its own `Provider`, searched in this order. The
 * "secondary" providers are searched for ids the main three do not know (OpenAI-compatible servers
 * such as DeepSeek or Mistral); their models are reported with provider `unknown` (Tierwise has no
 * tier list or tokenizer for them) and their provider's name.
 */
export const PRIMARY_PROVIDERS: ReadonlyArray<{ genaiId: string; provider: Provider }> = [
  { genaiId: 'anthropic', provider: 'anthropic' },
  { genaiId: 'openai', provider: 'openai' },
  { genaiId: 'google', provider: 'google' },
];
// Hosts of open-weight models come last: they give self-hosted ids (`llama3.1:8b`) a price reference.
export const SECONDARY_PROVIDERS: readonly string[] = ['deepseek', 'mistral', 'x-ai', 'cohere', 'moonshotai', 'perplexity', 'groq', 'cerebras', 'fireworks', 'together'];

/**
 * Batch API discounts (fraction off list price), per provider:
 * - Anthropic Message Batches API: 50% off input and output
 *   (https://docs.anthropic.com/en/docs/build-with-claude/batch-processing).
 * - OpenAI Batch API: 50% off (https://platform.openai.com/docs/guides/batch).
 * - Google Gemini API Batch Mode: 50% of the interactive price (https://ai.google.dev/gemini-api/docs/batch-mode).
 */
export const BATCH_DISCOUNTS: Readonly<Partial<Record<Provider, number>>> = {
  anthropic: 0.5,
  openai: 0.5,
  google: 0.5,
};

/** The bundled provider data, read through genai-prices' own lookup (never hand-copied). */
export function bundledProviders(): GenaiProvider[] {
  const ids = [...PRIMARY_PROVIDERS.map((p) => p.genaiId), ...SECONDARY_PROVIDERS];
  return ids.flatMap((id) => {
    const provider = findProvider({ providerId: id });
    return provider && provider.id === id ? [provider] : [];
  });
}
