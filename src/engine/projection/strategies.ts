/**
 * Per-task strategy costs: cascade (tier-1 cost + escalation rate x tier-2 cost) and content-based
 * classifier routing (per-query overhead and the volume at which it pays off).
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalyzedCallSite, TaskProjection, TaskType, TierEvidence, TierwiseConfig } from '../model';
import { buildContext } from '../recommend/context';
import { billingFor, requestBreakdown } from '../cost/price';

/** One included call site of the task with its monthly requests and expected current cost. */
export interface TaskMember {
  analyzed: AnalyzedCallSite;
  requestsPerMonth: number;
  currentExpected: number;
}

function monthlyAt(member: TaskMember, level: number, config: TierwiseConfig, catalog: Catalog): number | null {
  const ctx = buildContext(member.analyzed, config, catalog, []);
  const info = ctx.modelFor(level)?.info;
  if (!info) return null;
  const cost = requestBreakdown(info, member.analyzed.tokens, 'expected', billingFor(member.analyzed, info, config, ctx.policy.batchable));
  return cost ? cost.total * member.requestsPerMonth : null;
}

/** The escalation rate: 1 - tier-1 pass rate from profiling, else the configured assumption. */
export function escalationRate(task: TaskType, config: TierwiseConfig, evidence: readonly TierEvidence[]): { rate: number; source: 'profiling' | 'assumption' } {
  const lowest = Math.min(...config.tiers.map((t) => t.level));
  const measured = evidence.find((e) => e.task === task && e.tier === lowest);
  return measured ? { rate: 1 - measured.passRate, source: 'profiling' } : { rate: config.routing.assumedEscalationRate, source: 'assumption' };
}

/** Cascade cost of a task: sum of tier-1 costs + rate x sum of tier-2 costs (null when a tier is unpriced). */
export function cascadeCost(task: TaskType, members: readonly TaskMember[], config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[]): TaskProjection['cascade'] | undefined {
  const [first, second] = config.tiers.map((t) => t.level).sort((a, b) => a - b);
  if (second === undefined) return undefined;
  let tier1 = 0;
  let tier2 = 0;
  for (const member of members) {
    const a = monthlyAt(member, first, config, catalog);
    const b = monthlyAt(member, second, config, catalog);
    if (a === null || b === null) return undefined;
    tier1 += a;
    tier2 += b;
  }
  const { rate, source } = escalationRate(task, config, evidence);
  return { monthlyCost: tier1 + rate * tier2, escalationRate: rate, rateSource: source };
}

/**
 * Classifier routing: overhead = requests x cost per query. It routes (1 - escalation rate) of the
 * requests to tier 1, saving (current - tier-1) on each; it pays off above
 * fixed monthly cost / (saving per request - cost per query). Null when it never pays off.
 */
export function classifierCost(task: TaskType, members: readonly TaskMember[], config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[]): TaskProjection['classifier'] {
  const requests = members.reduce((sum, m) => sum + m.requestsPerMonth, 0);
  const perQuery = config.routing.classifierCostPerQuery;
  const lowest = Math.min(...config.tiers.map((t) => t.level));
  let saving = 0;
  for (const member of members) {
    const tier1 = monthlyAt(member, lowest, config, catalog);
    if (tier1 !== null) saving += Math.max(0, member.currentExpected - tier1);
  }
  const { rate } = escalationRate(task, config, evidence);
  const savingPerRequest = requests > 0 ? ((1 - rate) * saving) / requests : 0;
  const net = savingPerRequest - perQuery;
  const fixed = config.routing.classifierFixedCostPerMonth ?? 0;
  return { overheadPerMonth: requests * perQuery, breakEvenRequestsPerMonth: net > 0 ? fixed / net : null };
}
