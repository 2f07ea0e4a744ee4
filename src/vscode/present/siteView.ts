import type { AnalyzedCallSite, CallSiteProjection, Recommendation } from '../../engine/model';

/**
 * Everything the editor shows about one call site, joined from the scan, the projection and the
 * recommendation (all plain engine data). Built once per analysis; features only read it.
 */
export interface SiteView {
  site: AnalyzedCallSite;
  /** Absent for call sites left out of the projection (unknown/unpriced model, wrappers, count-tokens). */
  projection?: CallSiteProjection;
  recommendation?: Recommendation;
  /** Why the call site is not in the projection's totals, when it is not. */
  excludedReason?: string;
}

/** Joins scan call sites with projection rows and recommendations by `CallSite.id`. */
export function buildSiteViews(
  callSites: AnalyzedCallSite[],
  projections: CallSiteProjection[],
  recommendations: Recommendation[],
  excluded: Array<{ callSiteId: string; reason: string }>,
): SiteView[] {
  const byId = new Map(projections.map((p) => [p.callSiteId, p]));
  const recById = new Map(recommendations.map((r) => [r.callSiteId, r]));
  const excludedById = new Map(excluded.map((e) => [e.callSiteId, e.reason]));
  return callSites.map((site) => {
    const projection = byId.get(site.site.id);
    return {
      site,
      projection,
      recommendation: projection?.recommendation ?? recById.get(site.site.id),
      excludedReason: excludedById.get(site.site.id),
    };
  });
}

/** Expected monthly cost now, or 0 when unpriced (used for sorting). */
export function monthlyCost(view: SiteView): number {
  return view.projection?.current?.range.expected ?? 0;
}

/** Saving of the recommendation as a fraction of today's expected monthly cost (0.8 = 80%), when priced. */
export function savingFraction(view: SiteView): number | undefined {
  const p = view.projection;
  if (!p?.current || !p.recommended || p.current.range.expected <= 0) return undefined;
  return (p.current.range.expected - p.recommended.range.expected) / p.current.range.expected;
}
