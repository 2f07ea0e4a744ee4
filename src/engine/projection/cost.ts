/**
 * The cost of one request of a call site at one model, split by component (input, output,
 * thinking, cached-prefix savings, batch savings), for each bound of the token estimate. Shared by
 * the recommendation (saving per 1,000 calls) and the projection (monthly cost).
 */
import { pricesForInput } from '../catalog/pricing';
import type { AnalyzedCallSite, CostBreakdown, ModelInfo, TierwiseConfig, TokenEstimate, TokenRange } from '../model';

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
