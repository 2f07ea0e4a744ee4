/**
 * Results -> per task x model measurements (pass rate with a Wilson 95% interval, score, latency
 * p50/p95, tokens, cost, projected monthly cost with measured tokens) and the routing decision per
 * task from the thresholds in tierwise.yml.
 */
import { resolveTraffic } from '../engine/api';
import type { TaskType, TierwiseConfig } from '../engine/model';
import { requestCost } from './cost';
import { effectiveResults, readResultsLog } from './resultsLog';
import { mean, percentile, wilsonInterval } from './stats';
import type { LogRecord, PlanPrice, ProfileSummary, ResultRecord, TaskDecision, TierResult } from './types';

/** Prices for the monthly projection (plan prices or the catalog). */
export type PriceOf = (model: string) => PlanPrice | null;

/**
 * Requests per month of one call site of a task: the engine's traffic function without a site
 * (`traffic.tasks.<task>`, else the default rate), with the configured growth.
 */
export function monthlyRequests(config: TierwiseConfig, task: TaskType): number {
  return resolveTraffic(undefined, task, config.traffic).perMonth;
}

function tierResult(config: TierwiseConfig, group: ResultRecord[], priceOf: PriceOf): TierResult {
  const first = group[0];
  const ok = group.filter((r) => r.ok);
  const passed = ok.filter((r) => r.pass).length;
  const meanIn = mean(ok.map((r) => r.inputTokens));
  const meanOut = mean(ok.map((r) => r.outputTokens));
  const price = priceOf(first.model);
  const perMonth = monthlyRequests(config, first.task);
  return {
    task: first.task,
    tier: first.tier,
    model: first.model,
    samples: group.length,
    graded: ok.length,
    passed,
    errors: group.length - ok.length,
    passRate: ok.length ? passed / ok.length : 0,
    interval: wilsonInterval(passed, ok.length),
    meanScore: mean(ok.map((r) => r.score ?? 0)),
    latencyP50Ms: percentile(ok.map((r) => r.latencyMs), 50),
    latencyP95Ms: percentile(ok.map((r) => r.latencyMs), 95),
    meanInputTokens: meanIn,
    meanOutputTokens: meanOut,
    costUsd: group.reduce((sum, r) => sum + r.costUsd, 0),
    graderCostUsd: group.reduce((sum, r) => sum + (r.graderCostUsd ?? 0), 0),
    projectedMonthlyUsd: price && ok.length ? requestCost(price, meanIn, meanOut) * perMonth : null,
    oracleVersions: [...new Set(group.map((r) => r.oracleVersion))],
    runAt: group.map((r) => r.at).sort().at(-1) ?? '',
  };
}

/**
 * The decision for one task: the lowest tier whose pass rate reaches `routing.tier1PassRate`
 * (`route`); else the lowest reaching `routing.monitorPassRate` (`monitor`, with quality
 * monitoring); else the best-scoring tier (`fallback`). Within a tier, the best model.
 */
export function decide(config: TierwiseConfig, rows: TierResult[]): TaskDecision | undefined {
  const graded = rows.filter((r) => r.graded > 0).sort((a, b) => a.tier - b.tier || b.passRate - a.passRate);
  if (graded.length === 0) return undefined;
  const { tier1PassRate, monitorPassRate } = config.routing;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const minSamples = config.routing.minProfilingSamples ?? 10;
  const thin = graded.find((r) => r.graded < minSamples);
  const routed = graded.find((r) => r.passRate >= tier1PassRate);
  const monitored = graded.find((r) => r.passRate >= monitorPassRate);
  const pick = (r: TierResult, mode: TaskDecision['mode'], reason: string): TaskDecision => ({
    task: r.task, tier: r.tier, model: r.model, mode, passRate: r.passRate, reason,
    projectedMonthlyUsd: r.projectedMonthlyUsd, requestsPerMonth: monthlyRequests(config, r.task),
  });
  if (thin) {
    return pick(thin, 'insufficient', `not enough data: tier ${thin.tier} (${thin.model}) has ${thin.graded} graded samples, fewer than routing.minProfilingSamples = ${minSamples}; run \`tierwise profile\` again to resume`);
  }
  const lower = (r: TierResult) => graded.filter((g) => g.tier < r.tier).map((g) => `tier ${g.tier} ${pct(g.passRate)}`).join(', ');
  if (routed && (!monitored || routed.tier <= monitored.tier)) {
    return pick(routed, 'route', `tier ${routed.tier} passes ${pct(routed.passRate)} >= ${pct(tier1PassRate)}${lower(routed) ? ` (lower: ${lower(routed)})` : ''}`);
  }
  if (monitored) {
    return pick(monitored, 'monitor', `tier ${monitored.tier} passes ${pct(monitored.passRate)}, in [${pct(monitorPassRate)}, ${pct(tier1PassRate)}): route with quality monitoring`);
  }
  const best = [...graded].sort((a, b) => b.passRate - a.passRate || b.tier - a.tier)[0];
  return pick(best, 'fallback', `no tier reaches ${pct(monitorPassRate)}; best is tier ${best.tier} at ${pct(best.passRate)}: improve the prompt or the oracle before routing`);
}

/** Summarizes records (or a results file) into rows and decisions. */
export function summarize(source: string | LogRecord[], config: TierwiseConfig, priceOf: PriceOf): ProfileSummary {
  const records = typeof source === 'string' ? readResultsLog(source) : source;
  const groups = new Map<string, ResultRecord[]>();
  for (const r of effectiveResults(records)) groups.set(`${r.task}|${r.model}`, [...(groups.get(`${r.task}|${r.model}`) ?? []), r]);
  const rows = [...groups.values()].map((g) => tierResult(config, g, priceOf)).sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : a.tier - b.tier));
  const decisions: TaskDecision[] = [];
  for (const task of [...new Set(rows.map((r) => r.task))]) {
    const decision = decide(config, rows.filter((r) => r.task === task));
    if (decision) decisions.push(decision);
  }
  return {
    rows,
    decisions,
    totalCostUsd: rows.reduce((sum, r) => sum + r.costUsd, 0),
    graderCostUsd: rows.reduce((sum, r) => sum + r.graderCostUsd, 0),
  };
}
