/** Markdown rendering of a projection (for PR descriptions and docs). */
import type { Projection } from '../../engine/api';
import { count, modelCell, rangeText, savingText, strategyLines, usd, where } from './projectFormat';
import { pct } from '../../format';

/** Escapes text for a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\n/g, ' ');
}

/** The `tierwise project --format markdown` report. */
export function renderProjectMarkdown(p: Projection): string {
  const out = ['## Tierwise cost projection', '', `Catalog as of ${p.catalogAsOf}; configuration: ${cell(p.configFile ?? 'defaults')}.`, ''];
  out.push(`**Now ${usd(p.totals.current.expected)}/month → recommended ${usd(p.totals.recommended.expected)}/month (saving ${usd(p.totals.savingUsd)}, ${pct(p.totals.savingPct / 100, 1)}).**`, '');
  out.push('| Call site | Task | Requests/month | Now | $/month | Recommended | $/month | Saving |', '|---|---|---:|---|---:|---|---:|---:|');
  for (const s of p.callSites) {
    out.push(`| \`${cell(where(s))}\` | ${s.task} | ${count(s.requestsPerMonth)} | ${cell(modelCell(s.currentModel, s.recommendation.currentTier))} | ${rangeText(s.current?.range)} | ${cell(modelCell(s.recommendedModel, s.recommendation.suggestedTier))} | ${rangeText(s.recommended?.range)} | ${savingText(s)} |`);
  }
  out.push('', '| Task | Call sites | Requests/month | Now | Recommended | Strategy |', '|---|---:|---:|---:|---:|---|');
  for (const t of p.byTask) out.push(`| ${t.task} | ${t.callSites} | ${count(t.requestsPerMonth)} | ${rangeText(t.current)} | ${rangeText(t.recommended)} | ${t.strategy} |`);
  const strategies = strategyLines(p);
  if (strategies.length) out.push('', ...strategies.map((l) => `- ${cell(l)}`));
  if (p.excluded.length) out.push('', '<details><summary>Not in the totals</summary>', '', ...p.excluded.map((e) => `- \`${cell(e.callSiteId)}\`: ${cell(e.reason)}`), '', '</details>');
  out.push('', '<details><summary>Assumptions</summary>', '', ...p.assumptions.map((a) => `- ${cell(a)}`), '', '</details>', '');
  return out.join('\n');
}
