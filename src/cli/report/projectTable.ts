/** Terminal rendering of a projection: call sites, per-task totals, totals, strategies, exclusions, assumptions. */
import type { Projection } from '../../engine/api';
import { count, modelCell, rangeText, savingText, strategyLines, usd, where } from './projectFormat';
import { pct } from '../../format';

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

/** The `tierwise project --format table` report. */
export function renderProjectTable(p: Projection): string {
  const out: string[] = [`Monthly cost projection (catalog as of ${p.catalogAsOf}; config: ${p.configFile ?? 'defaults'})`, ''];
  const rows = [['CALL SITE', 'TASK', 'REQ/MONTH', 'NOW', 'NOW $/MONTH', 'RECOMMENDED', 'REC $/MONTH', 'SAVING']];
  for (const s of p.callSites) {
    rows.push([where(s), s.task, count(s.requestsPerMonth), modelCell(s.currentModel, s.recommendation.currentTier), rangeText(s.current?.range), modelCell(s.recommendedModel, s.recommendation.suggestedTier), rangeText(s.recommended?.range), savingText(s)]);
  }
  out.push(...table(rows), '');
  const tasks = [['TASK', 'CALL SITES', 'REQ/MONTH', 'NOW', 'RECOMMENDED', 'STRATEGY']];
  for (const t of p.byTask) tasks.push([t.task, String(t.callSites), count(t.requestsPerMonth), rangeText(t.current), rangeText(t.recommended), t.strategy]);
  out.push(...table(tasks), '');
  out.push(`Total now:         ${rangeText(p.totals.current)} per month`);
  out.push(`Total recommended: ${rangeText(p.totals.recommended)} per month`);
  out.push(`Saving:            ${usd(p.totals.savingUsd)} per month (${pct(p.totals.savingPct / 100, 1)})`);
  const strategies = strategyLines(p);
  if (strategies.length) out.push('', 'Routing strategies:', ...strategies.map((l) => `  ${l}`));
  const findings = p.callSites.flatMap((s) => s.recommendation.findings.map((f) => `  ${f.span.file}:${f.span.start.line + 1} [${f.code}] ${f.message}`));
  if (findings.length) out.push('', 'Findings:', ...findings);
  if (p.excluded.length) out.push('', 'Not in the totals:', ...p.excluded.map((e) => `  ${e.callSiteId}: ${e.reason}`));
  out.push('', 'Assumptions:', ...p.assumptions.map((a) => `  - ${a}`), '');
  return out.join('\n');
}
