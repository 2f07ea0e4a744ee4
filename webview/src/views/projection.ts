/**
 * The Projection view: headline figures, cost by task chart, the call-site table (virtualized,
 * sortable, filterable) and the details of the selected call site.
 */
import { TASK_TYPES } from '../../../src/engine/model';
import type { CallSiteRow } from '../../../src/protocol/messages';
import { costByTaskChart } from '../chart';
import { h, replaceChildren } from '../dom';
import { formatCostRange, formatCount, formatLocation, formatPct, formatTokens, formatUsd, taskLabel } from '../format';
import { filterRows, sortRows } from '../rows';
import { toggleSort } from '../state';
import type { UiState } from '../state';
import { CallSiteTable } from '../table';
import type { WhatIfRow } from '../whatIf';
import { renderSummary } from './summary';
import type { View, ViewActions, ViewContext } from './context';

/** The Projection view. */
export class ProjectionView implements View {
  readonly element: HTMLElement;
  private readonly summary = h('div', { class: 'cards' });
  private readonly chart = h('div', { class: 'chart-wrap' });
  private readonly filter = h('vscode-textfield', { attrs: { placeholder: 'Filter by file, function, model or task', 'aria-label': 'Filter call sites', type: 'search', 'data-control': 'filter' } });
  private readonly task = h('select', { class: 'select', attrs: { 'aria-label': 'Task type', 'data-control': 'task' } });
  private readonly count = h('span', { class: 'muted', attrs: { role: 'status', 'data-figure': 'row-count' } });
  private readonly banner = h('div', { class: 'banner', attrs: { hidden: true } });
  private readonly details = h('section', { class: 'details', attrs: { 'aria-label': 'Selected call site', 'aria-live': 'polite' } });
  private readonly table: CallSiteTable;
  private restoredScroll = false;
  private ctx: ViewContext | undefined;

  constructor(private readonly actions: ViewActions) {
    this.table = new CallSiteTable({
      sort: (key) => actions.setUi((ui) => toggleSort(ui, key)),
      select: (row) => actions.setUi((ui) => (ui.selectedId === row.id ? ui : { ...ui, selectedId: row.id })),
      reveal: (row) => actions.post({ type: 'revealCallSite', callSiteId: row.id }),
      scrolled: (top) => actions.remember((ui) => (ui.scrollTop === top ? ui : { ...ui, scrollTop: top })),
    });
    this.filter.addEventListener('input', () => actions.setUi((ui) => ({ ...ui, filter: this.filter.value.slice(0, 200) })));
    this.task.addEventListener('change', () => actions.setUi((ui) => ({ ...ui, task: this.task.value as UiState['task'] })));
    const reset = h('vscode-button', { text: 'Reset what-if', attrs: { secondary: true } });
    reset.addEventListener('click', () => actions.setUi((ui) => ({ ...ui, whatIf: { tasks: {} } })));
    this.banner.append(h('span', { text: 'Showing what-if traffic (see the What-if tab). ' }), reset);
    const toolbar = h('div', { class: 'toolbar' }, this.filter, this.task, this.count);
    this.element = h('div', { class: 'view view-projection' },
      this.banner, this.summary, this.chart,
      h('h2', { text: 'Call sites' }), toolbar, this.table.element, this.details);
  }

  /** Scrolls to and selects a call site (CodeLens focus). */
  focusCallSite(id: string): boolean {
    return this.table.focusRow(id);
  }

  update(ctx: ViewContext): void {
    this.ctx = ctx;
    const { snapshot, ui, whatIf } = ctx;
    this.banner.hidden = !whatIf.changed;
    renderSummary(this.summary, whatIf.totals, whatIf.changed);
    replaceChildren(this.chart, costByTaskChart(whatIf.byTask.map((t) => ({ task: t.task, current: t.current.expected, recommended: t.recommended.expected }))));
    if (this.filter.value !== ui.filter) this.filter.value = ui.filter;
    this.updateTaskSelect(ctx);
    const rows = sortRows(filterRows(snapshot.rows, ui.filter, ui.task), whatIf.rows, ui.sort);
    this.count.textContent = `${formatCount(rows.length)} of ${formatCount(snapshot.rows.length)} call sites${snapshot.projection.excluded.length ? ` · ${snapshot.projection.excluded.length} excluded (unpriced or unknown model)` : ''}`;
    this.table.setData(rows, whatIf.rows, ui.sort, ui.selectedId);
    if (!this.restoredScroll && ui.scrollTop > 0) this.table.scrollTo(ui.scrollTop);
    this.restoredScroll = true;
    const selected = snapshot.rows.find((r) => r.id === ui.selectedId);
    this.renderDetails(selected, selected ? whatIf.rows.get(selected.id) : undefined);
  }

  private updateTaskSelect(ctx: ViewContext): void {
    const present = TASK_TYPES.filter((t) => ctx.snapshot.rows.some((r) => r.task === t));
    const wanted = ['all', ...present].join(',');
    if (this.task.dataset.options !== wanted) {
      this.task.dataset.options = wanted;
      replaceChildren(this.task, h('option', { text: 'All tasks', attrs: { value: 'all' } }), ...present.map((t) => h('option', { text: taskLabel(t), attrs: { value: t } })));
    }
    this.task.value = ctx.ui.task;
  }

  private renderDetails(row: CallSiteRow | undefined, live: WhatIfRow | undefined): void {
    if (!row) {
      replaceChildren(this.details, h('p', { class: 'muted', text: 'Select a call site to see why Tierwise recommends its tier. Enter or click opens it in the editor.' }));
      return;
    }
    const item = (term: string, value: string) => [h('dt', { text: term }), h('dd', { text: value })];
    const reveal = h('vscode-button', { text: 'Reveal in editor' });
    reveal.addEventListener('click', () => this.actions.post({ type: 'revealCallSite', callSiteId: row.id }));
    const requests = live?.requestsPerMonth ?? row.requestsPerMonth;
    replaceChildren(this.details,
      h('h3', { text: `${formatLocation(row.span.file, row.span.start.line)} ${row.enclosing}`.trim() }),
      h('dl', {},
        ...item('Task', `${taskLabel(row.task)} (confidence ${formatPct(row.taskConfidence, 0)})`),
        ...item('Model', `${row.currentModel ?? 'unknown'} (tier ${row.currentTier ?? '?'}) → ${row.recommendedModel ?? 'unknown'} (tier ${row.suggestedTier})`),
        ...item('Strategy', `${row.strategy}${row.qualityGate ? ' · quality gate needed before the downstream action' : ''}`),
        ...item('Traffic', `${formatCount(requests)} requests/month (${row.trafficSource})`),
        ...item('Tokens', `in ${formatTokens(row.tokens.input)} · out ${formatTokens(row.tokens.output)}`),
        ...item('Per request', `${row.perRequest.current ? formatUsd(row.perRequest.current.expected) : 'unpriced'} now · ${row.perRequest.recommended ? formatUsd(row.perRequest.recommended.expected) : 'unpriced'} recommended`),
        ...item('Monthly range', `${formatCostRange(live?.current ?? row.current) || 'unpriced'} now · ${formatCostRange(live?.recommended ?? row.recommended) || 'unpriced'} recommended`)),
      h('h4', { text: 'Why' }),
      h('ul', { class: 'reasons' }, ...row.reasons.map((r) => h('li', { text: r }))),
      row.promptPreview ? h('details', {}, h('summary', { text: 'Prompt (static text)' }), h('pre', { class: 'prompt', text: row.promptPreview })) : null,
      reveal);
  }
}
