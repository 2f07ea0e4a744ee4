/** Shared cell formatting of the projection reporters (table, markdown, HTML). */
import type { CallSiteProjection, CostRange, Projection } from '../../engine/api';
import { count, pct, usd } from '../../format';

export { count, usd };

/** `$67.50 ($60.00-$80.00)` or `$67.50` when the range is a point. */
export function rangeText(r: CostRange | undefined | null): string {
  if (!r) return 'n/a';
  return r.min === r.max ? usd(r.expected) : `${usd(r.expected)} (${usd(r.min)}-${usd(r.max)})`;
}

/** `-$54.00 (-80%)`, or `n/a`. */
export function savingText(p: Pick<CallSiteProjection, 'savingUsd' | 'savingPct'>): string {
  if (p.savingUsd === null) return 'n/a';
  const sign = p.savingUsd > 0 ? '-' : p.savingUsd < 0 ? '+' : '';
  const share = p.savingPct === null ? '' : ` (${sign}${pct(Math.abs(p.savingPct) / 100, 0)})`;
  return `${sign}${usd(Math.abs(p.savingUsd))}${share}`;
}

/** `file:line` of a call site (1-based line). */
export function where(p: CallSiteProjection): string {
  return `${p.span.file}:${p.span.start.line + 1}`;
}

/** `model (tier n)` with the tier when known. */
export function modelCell(model: string | null, tier: number | null | undefined): string {
  if (!model) return 'unknown';
  return tier ? `${model} (t${tier})` : model;
}

/** One line per task's strategy costs (cascade / classifier), empty when the task uses rule routing. */
export function strategyLines(projection: Projection): string[] {
  const lines: string[] = [];
  for (const t of projection.byTask) {
    if (t.cascade) {
      lines.push(`${t.task}: cascade = tier-1 cost + ${t.cascade.escalationRate.toFixed(3)} (${t.cascade.rateSource === 'profiling' ? 'measured' : 'ASSUMED'} escalation rate) x tier-2 cost = ${usd(t.cascade.monthlyCost)}/month`);
    }
    if (t.classifier) {
      const be = t.classifier.breakEvenRequestsPerMonth;
      lines.push(`${t.task}: classifier routing overhead ${usd(t.classifier.overheadPerMonth)}/month; ${be === null ? 'never pays off at this price per query' : `pays off above ${count(be)} requests/month`}`);
    }
  }
  return lines;
}
