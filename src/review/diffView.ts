/**
 * Converts a `CostDiff` into the webview's Diff view data (src/protocol/messages.ts `DiffView`), so
 * the editor's "Compare Cost with Branch…" shows exactly what the PR comment shows.
 */
import type { DiffCallSite, DiffView } from '../protocol/messages';
import type { CallSiteDiff, CostDiff } from './model';

function kind(site: CallSiteDiff): DiffCallSite['kind'] {
  return site.status === 'moved' ? 'unchanged' : site.status;
}

/** The Diff view's data for a cost diff. */
export function toDiffView(diff: CostDiff): DiffView {
  return {
    baseRef: diff.base.label,
    headRef: diff.head.label,
    // CostDiff gives percent (-4.5); the view's figures are fractions (-0.045).
    totals: { base: diff.totals.base, head: diff.totals.head, deltaUsd: diff.totals.deltaUsd, deltaFraction: diff.totals.deltaPct === null ? null : diff.totals.deltaPct / 100 },
    byTask: diff.byTask.map((t) => ({ task: t.task, base: t.base, head: t.head, deltaUsd: t.deltaUsd })),
    callSites: diff.callSites.map((s) => ({
      id: s.id,
      kind: kind(s),
      task: s.task,
      file: s.span.file,
      line: s.span.start.line,
      baseModel: s.base?.model ?? null,
      headModel: s.head?.model ?? null,
      baseMonthly: s.base?.monthly ?? null,
      headMonthly: s.head?.monthly ?? null,
      changes: s.changes.map((c) => c.text),
    })),
  };
}
