/** Profiling's prices: the catalog's prices for a model, and the cost of one measured request through the engine's one pricing function. */
import { requestCost as priceUsage } from '../engine/api';
import type { ModelInfo } from '../engine/api';
import type { PlanPrice } from './types';

/** The batch discount assumed when the catalog has none for a model (Anthropic Message Batches: half price). */
const DEFAULT_BATCH_DISCOUNT = 0.5;

/** A catalog model's prices as the plan uses them, or null when the model has no token prices. */
export function planPrice(model: ModelInfo): PlanPrice | null {
  if (!model.prices) return null;
  return { ...model.prices, batchDiscount: model.batchDiscount ?? DEFAULT_BATCH_DISCOUNT };
}

/**
 * USD cost of `inputTokens` + `outputTokens` at `price` (the long-context tier chosen by the input,
 * as providers bill); batch requests get the batch discount.
 */
export function requestCost(price: PlanPrice | null, inputTokens: number, outputTokens: number, batch = false): number {
  if (!price) return 0;
  const full = priceUsage(price, { input: inputTokens, output: outputTokens });
  return batch ? full * (1 - price.batchDiscount) : full;
}
