/** Cost of one request from measured tokens and the plan's prices. */
import type { PlanPrice } from './types';

/** USD cost of `inputTokens` + `outputTokens` at `price`; batch requests get the batch discount. */
export function requestCost(price: PlanPrice | null, inputTokens: number, outputTokens: number, batch = false): number {
  if (!price) return 0;
  const full = (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
  return batch ? full * (1 - price.batchDiscount) : full;
}
