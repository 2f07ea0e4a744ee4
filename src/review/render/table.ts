/** `--format table`: a terminal rendering of the cost diff (summary, then every moving call site). */
import type { GateResult } from '../gates';
import type { CallSiteDiff, CostDiff } from '../model';
import { costCell, pctChange, signedUsd, usd } from './format';

function columns(rows: string[][], rightAligned: number[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((text, i) => (rightAligned.includes(i) ? text.padStart(widths[i]) : text.padEnd(widths[i]))).join('  ').trimEnd());
}

function siteRow(s: CallSiteDiff): string[] {
  const where = `${s.span.file}:${s.span.start.line + 1}`;
  const model = s.base && s.head && s.base.model !== s.head.model ? `${s.base.model ?? '?'} -> ${s.head.model ?? '?'}` : (s.head ?? s.base)?.model ?? '?';
  return [
    s.status,
    where,
    s.task,
    model,
    costCell(s.base?.monthly, s.base !== null),
    costCell(s.head?.monthly, s.head !== null),
    s.deltaUsd === null ? 'n/a' : signedUsd(s.deltaUsd),
    s.changes.map((c) => c.text).join('; '),
  ];
}

/** Renders the diff as aligned plain-text tables. */
export function renderTable(diff: CostDiff, gates?: GateResult): string {
  const t = diff.totals;
  const out = [
    `Cost diff ${diff.base.label} -> ${diff.head.label}: ${usd(t.base)} -> ${usd(t.head)} per month (${signedUsd(t.deltaUsd)}, ${pctChange(t.deltaPct, t.deltaUsd)})`,
    '',
  ];
  const taskRows = [['task', 'base', 'head', 'change'], ...diff.byTask.map((r) => [r.task, usd(r.base), usd(r.head), signedUsd(r.deltaUsd)])];
  taskRows.push(['total', usd(t.base), usd(t.head), signedUsd(t.deltaUsd)]);
  out.push(...columns(taskRows, [1, 2, 3]), '');
  const moving = diff.callSites.filter((s) => s.status !== 'unchanged');
  if (moving.length > 0) {
    out.push(...columns([['status', 'call site', 'task', 'model', 'base', 'head', 'change', 'what changed'], ...moving.map(siteRow)], [4, 5, 6]), '');
  }
  out.push(`${diff.counts.added} added, ${diff.counts.changed} changed, ${diff.counts.removed} removed, ${diff.counts.moved} moved, ${diff.counts.unchanged} unchanged`);
  for (const r of diff.ignoredRecommendations) out.push(`ignored recommendation: ${r.callSiteId}: ${r.text}`);
  for (const u of diff.newUnpriced) out.push(`unpriced: ${u.callSiteId} (${u.model ?? 'unknown model'}): ${u.reason}`);
  for (const reason of gates?.reasons ?? []) out.push(`GATE FAILED: ${reason}`);
  return out.join('\n') + '\n';
}
