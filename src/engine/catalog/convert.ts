import type { ModelInfo as GenaiModel, ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import type { ModelInfo, Provider, TokenPrices } from '../model';
import { BATCH_DISCOUNTS } from './sources';

type PriceValue = number | TieredPrices | undefined;

/**
 * The price set in force at `now`. genai-prices models may carry several price sets with start-date
 * constraints (a price change) or time-of-day constraints (off-peak discounts). Like genai-prices'
 * own `calcPrice`, the latest start-date set that has begun wins; time-of-day sets are discounts for
 * some hours, so the unconstrained (standard) price is used for projections.
 */
export function pricesInForce(model: GenaiModel, now: Date): ModelPrice {
  if (!Array.isArray(model.prices)) return model.prices;
  for (let i = model.prices.length - 1; i >= 0; i--) {
    const entry = model.prices[i];
    if (!entry) continue;
    const constraint = entry.constraint;
    if (constraint === undefined) return entry.prices;
    if (constraint.type === 'start_date' && now >= new Date(constraint.start_date)) return entry.prices;
  }
  return model.prices[0]?.prices ?? {};
}

function base(value: PriceValue): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.base;
}

/** Price of a (possibly tiered) value for a prompt above `start` input tokens. */
function priceAbove(value: PriceValue, start: number): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  let price = value.base;
  for (const tier of value.tiers) if (start >= tier.start) price = tier.price;
  return price;
}

function tierStarts(values: PriceValue[]): number[] {
  const starts = new Set<number>();
  for (const v of values) if (v && typeof v !== 'number') for (const t of v.tiers) starts.add(t.start);
  return [...starts].sort((a, b) => a - b);
}

/** genai-prices' per-MTok keys -> Tierwise TokenPrices (with long-context tiers). */
export function toTokenPrices(price: ModelPrice): TokenPrices | undefined {
  const input = price.input_mtok;
  const output = price.output_mtok;
  const inputBase = base(input);
  const outputBase = base(output);
  if (inputBase === undefined && outputBase === undefined) return undefined;
  const prices: TokenPrices = { inputPerMTok: inputBase ?? 0, outputPerMTok: outputBase ?? 0 };
  const cacheRead = base(price.cache_read_mtok);
  const cacheWrite = base(price.cache_write_mtok);
  if (cacheRead !== undefined) prices.cacheReadPerMTok = cacheRead;
  if (cacheWrite !== undefined) prices.cacheWritePerMTok = cacheWrite;
  // genai-prices applies a tier when the request's input tokens exceed `start`.
  const starts = tierStarts([input, output]);
  if (starts.length > 0) {
    prices.tiers = starts.map((start) => ({
      aboveInputTokens: start,
      inputPerMTok: priceAbove(input, start + 1) ?? 0,
      outputPerMTok: priceAbove(output, start + 1) ?? 0,
    }));
  }
  return prices;
}

/** Converts one genai-prices model to Tierwise's ModelInfo. */
export function toModelInfo(
  model: GenaiModel,
  provider: Provider,
  meta: { providerName?: string; source: ModelInfo['source']; asOf: string; now: Date },
): ModelInfo {
  const info: ModelInfo = { id: model.id, provider, source: meta.source, asOf: meta.asOf };
  const name = model.name ?? undefined;
  if (name || meta.providerName) info.name = meta.providerName ? `${name ?? model.id} (${meta.providerName})` : name;
  if (model.context_window) info.contextWindow = model.context_window;
  const prices = toTokenPrices(pricesInForce(model, meta.now));
  if (prices) info.prices = prices;
  const discount = BATCH_DISCOUNTS[provider];
  if (discount !== undefined) info.batchDiscount = discount;
  if (model.deprecated) info.deprecated = true;
  // genai-prices keeps retired models "to match price sources" and says so in the description.
  if (/^retired\b/i.test(model.description ?? '')) info.retired = true;
  return info;
}
