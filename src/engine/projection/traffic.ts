/** Resolves the monthly request rate of a call site, most specific source first. */
import type { AnalyzedCallSite, TaskType, TierwiseConfig, TrafficRate } from '../model';
import { matchesGlob } from '../config/traffic';

/**
 * Order: the call's `// tierwise: traffic=` annotation > `traffic.callSites[id]` > the first
 * `traffic.paths` glob matching the file > `traffic.tasks[task]` > `traffic.default`; then monthly
 * growth compounded over `monthsAhead`. The source says which one applied.
 */
export function resolveTraffic(analyzed: AnalyzedCallSite, task: TaskType, config: TierwiseConfig): TrafficRate {
  const { site } = analyzed;
  const t = config.traffic;
  let rate: TrafficRate;
  if (site.annotation?.trafficPerMonth !== undefined) {
    rate = { perMonth: site.annotation.trafficPerMonth, source: `annotation at ${site.annotation.span.file}:${site.annotation.span.start.line + 1}` };
  } else {
    rate = t.callSites[site.id]
      ?? t.paths.find((p) => matchesGlob(site.span.file, p.glob))?.rate
      ?? t.tasks[task]
      ?? t.default;
  }
  if (t.growthPerMonth === 0 || t.monthsAhead === 0) return rate;
  const factor = (1 + t.growthPerMonth) ** t.monthsAhead;
  return { perMonth: rate.perMonth * factor, source: `${rate.source} x (1 + ${t.growthPerMonth})^${t.monthsAhead} growth` };
}
