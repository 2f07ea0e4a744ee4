/**
 * A self-contained HTML report of a projection: one file, inline CSS, no scripts and no external
 * resources. Every string that came from code or configuration is escaped.
 */
import type { CallSiteProjection, Projection } from '../../engine/api';
import { count, modelCell, rangeText, savingText, strategyLines, usd, where } from './projectFormat';
import { pct } from '../../format';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right}th{background:#f6f8fa}
.saving{color:#1a7f37}.cost{color:#cf222e}details{margin:.5rem 0}code{font-size:12px}.rules{font-size:12px;color:#57606a}`;

function row(s: CallSiteProjection): string {
  const e = escapeHtml;
  const rules = s.recommendation.rules.map((r) => `<li><b>${e(r.rule)}</b>: ${e(r.detail)}</li>`).join('');
  const findings = s.recommendation.findings.map((f) => `<li>[${e(f.code)}] ${e(f.message)}</li>`).join('');
  return `<tr><td><code>${e(where(s))}</code><details class="rules"><summary>why</summary><ul>${rules}${findings}</ul></details></td><td>${e(s.task)}</td>`
    + `<td class="n">${count(s.requestsPerMonth)}<br><span class="rules">${e(s.trafficSource)}</span></td><td>${e(modelCell(s.currentModel, s.recommendation.currentTier))}</td>`
    + `<td class="n">${e(rangeText(s.current?.range))}</td><td>${e(modelCell(s.recommendedModel, s.recommendation.suggestedTier))}</td>`
    + `<td class="n">${e(rangeText(s.recommended?.range))}</td><td class="n ${(s.savingUsd ?? 0) >= 0 ? 'saving' : 'cost'}">${e(savingText(s))}</td></tr>`;
}

/** The `tierwise project --format html` report. */
export function renderProjectHtml(p: Projection): string {
  const e = escapeHtml;
  const tasks = p.byTask.map((t) => `<tr><td>${e(t.task)}</td><td class="n">${t.callSites}</td><td class="n">${count(t.requestsPerMonth)}</td><td class="n">${e(rangeText(t.current))}</td><td class="n">${e(rangeText(t.recommended))}</td><td>${e(t.strategy)}</td></tr>`).join('\n');
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Tierwise cost projection</title><style>${STYLE}</style></head><body>
<h1>Tierwise cost projection</h1>
<p>Catalog as of ${e(p.catalogAsOf)}; configuration: ${e(p.configFile ?? 'defaults')}; generated ${e(p.generatedAt)}.</p>
<p><b>Now ${e(usd(p.totals.current.expected))}/month &rarr; recommended ${e(usd(p.totals.recommended.expected))}/month</b> (saving ${e(usd(p.totals.savingUsd))}, ${pct(p.totals.savingPct / 100, 1)}). Ranges are min-max from the token estimates.</p>
<h2>Call sites</h2>
<table><thead><tr><th>Call site</th><th>Task</th><th>Requests/month</th><th>Now</th><th>$/month</th><th>Recommended</th><th>$/month</th><th>Saving</th></tr></thead><tbody>
${p.callSites.map(row).join('\n')}
</tbody></table>
<h2>By task</h2>
<table><thead><tr><th>Task</th><th>Call sites</th><th>Requests/month</th><th>Now</th><th>Recommended</th><th>Strategy</th></tr></thead><tbody>
${tasks}
</tbody></table>
${strategyLines(p).length ? `<h2>Routing strategies</h2>${list(strategyLines(p))}` : ''}
${p.excluded.length ? `<h2>Not in the totals</h2>${list(p.excluded.map((x) => `${x.callSiteId}: ${x.reason}`))}` : ''}
<h2>Assumptions</h2>${list(p.assumptions)}
</body></html>
`;
}
