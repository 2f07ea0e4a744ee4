/**
 * The Diff view: projected monthly cost at base vs head, per task type and per call site
 * (added, removed, changed), from the review's cost diff.
 */
import type { DiffCallSite, DiffView as DiffData } from '../../../src/protocol/messages';
import { h, replaceChildren } from '../dom';
import { formatLocation, formatPct, formatUsd, formatUsdDelta, taskLabel } from '../format';
import type { View, ViewActions, ViewContext } from './context';

function money(value: number | null): string {
  return value === null ? '—' : formatUsd(value);
}

function deltaCell(delta: number): HTMLTableCellElement {
  return h('td', { class: `num ${delta > 0 ? 'negative' : delta < 0 ? 'positive' : ''}`, text: formatUsdDelta(delta) });
}

/** The Diff view. */
export class DiffView implements View {
  readonly element = h('div', { class: 'view view-diff' });

  constructor(private readonly actions: ViewActions) {}

  private callSiteRow(cs: DiffCallSite): HTMLTableRowElement {
    const delta = (cs.headMonthly ?? 0) - (cs.baseMonthly ?? 0);
    const location = h('td', {}, formatLocation(cs.file, cs.line));
    if (cs.kind !== 'removed') {
      const reveal = h('button', { class: 'link', text: formatLocation(cs.file, cs.line), attrs: { type: 'button', title: `Open ${cs.id}` } });
      reveal.addEventListener('click', () => this.actions.post({ type: 'revealCallSite', callSiteId: cs.id }));
      replaceChildren(location, reveal);
    }
    return h('tr', { attrs: { 'data-kind': cs.kind, 'data-id': cs.id } },
      h('td', {}, h('span', { class: `badge ${cs.kind}`, text: cs.kind })),
      location,
      h('td', { text: taskLabel(cs.task) }),
      h('td', { text: `${cs.baseModel ?? '—'} → ${cs.headModel ?? '—'}` }),
      h('td', { class: 'num', text: money(cs.baseMonthly) }),
      h('td', { class: 'num', text: money(cs.headMonthly) }),
      deltaCell(delta),
      h('td', {}, h('ul', { class: 'changes' }, ...cs.changes.map((c) => h('li', { text: c })))));
  }

  private render(diff: DiffData): HTMLElement[] {
    const t = diff.totals;
    const headline = h('div', { class: 'cards' },
      h('div', { class: 'card', attrs: { 'data-figure': 'base' } }, h('div', { class: 'card-label', text: `Base (${diff.baseRef})` }), h('div', { class: 'card-value', text: formatUsd(t.base) }), h('div', { class: 'card-detail', text: 'per month' })),
      h('div', { class: 'card', attrs: { 'data-figure': 'head' } }, h('div', { class: 'card-label', text: `Head (${diff.headRef})` }), h('div', { class: 'card-value', text: formatUsd(t.head) }), h('div', { class: 'card-detail', text: 'per month' })),
      h('div', { class: `card ${t.deltaUsd > 0 ? 'bad' : 'good'}`, attrs: { 'data-figure': 'delta' } }, h('div', { class: 'card-label', text: 'Change' }), h('div', { class: 'card-value', text: formatUsdDelta(t.deltaUsd) }), h('div', { class: 'card-detail', text: t.deltaFraction === null ? 'new spend' : `${t.deltaFraction > 0 ? '+' : ''}${formatPct(t.deltaFraction)} per month` })));
    const byTask = h('table', { class: 'grid-table' },
      h('caption', { text: 'By task type' }),
      h('thead', {}, h('tr', {}, ...['Task', 'Base', 'Head', 'Change'].map((x, i) => h('th', { text: x, attrs: { scope: 'col', class: i ? 'num' : undefined } })))),
      h('tbody', {}, ...diff.byTask.map((r) => h('tr', { attrs: { 'data-task': r.task } }, h('th', { text: taskLabel(r.task), attrs: { scope: 'row' } }), h('td', { class: 'num', text: formatUsd(r.base) }), h('td', { class: 'num', text: formatUsd(r.head) }), deltaCell(r.deltaUsd)))));
    const changed = diff.callSites.filter((c) => c.kind !== 'unchanged');
    const sites = h('table', { class: 'grid-table' },
      h('caption', { text: `Call sites: ${changed.length} changed of ${diff.callSites.length}` }),
      h('thead', {}, h('tr', {}, ...['', 'Call site', 'Task', 'Model', 'Base', 'Head', 'Change', 'What changed'].map((x) => h('th', { text: x, attrs: { scope: 'col' } })))),
      h('tbody', {}, ...changed.map((cs) => this.callSiteRow(cs))));
    return [headline, byTask, sites];
  }

  update(ctx: ViewContext): void {
    const diff = ctx.snapshot.diff;
    if (!diff) {
      replaceChildren(this.element, h('div', { class: 'empty' },
        h('h2', { text: 'No comparison yet' }),
        h('p', { text: 'Run "Tierwise: Compare Cost with Branch…" to see how your changes move the projected monthly cost, per task and per call site.' })));
      return;
    }
    replaceChildren(this.element, ...this.render(diff));
  }
}
