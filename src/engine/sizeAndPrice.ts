import type { Catalog } from './catalog/catalog';
import { pricesForInput, requestCost } from './cost/price';
import type { AnalyzedCallSite, CallSite, CatalogLookup, ModelInfo, Provider, TierwiseConfig, TokenEstimate, TokenRange } from './model';
import { inferTask } from './tasks/infer';
import type { TokenCounter } from './tokens/counter';
import { estimateTokens } from './tokens/estimate';

/** Services `sizeAndPriceCallSite` needs (created once per scan by the composition root). */
export interface SizingDeps {
  catalog: Catalog;
  counter: TokenCounter;
  config: TierwiseConfig;
}

/** The model id used for the estimate: the first resolved candidate, or null when unknown. */
function chosenModel(site: CallSite, reasons: string[]): string | null {
  const first = site.model.candidates[0];
  if (!first) {
    const why = site.model.unknown[0];
    reasons.push(`model unknown: ${why ? `${why.reason} (\`${why.expression}\`)` : `\`${site.model.expression}\` could not be resolved`}; not costed`);
    return null;
  }
  if (site.model.candidates.length > 1) {
    reasons.push(`model has ${site.model.candidates.length} candidates (${site.model.candidates.map((c) => c.value).join(', ')}); estimated with the first, ${first.value}`);
  }
  if (site.model.unknown.length > 0) reasons.push(`some branches of the model could not be resolved (${site.model.unknown[0]?.reason})`);
  return first.value;
}

function lifecycleNotes(model: ModelInfo, reasons: string[]): void {
  if (model.retired) reasons.push(`${model.id} is marked retired in the catalog: requests to it will fail; move to a current model`);
  else if (model.deprecated) reasons.push(`${model.id} is marked deprecated in the catalog: plan a migration`);
}

/** USD for 1,000 calls at each bound of the token ranges (long-context tiers chosen per bound). */
function costPer1k(model: ModelInfo, site: CallSite, tokens: TokenEstimate, reasons: string[]): TokenRange | undefined {
  const prices = model.prices;
  if (!prices) {
    reasons.push(`${model.id} has no token prices in the catalog; add pricing.overrides.${model.id} to price it`);
    return undefined;
  }
  const embed = site.operation === 'embed';
  const batch = site.params.batch || site.operation === 'batch';
  const discount = batch ? (model.batchDiscount ?? 0) : 0;
  const bound = (key: keyof TokenRange): number => {
    const output = embed ? 0 : tokens.output[key] + (tokens.thinking?.[key] ?? 0);
    return requestCost(prices, { input: tokens.input[key], output }) * 1000 * (1 - discount);
  };
  const source = model.source === 'config-override' ? 'configuration override' : model.source === 'catalog-update' ? 'updated catalog' : 'bundled genai-prices catalog';
  reasons.push(`priced as ${model.id}: $${prices.inputPerMTok}/MTok input, $${prices.outputPerMTok}/MTok output (${source}, as of ${model.asOf})`);
  if (embed) reasons.push('embeddings are billed on input tokens only');
  if (tokens.thinking) reasons.push('thinking tokens are billed at the output price');
  const tier = pricesForInput(prices, tokens.input.expected).tier ?? pricesForInput(prices, tokens.input.max).tier;
  if (tier !== undefined) {
    reasons.push(`long-context price tier above ${tier} input tokens applies to ${tokens.input.expected > tier ? 'the expected estimate' : 'the max estimate only'}`);
  }
  if (batch) reasons.push(discount ? `batch API: ${discount * 100}% discount applied` : `batch API: the catalog has no batch discount for ${model.id}`);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return { min: round(bound('min')), expected: round(bound('expected')), max: round(bound('max')) };
}

/** Why a call site is not a costed unit (count-tokens calls; wrappers whose invocations carry the cost), else undefined. */
function notCostedReason(site: CallSite): AnalyzedCallSite['notCosted'] {
  if (site.operation === 'count-tokens') return { code: 'count-tokens', reason: 'token counting is free: not costed' };
  if (site.role === 'wrapper' && (site.invocationIds?.length ?? 0) > 0) {
    return { code: 'wrapper', reason: `wrapper: its cost is carried by its ${site.invocationIds?.length} invocation(s)` };
  }
  return undefined;
}

/**
 * Analyses one call site: task inference, the model (first resolved candidate; null when unknown),
 * its catalog entry (unpriced with the nearest ids; deprecated/retired noted), token estimates and
 * the cost of 1,000 calls (min/expected/max; long-context tiers; batch discount; embeddings on
 * input only). Count-tokens calls and wrappers carried by their invocations are not costed.
 */
export function sizeAndPriceCallSite(site: CallSite, deps: SizingDeps): AnalyzedCallSite {
  const costReasons: string[] = [];
  const task = inferTask(site);
  const modelId = chosenModel(site, costReasons);
  const hint = site.provider !== 'unknown' ? site.provider : undefined;
  const lookup: CatalogLookup | undefined = modelId ? deps.catalog.lookup(modelId, hint) : undefined;
  const model = lookup?.found ? lookup.model : undefined;
  const provider: Provider = model && model.provider !== 'unknown' ? model.provider : site.provider;
  const tokens = estimateTokens(site, modelId, provider, deps.counter, deps.config, task.task);
  const notCosted = notCostedReason(site);
  if (notCosted) costReasons.push(notCosted.reason);
  const costed = !notCosted;
  const result: AnalyzedCallSite = { site, task, modelId, tokens, costed, costReasons };
  if (notCosted) result.notCosted = notCosted;
  if (lookup && !lookup.found) {
    result.unpriced = { id: lookup.id, nearest: lookup.nearest };
    costReasons.push(`${lookup.id} is not in the catalog (as of ${deps.catalog.asOf}); nearest known ids: ${lookup.nearest.join(', ')}. Add pricing.overrides.${lookup.id} to price it`);
  }
  if (model) {
    result.model = model;
    if (lookup?.found && lookup.matchedAs.toLowerCase() !== modelId?.toLowerCase()) costReasons.push(`${modelId} resolves to catalog model ${lookup.matchedAs}`);
    lifecycleNotes(model, costReasons);
    if (costed) {
      const cost = costPer1k(model, site, tokens, costReasons);
      if (cost) result.costPer1k = cost;
    }
  }
  return result;
}
