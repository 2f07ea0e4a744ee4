/**
 * The one pricing module: what a request costs at a model's prices. `pricesForInput` picks the
 * rate (long-context tiers), `requestCost` prices measured usage (profiling, cost per 1,000 calls),
 * `requestBreakdown` prices a token estimate split by component with cache and batch billing
 * (recommendation, projection). Everything that prices tokens calls these; nothing else does.
 */
import type { AnalyzedCallSite, CostBreakdown, ModelInfo, TierwiseConfig, TokenEstimate, TokenPrices, TokenRange } from '../model';

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

/** How the request is billed beyond its tokens. */
export interface BillingOptions {
  /** Embeddings: input only. */
  embed: boolean;
  /** Fraction off through a batch API (0 = not batched). */
  batchDiscount: number;
  /** Tokens of a cache-marked static prefix (0 = no cache marker). */
  cachedPrefixTokens: number;
  /** Fraction of requests that read the prefix from cache. */
  cacheHitRate: number;
}

/** A breakdown with every component 0. */
export function zeroBreakdown(): CostBreakdown {
  return { input: 0, output: 0, thinking: 0, cacheSavings: 0, batchSavings: 0, total: 0 };
}

/**
 * USD of one request at the `bound` of the estimate. Cache: hits read the prefix at the cache-read
 * price instead of the input price; misses write it at the cache-write price (a premium where the
 * provider charges one); the net is `cacheSavings`. Batch: the discount applies to what remains.
 */
export function requestBreakdown(model: ModelInfo, tokens: TokenEstimate, bound: keyof TokenRange, billing: BillingOptions): CostBreakdown | null {
  const prices = model.prices;
  if (!prices) return null;
  const inputTokens = tokens.input[bound];
  const rate = pricesForInput(prices, inputTokens);
  const input = (inputTokens * rate.inputPerMTok) / 1e6;
  const output = billing.embed ? 0 : (tokens.output[bound] * rate.outputPerMTok) / 1e6;
  const thinking = billing.embed ? 0 : ((tokens.thinking?.[bound] ?? 0) * rate.outputPerMTok) / 1e6;
  let cacheSavings = 0;
  const prefix = Math.min(billing.cachedPrefixTokens, inputTokens);
  if (prefix > 0 && prices.cacheReadPerMTok !== undefined) {
    const readSaving = prefix * billing.cacheHitRate * (rate.inputPerMTok - prices.cacheReadPerMTok);
    const writePremium = prefix * (1 - billing.cacheHitRate) * ((prices.cacheWritePerMTok ?? rate.inputPerMTok) - rate.inputPerMTok);
    cacheSavings = (readSaving - writePremium) / 1e6;
  }
  const gross = input + output + thinking - cacheSavings;
  const batchSavings = gross * billing.batchDiscount;
  return { input, output, thinking, cacheSavings, batchSavings, total: gross - batchSavings };
}

/** Multiplies every component of a breakdown (per request -> per month). */
export function scaleBreakdown(b: CostBreakdown, factor: number): CostBreakdown {
  return {
    input: b.input * factor,
    output: b.output * factor,
    thinking: b.thinking * factor,
    cacheSavings: b.cacheSavings * factor,
    batchSavings: b.batchSavings * factor,
    total: b.total * factor,
  };
}

/** Rounds money for output (to 1/10,000 of a cent: sums stay exact enough to check by hand). */
export function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Billing options of a call site at a model: embeddings bill input only; the batch discount
 * applies when the call already goes through a batch API, or when `batchable` (a task marked
 * batchable in tierwise.yml, for the recommended setup); a cache marker enables cached-prefix pricing.
 */
export function billingFor(analyzed: AnalyzedCallSite, model: ModelInfo, config: TierwiseConfig, batchable: boolean): BillingOptions {
  const site = analyzed.site;
  const batched = site.params.batch || site.operation === 'batch' || batchable;
  const marked = site.params.promptCache?.marked === true;
  return {
    embed: site.operation === 'embed',
    batchDiscount: batched ? (model.batchDiscount ?? 0) : 0,
    cachedPrefixTokens: marked ? (analyzed.tokens.cachedPrefixTokens ?? 0) : 0,
    cacheHitRate: config.pricing.cacheHitRate,
  };
}
