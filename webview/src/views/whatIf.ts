/**
 * The What-if view: traffic per task type (requests per call site per month) and monthly growth.
 * Every figure updates as you type, from the snapshot's per-request costs (no re-scan); "Save to
 * tierwise.yml" sends the changed assumptions to the host.
 */
import type { TaskType } from '../../../src/engine/model';
import { costByTaskChart } from '../chart';
import { h, replaceChildren } from '../dom';
import { formatCount, formatPct, formatUsd, parseCount, parseGrowthPct, taskLabel } from '../format';
import { resetWhatIf, setGrowth, setTaskTraffic } from '../state';
import { configuredTaskRate, trafficToSave } from '../whatIf';
import type { View, ViewActions, ViewContext } from './context';
import { renderSummary } from './summary';

type TextField = HTMLElementTagNameMap['vscode-textfield'];

/** The What-if view. */
export class WhatIfView implements View {
  readonly element: HTMLElement;
  private readonly summary = h('div', { class: 'cards' });
  private readonly chart = h('div', { class: 'chart-wrap' });
  private readonly tbody = h('tbody');
  private readonly growth = h('vscode-textfield', { attrs: { 'aria-label': 'Growth per month in percent', 'data-control': 'growth' } });
  private readonly growthNote = h('span', { class: 'muted' });
  private readonly save = h('vscode-button', { text: 'Save to tierwise.yml', attrs: { 'data-control': 'save-traffic' } });
  private readonly inputs = new Map<TaskType, TextField>();
  private readonly rows = new Map<TaskType, HTMLTableRowElement>();
  private ctx: ViewContext | undefined;

  constructor(private readonly actions: ViewActions) {
    this.growth.addEventListener('input', () => {
      const value = parseGrowthPct(this.growth.value);
      this.growth.invalid = value === undefined;
      if (value !== undefined) actions.setUi((ui) => setGrowth(ui, value));
    });
    this.save.addEventListener('click', () => {
      if (!this.ctx || this.save.disabled) return;
      actions.post({ type: 'saveTraffic', ...trafficToSave(this.ctx.snapshot.traffic, this.ctx.ui.whatIf) });
    });
    const reset = h('vscode-button', { text: 'Reset', attrs: { secondary: true, 'data-control': 'reset-what-if' } });
    reset.addEventListener('click', () => {
      this.growth.value = '';
      actions.setUi(resetWhatIf);
    });
    const table = h('table', { class: 'grid-table' },
      h('caption', { class: 'sr-only', text: 'Traffic and cost per task type' }),
      h('thead', {}, h('tr', {}, ...['Task', 'Call sites', 'Requests per call site / month', 'Requests / month', 'Cost now', 'Recommended', 'Saving'].map((t, i) => h('th', { text: t, attrs: { scope: 'col', class: i > 1 ? 'num' : undefined } })))),
      this.tbody);
    this.element = h('div', { class: 'view view-what-if' },
      h('p', { class: 'lead', text: 'Change the expected traffic and growth: every number below and in the Projection tab is recomputed from per-request costs, without re-scanning. Call sites with their own rate (annotation, traffic.callSites, traffic.paths) keep it; growth applies to all.' }),
      h('div', { class: 'toolbar' }, h('label', { class: 'field' }, h('span', { text: 'Growth per month (%)' }), this.growth), this.growthNote),
      this.summary, table, this.chart,
      h('div', { class: 'actions' }, this.save, reset));
  }

  private row(task: TaskType): HTMLTableRowElement {
    let tr = this.rows.get(task);
    if (!tr) {
      const cell = (figure: string, numeric = true) => h('td', { class: numeric ? 'num' : '', attrs: { 'data-figure': figure } });
      tr = h('tr', { attrs: { 'data-task': task } },
        h('th', { text: taskLabel(task), attrs: { scope: 'row' } }),
        cell('sites', false),
        h('td', { class: 'num' }, this.input(task)),
        cell('requests'), cell('current'), cell('recommended'), cell('saving'));
      this.rows.set(task, tr);
    }
    return tr;
  }

  private input(task: TaskType): TextField {
    let field = this.inputs.get(task);
    if (!field) {
      const created = h('vscode-textfield', { attrs: { 'aria-label': `Requests per call site per month for ${taskLabel(task)}`, 'data-task': task, inputmode: 'numeric' } });
      created.addEventListener('input', () => {
        const value = parseCount(created.value);
        created.invalid = value === undefined;
        if (value !== undefined) this.actions.setUi((ui) => setTaskTraffic(ui, task, value));
      });
      this.inputs.set(task, created);
      field = created;
    }
    return field;
  }

  update(ctx: ViewContext): void {
    this.ctx = ctx;
    const { snapshot, ui, whatIf } = ctx;
    const growth = ui.whatIf.growthPerMonth ?? snapshot.traffic.growthPerMonth;
    if (parseGrowthPct(this.growth.value) !== growth) this.growth.value = String(Math.round(growth * 10000) / 100);
    this.growthNote.textContent = `applied over ${snapshot.traffic.monthsAhead} month${snapshot.traffic.monthsAhead === 1 ? '' : 's'} ahead (traffic.monthsAhead) · configured ${formatPct(snapshot.traffic.growthPerMonth)}${snapshot.traffic.configFile ? '' : ' · no tierwise.yml yet: saving creates the traffic section'}`;
    renderSummary(this.summary, whatIf.totals, whatIf.changed);
    const order = whatIf.byTask.map((t) => t.task).join(',');
    if (this.tbody.dataset.order !== order) {
      this.tbody.dataset.order = order;
      replaceChildren(this.tbody, ...whatIf.byTask.map((t) => this.row(t.task)));
    }
    for (const t of whatIf.byTask) {
      const tr = this.rows.get(t.task)!;
      const field = this.input(t.task);
      const rate = ui.whatIf.tasks[t.task] ?? configuredTaskRate(snapshot.traffic, t.task);
      if (parseCount(field.value) !== rate) field.value = String(rate);
      field.disabled = t.followsTaskRate === 0;
      const saving = t.current.expected - t.recommended.expected;
      const set = (figure: string, text: string) => {
        const cell = tr.querySelector(`[data-figure="${figure}"]`);
        if (cell && cell.textContent !== text) cell.textContent = text;
      };
      set('sites', `${t.callSites} (${t.followsTaskRate} follow the task rate)`);
      set('requests', formatCount(t.requestsPerMonth));
      set('current', formatUsd(t.current.expected));
      set('recommended', formatUsd(t.recommended.expected));
      set('saving', formatUsd(saving));
      tr.querySelector('[data-figure="saving"]')?.classList.toggle('positive', saving > 0);
    }
    replaceChildren(this.chart, costByTaskChart(whatIf.byTask.map((t) => ({ task: t.task, current: t.current.expected, recommended: t.recommended.expected })), 'What-if monthly cost by task type: now vs recommended'));
    this.save.disabled = !whatIf.changed;
  }
}
