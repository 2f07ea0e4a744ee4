import type { TokenPrices } from '../model';

/** Token usage of one request. `input` includes cached tokens (read and written), like provider usage reports. */
export interface RequestUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** The prices that apply to a request of `inputTokens` (long-context tiers apply above their threshold). */
export function pricesForInput(prices: TokenPrices, inputTokens: number): { inputPerMTok: number; outputPerMTok: number; tier?: number } {
  let chosen: { inputPerMTok: number; outputPerMTok: number; tier?: number } = { inputPerMTok: prices.inputPerMTok, outputPerMTok: prices.outputPerMTok };
  for (const tier of prices.tiers ?? []) {
    if (inputTokens > tier.aboveInputTokens) chosen = { inputPerMTok: tier.inputPerMTok, outputPerMTok: tier.outputPerMTok, tier: tier.aboveInputTokens };
  }
  return chosen;
}

/**
 * USD cost of one request: uncached input at the input price, cache reads and writes at their
 * prices (input price when the model has none), output at the output price; the long-context tier
 * is chosen by the request's total input tokens, as providers (and genai-prices) do.
 */
export function requestCost(prices: TokenPrices, usage: RequestUsage): number {
  const { inputPerMTok, outputPerMTok } = pricesForInput(prices, usage.input);
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const uncached = Math.max(0, usage.input - cacheRead - cacheWrite);
  return (
    (uncached * inputPerMTok +
      cacheRead * (prices.cacheReadPerMTok ?? inputPerMTok) +
      cacheWrite * (prices.cacheWritePerMTok ?? inputPerMTok) +
      usage.output * outputPerMTok) /
    1e6
  );
}
