/**
 * The Profiling view: per task, the pass rate of each tier with its 95% Wilson interval and the
 * routing thresholds drawn as lines; latency p50/p95, tokens and cost; the decision and "Apply".
 */
import type { ProfilingSummaryView, ProfilingTaskResult, ProfilingTierResult } from '../../../src/protocol/messages';
import { h, replaceChildren, svg } from '../dom';
import { formatCount, formatMs, formatPct, formatUsd, taskLabel } from '../format';
import type { View, ViewActions, ViewContext } from './context';

const W = 640;
const LABEL_W = 190;
const ROW_H = 26;
const TOP = 18;
const PLOT_END = W - 64;

/** The x-axis domain: 50–100% when every interval fits, else 0–100% (always labelled). */
function domainOf(task: ProfilingTaskResult, thresholds: ProfilingSummaryView['thresholds']): [number, number] {
  const lowest = Math.min(thresholds.monitor, ...task.tiers.map((t) => t.interval[0]));
  return lowest >= 0.5 ? [0.5, 1] : [0, 1];
}

function tierRow(tier: ProfilingTierResult, y: number, x: (v: number) => number): SVGGElement {
  const [lo, hi] = tier.interval;
  return svg('g', { class: 'tier', 'data-tier': tier.tier },
    svg('text', { x: LABEL_W - 8, y: y + 15, 'text-anchor': 'end', class: 'label' }, `Tier ${tier.tier} · ${tier.model}`),
    svg('rect', { x: x(0), y: y + 5, width: Math.max(1, x(tier.passRate) - x(0)), height: 14, rx: 2, class: 'pass' }),
    svg('line', { x1: x(lo), x2: x(hi), y1: y + 12, y2: y + 12, class: 'whisker' }),
    svg('line', { x1: x(lo), x2: x(lo), y1: y + 6, y2: y + 18, class: 'whisker' }),
    svg('line', { x1: x(hi), x2: x(hi), y1: y + 6, y2: y + 18, class: 'whisker' }),
    svg('text', { x: W - 4, y: y + 16, class: 'value', 'text-anchor': 'end' }, formatPct(tier.passRate)));
}

function passRateChart(task: ProfilingTaskResult, thresholds: ProfilingSummaryView['thresholds']): SVGSVGElement {
  const [d0, d1] = domainOf(task, thresholds);
  const x = (v: number) => LABEL_W + ((Math.max(d0, Math.min(d1, v)) - d0) / (d1 - d0)) * (PLOT_END - LABEL_W);
  const height = TOP + task.tiers.length * ROW_H + 20;
  const ticks = [d0, (d0 + d1) / 2, d1];
  const threshold = (value: number, name: string) => svg('g', { class: `threshold ${name}` },
    svg('line', { x1: x(value), x2: x(value), y1: TOP - 4, y2: height - 18 }),
    svg('text', { x: x(value), y: TOP - 8, 'text-anchor': name === 'route' ? 'start' : 'end' }, `${name} ${formatPct(value, 0)}`));
  const label = `Pass rate per tier for ${taskLabel(task.task)}: ${task.tiers.map((t) => `tier ${t.tier} ${t.model} ${formatPct(t.passRate)} (95% interval ${formatPct(t.interval[0])} to ${formatPct(t.interval[1])})`).join('; ')}. Route threshold ${formatPct(thresholds.route, 0)}, monitor threshold ${formatPct(thresholds.monitor, 0)}.`;
  return svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'pass-chart', role: 'img', 'aria-label': label },
    ...ticks.map((t) => svg('text', { x: x(t), y: height - 4, class: 'tick', 'text-anchor': 'middle' }, formatPct(t, 0))),
    ...task.tiers.map((tier, i) => tierRow(tier, TOP + i * ROW_H, x)),
    threshold(thresholds.monitor, 'monitor'),
    threshold(thresholds.route, 'route'));
}

function tierTable(task: ProfilingTaskResult): HTMLTableElement {
  const head = ['Tier', 'Model', 'Passed', 'Pass rate', '95% interval', 'p50', 'p95', 'Tokens in / out', 'Cost', 'Errors'];
  return h('table', { class: 'grid-table compact' },
    h('caption', { class: 'sr-only', text: `Profiling results for ${taskLabel(task.task)}` }),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
    h('tbody', {}, ...task.tiers.map((t) => h('tr', { attrs: { 'data-tier': t.tier } },
      h('td', { text: String(t.tier) }), h('td', { text: t.model }),
      h('td', { class: 'num', text: `${t.passed}/${t.samples}` }), h('td', { class: 'num', text: formatPct(t.passRate) }),
      h('td', { class: 'num', text: `${formatPct(t.interval[0])}–${formatPct(t.interval[1])}` }),
      h('td', { class: 'num', text: formatMs(t.latencyMs.p50) }), h('td', { class: 'num', text: formatMs(t.latencyMs.p95) }),
      h('td', { class: 'num', text: `${formatCount(t.meanInputTokens)} / ${formatCount(t.meanOutputTokens)}` }),
      h('td', { class: 'num', text: formatUsd(t.costUsd) }), h('td', { class: 'num', text: String(t.errors) })))));
}

const DECISION_TEXT: Record<ProfilingTaskResult['decision']['kind'], string> = {
  route: 'Route to',
  monitor: 'Route with quality monitoring to',
  escalate: 'No profiled tier meets the bar; the best is',
  'insufficient-data': 'Not enough samples to decide; keep',
};

/** The Profiling view. */
export class ProfilingView implements View {
  readonly element = h('div', { class: 'view view-profiling' });

  constructor(private readonly actions: ViewActions) {}

  private taskSection(task: ProfilingTaskResult, thresholds: ProfilingSummaryView['thresholds']): HTMLElement {
    const d = task.decision;
    const apply = h('vscode-button', { text: d.applied ? 'Applied in tierwise.yml' : 'Apply to tierwise.yml', attrs: { 'data-control': 'apply', 'data-task': task.task, disabled: d.applied || d.kind === 'insufficient-data' } });
    apply.addEventListener('click', () => {
      if (!apply.disabled) this.actions.post({ type: 'applyProfilingDecision', task: task.task });
    });
    return h('section', { class: 'profile-task', attrs: { 'data-task': task.task, 'aria-label': `Profiling: ${taskLabel(task.task)}` } },
      h('h3', { text: taskLabel(task.task) }),
      h('p', { class: 'muted', text: `Oracle: ${task.oracle ?? 'none configured'}` }),
      passRateChart(task, thresholds),
      tierTable(task),
      h('div', { class: `decision ${d.kind}` },
        h('strong', { text: `${DECISION_TEXT[d.kind]} tier ${d.tier}${d.model ? ` (${d.model})` : ''}` }),
        h('span', { text: ` — ${d.reason}` }), apply));
  }

  update(ctx: ViewContext): void {
    const p = ctx.snapshot.profiling;
    if (!p) {
      replaceChildren(this.element, h('div', { class: 'empty' },
        h('h2', { text: 'No profiling results yet' }),
        h('p', { text: 'Run "Tierwise: Run Profiling Batch" from the command palette: every sample goes through every tier, your oracle grades the outputs, and the pass rates per tier appear here.' })));
      return;
    }
    replaceChildren(this.element,
      h('p', { class: 'lead', text: `Run of ${new Date(p.runAt).toLocaleString('en-US')} · ${p.tasks.length} tasks · cost ${formatUsd(p.totalCostUsd)} · ${formatMs(p.durationMs)} · ${p.resultsFile}` }),
      h('p', { class: 'muted', text: `Route to tier 1 at ≥ ${formatPct(p.thresholds.route, 0)} pass rate; tier 1 with monitoring at ≥ ${formatPct(p.thresholds.monitor, 0)}; otherwise the next tier. Whiskers are 95% Wilson intervals.` }),
      ...p.tasks.map((t) => this.taskSection(t, p.thresholds)));
  }
}
