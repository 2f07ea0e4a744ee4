/**
 * The one traffic function: how many requests per month a call site (or, without a site, a task)
 * makes, which rule of `tierwise.yml` said so, and the growth applied. Used by the projection, the
 * profiling summary, review and the editor; nobody re-derives the rule from the source text.
 */
import type { AnalyzedCallSite, TaskType, TierwiseConfig, TrafficResolution } from '../model';

/** The `traffic` section of the configuration. */
type TrafficConfig = TierwiseConfig['traffic'];
import { matchesGlob } from '../config/traffic';

/** `(1 + growthPerMonth) ^ monthsAhead`: 1 when there is no growth. */
export function growthFactor(growthPerMonth: number, monthsAhead: number): number {
  return growthPerMonth === 0 || monthsAhead === 0 ? 1 : (1 + growthPerMonth) ** monthsAhead;
}

/**
 * Order: the call's `// tierwise: traffic=` annotation > `traffic.callSites[id]` > the first
 * `traffic.paths` glob matching the file > `traffic.tasks[task]` > `traffic.default`; then monthly
 * growth compounded over `monthsAhead`. Without `analyzed`, only the task and default rules apply
 * (a task's rate per call site). The result names the rule, the base rate and the growth factor.
 */
export function resolveTraffic(analyzed: AnalyzedCallSite | undefined, task: TaskType, traffic: TrafficConfig): TrafficResolution {
  const t = traffic;
  const site = analyzed?.site;
  const siteRate = site ? t.callSites[site.id] : undefined;
  const pathRule = site && !siteRate ? t.paths.find((p) => matchesGlob(site.span.file, p.glob)) : undefined;
  let base: Pick<TrafficResolution, 'rule' | 'basePerMonth' | 'source'>;
  if (site?.annotation?.trafficPerMonth !== undefined) {
    base = { rule: 'annotation', basePerMonth: site.annotation.trafficPerMonth, source: `annotation at ${site.annotation.span.file}:${site.annotation.span.start.line + 1}` };
  } else if (siteRate) {
    base = { rule: 'call-site', basePerMonth: siteRate.perMonth, source: siteRate.source };
  } else if (pathRule) {
    base = { rule: 'path', basePerMonth: pathRule.rate.perMonth, source: pathRule.rate.source };
  } else if (t.tasks[task]) {
    base = { rule: 'task', basePerMonth: t.tasks[task].perMonth, source: t.tasks[task].source };
  } else {
    base = { rule: 'default', basePerMonth: t.default.perMonth, source: t.default.source };
  }
  const factor = growthFactor(t.growthPerMonth, t.monthsAhead);
  if (factor === 1) return { ...base, perMonth: base.basePerMonth, growthFactor: 1 };
  return {
    ...base,
    perMonth: base.basePerMonth * factor,
    growthFactor: factor,
    source: `${base.source} x (1 + ${t.growthPerMonth})^${t.monthsAhead} growth`,
  };
}
