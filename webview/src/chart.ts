/**
 * Cost by task type, now vs recommended: a horizontal grouped bar chart in SVG (themed by CSS
 * classes using VS Code's chart colours), with an accessible name and a data table alternative for
 * screen readers.
 */
import type { TaskType } from '../../src/engine/model';
import { h, svg } from './dom';
import { formatUsd, taskLabel } from './format';

/** One group of bars. */
export interface CostBar {
  task: TaskType;
  current: number;
  recommended: number;
}

const LABEL_W = 130;
const VALUE_W = 80;
const WIDTH = 640;
const BAR_H = 14;
const GROUP_GAP = 12;

function barGroup(bar: CostBar, y: number, scale: number): SVGGElement {
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const row = (value: number, dy: number, kind: 'current' | 'recommended') =>
    svg('g', { class: `bar ${kind}` },
      svg('rect', { x: LABEL_W, y: y + dy, width: Math.max(1, value * scale * plotW), height: BAR_H, rx: 2 }),
      svg('text', { x: LABEL_W + Math.max(1, value * scale * plotW) + 6, y: y + dy + BAR_H - 3, class: 'value' }, formatUsd(value)));
  return svg('g', { class: 'group', 'data-task': bar.task },
    svg('text', { x: LABEL_W - 8, y: y + BAR_H + 4, class: 'label', 'text-anchor': 'end' }, taskLabel(bar.task)),
    row(bar.current, 0, 'current'),
    row(bar.recommended, BAR_H + 2, 'recommended'));
}

function alternativeTable(bars: CostBar[], caption: string): HTMLTableElement {
  return h('table', { class: 'sr-only' },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, h('th', { text: 'Task' }), h('th', { text: 'Now per month' }), h('th', { text: 'Recommended per month' }))),
    h('tbody', {}, ...bars.map((b) => h('tr', {}, h('th', { text: taskLabel(b.task), attrs: { scope: 'row' } }), h('td', { text: formatUsd(b.current) }), h('td', { text: formatUsd(b.recommended) })))));
}

/** The chart (figure with legend, SVG and table alternative). */
export function costByTaskChart(bars: CostBar[], caption = 'Monthly cost by task type: now vs recommended'): HTMLElement {
  const sorted = [...bars].sort((a, b) => b.current - a.current);
  const max = Math.max(1e-12, ...sorted.map((b) => Math.max(b.current, b.recommended)));
  const groupH = 2 * BAR_H + 2 + GROUP_GAP;
  const height = Math.max(groupH, sorted.length * groupH);
  const summary = sorted.map((b) => `${taskLabel(b.task)} ${formatUsd(b.current)} now, ${formatUsd(b.recommended)} recommended`).join('; ');
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': `${caption}. ${summary}`, preserveAspectRatio: 'xMinYMin meet' },
    ...sorted.map((bar, i) => barGroup(bar, i * groupH + 4, 1 / max)));
  const legend = h('div', { class: 'legend', attrs: { 'aria-hidden': 'true' } },
    h('span', { class: 'swatch current' }), 'Now', h('span', { class: 'swatch recommended' }), 'Recommended');
  return h('figure', { class: 'chart' }, h('figcaption', { text: caption }), legend, chart, alternativeTable(sorted, caption));
}
