/** Renders a profiling summary and a plan as a terminal table, JSON or markdown (plain strings). */
import { relative } from 'node:path';
import type { ProfileSummary, RunPlan, TierResult } from './types';
import { count, pct, usdOrUnpriced } from '../format';

const usd = usdOrUnpriced;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)}s` : `${Math.round(x)}ms`);

const HEADERS = ['task', 'tier', 'model', 'pass', '95% CI', 'score', 'p50', 'p95', 'in tok', 'out tok', 'errors', 'cost', '/month'];

function cells(r: TierResult): string[] {
  return [
    r.task, String(r.tier), r.model, `${r.passed}/${r.graded} ${pct(r.passRate)}`, `${pct(r.interval[0])}-${pct(r.interval[1])}`,
    r.meanScore.toFixed(2), ms(r.latencyP50Ms), ms(r.latencyP95Ms), r.meanInputTokens.toFixed(0), r.meanOutputTokens.toFixed(0),
    String(r.errors), usd(r.costUsd), usd(r.projectedMonthlyUsd),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** The dry run, as lines for a terminal; paths are shown relative to `base` (default: the workspace root). */
export function renderPlan(plan: RunPlan, base: string = plan.root): string {
  const todo = plan.requests.length - plan.alreadyDone;
  const lines = [
    `Profiling plan: ${plan.requests.length} requests (${plan.tasks.join(', ') || 'no tasks'} x tiers ${plan.tiers.join(', ') || '-'}), ${plan.alreadyDone} already done, ${todo} to send${plan.batch ? ' (Anthropic via Message Batches, half price)' : ''}`,
    ...plan.models.map((m) => `  tier ${m.tier}: ${m.model} (${m.provider})${m.price ? '' : ' — unpriced'}`),
    `Estimated cost: ${usd(plan.estimatedCostUsd)} (at most ${usd(plan.maxCostUsd)} if every answer hits max_tokens); tokens by ${plan.tokenMethod}`,
    `Estimated time: ${plan.estimatedSeconds < 60 ? `${Math.ceil(plan.estimatedSeconds)}s` : `${(plan.estimatedSeconds / 60).toFixed(1)} min`} at the configured concurrency`,
    `Results log: ${relative(base, plan.resultsFile) || plan.resultsFile} (a re-run resumes from it)`,
    ...plan.skipped.map((s) => `  note: ${s}`),
  ];
  return lines.join('\n') + '\n';
}

/** The decision table for a terminal. */
export function renderTable(summary: ProfileSummary): string {
  if (summary.rows.length === 0) return 'No profiling results yet.\n';
  const out = [table([HEADERS, ...summary.rows.map(cells)]), '', 'Decisions:'];
  for (const d of summary.decisions) {
    out.push(`  ${d.task.padEnd(16)} tier ${d.tier} ${d.model} [${d.mode}] ${d.reason}; projected ${usd(d.projectedMonthlyUsd)}/month at ${count(d.requestsPerMonth)} requests`);
  }
  out.push('', `Profiling spend: ${usd(summary.totalCostUsd)}${summary.graderCostUsd > 0 ? ` (+ ${usd(summary.graderCostUsd)} for the LLM grader)` : ''}`);
  return out.join('\n') + '\n';
}

/** Markdown (PR comments, docs). */
export function renderMarkdown(summary: ProfileSummary): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['## Tierwise profiling results', '', `| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
  for (const r of summary.rows) out.push(`| ${cells(r).map(escape).join(' | ')} |`);
  out.push('', '### Decisions', '', '| task | tier | model | mode | why | projected / month |', '|---|---|---|---|---|---|');
  for (const d of summary.decisions) out.push(`| ${d.task} | ${d.tier} | ${d.model} | ${d.mode} | ${escape(d.reason)} | ${usd(d.projectedMonthlyUsd)} |`);
  out.push('', `Profiling spend: ${usd(summary.totalCostUsd)}; grader: ${usd(summary.graderCostUsd)}.`);
  return out.join('\n') + '\n';
}

/** JSON (machine-readable). */
export function renderJson(summary: ProfileSummary, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, ...summary }, null, 2) + '\n';
}
