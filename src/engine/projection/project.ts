/**
 * `project`: monthly cost of every costed call site now and with its recommendation, per task and in
 * total, from traffic x token estimates x catalog prices. Pure: plain data in, plain data out.
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalyzedCallSite, CallSiteProjection, CostBreakdown, CostRange, Exclusion, ModelInfo, Projection, ScanResult, TaskProjection, TaskType, TierEvidence, TierwiseConfig } from '../model';
import { recommend } from '../recommend/recommend';
import { billingFor, requestBreakdown, roundUsd, scaleBreakdown } from '../cost/price';
import { resolveTraffic } from '../cost/traffic';
import { cascadeCost, classifierCost, type TaskMember } from './strategies';
import { DAYS_PER_MONTH } from '../config/defaults';

type Costed = { breakdown: CostBreakdown; range: CostRange; perRequest: CostRange };

function roundBreakdown(b: CostBreakdown): CostBreakdown {
  return { input: roundUsd(b.input), output: roundUsd(b.output), thinking: roundUsd(b.thinking), cacheSavings: roundUsd(b.cacheSavings), batchSavings: roundUsd(b.batchSavings), total: roundUsd(b.total) };
}

function monthly(analyzed: AnalyzedCallSite, model: ModelInfo | undefined, config: TierwiseConfig, requests: number, batchable: boolean): Costed | null {
  if (!model?.prices) return null;
  const billing = billingFor(analyzed, model, config, batchable);
  const at = (bound: 'min' | 'expected' | 'max') => requestBreakdown(model, analyzed.tokens, bound, billing);
  const [min, expected, max] = [at('min'), at('expected'), at('max')];
  if (!min || !expected || !max) return null;
  return {
    breakdown: roundBreakdown(scaleBreakdown(expected, requests)),
    range: { min: roundUsd(min.total * requests), expected: roundUsd(expected.total * requests), max: roundUsd(max.total * requests) },
    perRequest: { min: min.total, expected: expected.total, max: max.total },
  };
}

function lookupModel(catalog: Catalog, id: string | null, analyzed: AnalyzedCallSite): ModelInfo | undefined {
  if (!id) return undefined;
  const hint = analyzed.site.provider === 'unknown' ? undefined : analyzed.site.provider;
  const found = catalog.lookup(id, hint);
  return found.found ? found.model : undefined;
}

function projectSite(analyzed: AnalyzedCallSite, config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[]): CallSiteProjection {
  const recommendation = recommend(analyzed, config, catalog, evidence);
  const task = analyzed.site.annotation?.task ?? analyzed.task.task;
  const traffic = resolveTraffic(analyzed, task, config.traffic);
  const requests = traffic.perMonth;
  const currentCost = monthly(analyzed, analyzed.model, config, requests, false);
  const batchable = config.tasks[task].batchable;
  const recommendedCost = monthly(analyzed, lookupModel(catalog, recommendation.suggestedModel, analyzed), config, requests, batchable);
  const current = currentCost && { breakdown: currentCost.breakdown, range: currentCost.range };
  const recommended = recommendedCost && { breakdown: recommendedCost.breakdown, range: recommendedCost.range };
  const saving = current && recommended ? roundUsd(current.range.expected - recommended.range.expected) : null;
  return {
    callSiteId: analyzed.site.id,
    span: analyzed.site.span,
    task,
    requestsPerMonth: requests,
    trafficSource: traffic.source,
    trafficRule: traffic.rule,
    baseRequestsPerMonth: traffic.basePerMonth,
    growthFactor: traffic.growthFactor,
    perRequest: { current: currentCost?.perRequest ?? null, recommended: recommendedCost?.perRequest ?? null },
    currentModel: analyzed.modelId,
    recommendedModel: recommendation.suggestedModel,
    tokens: { input: analyzed.tokens.input, output: analyzed.tokens.output },
    current,
    recommended,
    savingUsd: saving,
    savingPct: saving !== null && current && current.range.expected > 0 ? roundUsd((saving / current.range.expected) * 100) : null,
    recommendation,
  };
}

/** Why a projected call site is left out of the totals, or null when it counts. */
function exclusionOf(p: CallSiteProjection, analyzed: AnalyzedCallSite): Omit<Exclusion, 'callSiteId'> | null {
  if (!analyzed.modelId) return { code: 'model-unknown', reason: `model unknown (${analyzed.site.model.unknown[0]?.reason ?? analyzed.site.model.expression}): annotate or resolve it to cost this call` };
  if (!p.current) {
    const reason = analyzed.unpriced ? `${analyzed.unpriced.id} is unpriced (nearest: ${analyzed.unpriced.nearest.join(', ') || 'none'}); add pricing.overrides.${analyzed.unpriced.id}` : `${analyzed.modelId} has no prices`;
    return { code: 'model-unpriced', reason };
  }
  if (!p.recommended) return { code: 'recommended-unpriced', reason: `recommended model ${p.recommendedModel ?? '(none)'} is unpriced or missing from the tiers` };
  return null;
}

/** Why a call site that is not a costed unit is left out: the analysis says why, as a code. */
function notCostedExclusion(analyzed: AnalyzedCallSite): Exclusion {
  const why = analyzed.notCosted ?? { code: 'not-costed' as const, reason: 'not costed: token counting, or a wrapper costed at its invocations' };
  return { callSiteId: analyzed.site.id, ...why };
}

const addRange = (a: CostRange, b: CostRange): CostRange => ({ min: a.min + b.min, expected: a.expected + b.expected, max: a.max + b.max });
const zero = (): CostRange => ({ min: 0, expected: 0, max: 0 });
const roundRange = (r: CostRange): CostRange => ({ min: roundUsd(r.min), expected: roundUsd(r.expected), max: roundUsd(r.max) });

function byTask(included: Array<{ p: CallSiteProjection; analyzed: AnalyzedCallSite }>, config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[]): TaskProjection[] {
  const groups = new Map<TaskType, typeof included>();
  for (const item of included) groups.set(item.p.task, [...(groups.get(item.p.task) ?? []), item]);
  return [...groups.entries()].map(([task, items]) => {
    const strategy = config.tasks[task].strategy;
    const members: TaskMember[] = items.map(({ p, analyzed }) => ({ analyzed, requestsPerMonth: p.requestsPerMonth, currentExpected: p.current?.range.expected ?? 0 }));
    const row: TaskProjection = {
      task,
      callSites: items.length,
      requestsPerMonth: roundUsd(items.reduce((s, i) => s + i.p.requestsPerMonth, 0)),
      current: roundRange(items.reduce((s, i) => addRange(s, i.p.current?.range ?? zero()), zero())),
      recommended: roundRange(items.reduce((s, i) => addRange(s, i.p.recommended?.range ?? zero()), zero())),
      strategy,
    };
    if (strategy === 'cascade') {
      const cascade = cascadeCost(task, members, config, catalog, evidence);
      if (cascade) row.cascade = { ...cascade, monthlyCost: roundUsd(cascade.monthlyCost) };
    }
    if (strategy === 'classifier') row.classifier = classifierCost(task, members, config, catalog, evidence);
    return row;
  }).sort((a, b) => b.current.expected - a.current.expected);
}

function assumptions(config: TierwiseConfig, catalog: Catalog): string[] {
  const t = config.traffic;
  const out = [
    `${DAYS_PER_MONTH}-day months; traffic per call site: annotation > traffic.callSites > traffic.paths > traffic.tasks > traffic.default (${t.default.perMonth.toLocaleString('en-US')} requests/month, ${t.default.source})`,
    `prices from the catalog as of ${catalog.asOf}${Object.keys(config.pricing.overrides).length ? ` with ${Object.keys(config.pricing.overrides).length} override(s) from tierwise.yml` : ''}`,
    `token estimates are static: prompt holes use configured sizes or the default ${config.defaultHole.min}/${config.defaultHole.expected}/${config.defaultHole.max} tokens (min/expected/max); the recommended model is costed with the same token counts`,
    `cached-prefix savings where a cache marker is present, at a ${config.pricing.cacheHitRate * 100}% hit rate`,
    'batch discount (catalog batch price) for calls already batched, and in the recommendation for tasks marked batchable',
    `cascade: tier-1 cost + escalation rate x tier-2 cost; the rate is 1 - tier-1 pass rate from profiling, else the assumption ${config.routing.assumedEscalationRate}`,
    `classifier routing: $${config.routing.classifierCostPerQuery}/query plus $${config.routing.classifierFixedCostPerMonth ?? 0}/month fixed; totals use per-call-site recommendations (rule routing)`,
  ];
  if (t.growthPerMonth && t.monthsAhead) out.push(`traffic grows ${t.growthPerMonth * 100}%/month, projected ${t.monthsAhead} months ahead`);
  return out;
}

/**
 * Projects the monthly cost of a scan. `evidence` is profiling results; `now` dates the result
 * (injected so tests are deterministic).
 */
export function projectCosts(scan: ScanResult, config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[] = [], now: Date = new Date()): Projection {
  const callSites: CallSiteProjection[] = [];
  const excluded: Exclusion[] = [];
  const included: Array<{ p: CallSiteProjection; analyzed: AnalyzedCallSite }> = [];
  for (const analyzed of scan.callSites) {
    if (!analyzed.costed) {
      excluded.push(notCostedExclusion(analyzed));
      continue;
    }
    const p = projectSite(analyzed, config, catalog, evidence);
    callSites.push(p);
    const exclusion = exclusionOf(p, analyzed);
    if (exclusion) excluded.push({ callSiteId: p.callSiteId, ...exclusion });
    else included.push({ p, analyzed });
  }
  const current = roundRange(included.reduce((s, i) => addRange(s, i.p.current?.range ?? zero()), zero()));
  const recommended = roundRange(included.reduce((s, i) => addRange(s, i.p.recommended?.range ?? zero()), zero()));
  const savingUsd = roundUsd(current.expected - recommended.expected);
  return {
    generatedAt: now.toISOString(),
    catalogAsOf: catalog.asOf,
    configFile: config.file,
    totals: { current, recommended, savingUsd, savingPct: current.expected > 0 ? roundUsd((savingUsd / current.expected) * 100) : 0 },
    byTask: byTask(included, config, catalog, evidence),
    callSites,
    excluded,
    assumptions: assumptions(config, catalog),
  };
}
