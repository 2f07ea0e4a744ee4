/**
 * The call-site table: a virtualized ARIA grid. Only the rows in view (plus overscan) exist in the
 * DOM and they are recycled while scrolling, so 2,000 call sites render and scroll like 20.
 * Keyboard: Up/Down/PageUp/PageDown/Home/End move the active row, Enter reveals it in the editor;
 * header buttons sort (Enter/Space or click).
 */
import type { CallSiteRow } from '../../src/protocol/messages';
import { h } from './dom';
import { formatCost, formatCount, formatLocation, formatUsd, taskLabel } from './format';
import { visibleWindow } from './rows';
import type { SortKey, UiState } from './state';
import type { WhatIfRow } from './whatIf';

/** Pixel height of one row (kept in sync with `--row-height` in styles.css). */
export const ROW_HEIGHT = 28;

/** Rows visible before the table scrolls. */
const VISIBLE_ROWS = 14;

interface Column {
  key: SortKey;
  label: string;
  /** Full header wording (tooltip and accessible name) when `label` is abbreviated. */
  title?: string;
  numeric: boolean;
  cell: (row: CallSiteRow, live: WhatIfRow | undefined) => string;
}

const COLUMNS: Column[] = [
  { key: 'file', label: 'Call site', numeric: false, cell: (r) => `${formatLocation(r.span.file, r.span.start.line)}${r.enclosing ? `  ${r.enclosing}` : ''}` },
  { key: 'task', label: 'Task', numeric: false, cell: (r) => taskLabel(r.task) },
  { key: 'model', label: 'Model now', numeric: false, cell: (r) => r.currentModel ?? 'unknown' },
  { key: 'recommended', label: 'Recommended', numeric: false, cell: (r) => r.recommendedModel ?? 'unknown' },
  { key: 'tokensIn', label: 'In tok', title: 'Input tokens (expected)', numeric: true, cell: (r) => formatCount(r.tokens.input.expected) },
  { key: 'tokensOut', label: 'Out tok', title: 'Output tokens (expected)', numeric: true, cell: (r) => formatCount(r.tokens.output.expected) },
  { key: 'traffic', label: 'Req/mo', title: 'Requests per month', numeric: true, cell: (r, l) => formatCount(l?.requestsPerMonth ?? r.requestsPerMonth) },
  { key: 'costNow', label: 'Now/mo', title: 'Monthly cost now', numeric: true, cell: (r, l) => formatCost(l ? l.current : r.current) },
  { key: 'costRecommended', label: 'Rec./mo', title: 'Monthly cost with the recommended model', numeric: true, cell: (r, l) => formatCost(l ? l.recommended : r.recommended) },
  { key: 'saving', label: 'Saving', numeric: true, cell: (_r, l) => (l?.saving === null || l?.saving === undefined ? '—' : formatUsd(l.saving)) },
];

/** What the table tells its owner. */
export interface TableEvents {
  sort(key: SortKey): void;
  select(row: CallSiteRow): void;
  reveal(row: CallSiteRow): void;
  scrolled(scrollTop: number): void;
}

/** A virtualized, sortable call-site grid. */
export class CallSiteTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly headers: HTMLDivElement[] = [];
  private readonly pool: HTMLDivElement[] = [];
  private rows: CallSiteRow[] = [];
  private live: ReadonlyMap<string, WhatIfRow> = new Map();
  private active = -1;
  private selectedId: string | null = null;
  private frame = 0;

  constructor(private readonly events: TableEvents) {
    this.body = h('div', { class: 'vt-rows', attrs: { role: 'rowgroup' } });
    this.spacer = h('div', { class: 'vt-spacer' }, this.body);
    this.viewport = h('div', { class: 'vt-viewport' }, this.spacer);
    const head = h('div', { class: 'vt-row vt-head', attrs: { role: 'row', 'aria-rowindex': 1 } }, ...COLUMNS.map((c) => this.header(c)));
    this.element = h('div', { class: 'vt', attrs: { role: 'grid', tabindex: 0, 'aria-label': 'Call sites', 'aria-colcount': COLUMNS.length } }, h('div', { class: 'vt-headwrap', attrs: { role: 'rowgroup' } }, head), this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  private header(column: Column): HTMLDivElement {
    const attrs = column.title ? { type: 'button', 'data-key': column.key, title: column.title, 'aria-label': column.title } : { type: 'button', 'data-key': column.key };
    const button = h('button', { class: 'sort', text: column.label, attrs });
    button.addEventListener('click', () => this.events.sort(column.key));
    const cell = h('div', { class: `vt-cell ${column.numeric ? 'num' : ''}`, attrs: { role: 'columnheader' } }, button);
    this.headers.push(cell);
    return cell;
  }

  /** Shows these rows (already filtered and sorted) with the live what-if numbers. */
  setData(rows: CallSiteRow[], live: ReadonlyMap<string, WhatIfRow>, sort: UiState['sort'], selectedId: string | null): void {
    this.rows = rows;
    this.live = live;
    this.selectedId = selectedId;
    this.active = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    COLUMNS.forEach((c, i) => this.headers[i].setAttribute('aria-sort', c.key === sort.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'));
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    // Short lists take only their own height; long ones scroll inside a fixed viewport.
    this.viewport.style.height = `${Math.max(3, Math.min(rows.length, VISIBLE_ROWS)) * ROW_HEIGHT + 2}px`;
    this.render();
  }

  /** Current scroll offset of the rows. */
  get scrollTop(): number {
    return this.viewport.scrollTop;
  }

  /** Restores a scroll offset (after reload or hide/show). */
  scrollTo(top: number): void {
    this.viewport.scrollTop = top;
    this.render();
  }

  /** Scrolls a row into view (inside the grid and on the page), makes it active and selected. */
  focusRow(id: string): boolean {
    const index = this.rows.findIndex((r) => r.id === id);
    if (index < 0) return false;
    this.moveTo(index);
    // The grid sits below the cards and the chart: without this, a CodeLens click selects a row the
    // user cannot see. Next frame: the tab panel holding the grid may only be shown by then.
    requestAnimationFrame(() => this.body.querySelector<HTMLElement>(`#cs-row-${this.active}`)?.scrollIntoView({ block: 'center' }));
    return true;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
      this.events.scrolled(this.viewport.scrollTop);
    });
  }

  private render(): void {
    const { start, end, offset } = visibleWindow(this.viewport.scrollTop, this.viewport.clientHeight || 400, ROW_HEIGHT, this.rows.length);
    this.body.style.transform = `translateY(${offset}px)`;
    while (this.pool.length < end - start) this.pool.push(this.newRow());
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      const index = start + i;
      if (index >= end) {
        el.hidden = true;
        el.removeAttribute('id');
        continue;
      }
      this.fillRow(el, this.rows[index], index);
    }
    this.element.setAttribute('aria-activedescendant', this.active >= start && this.active < end ? `cs-row-${this.active}` : '');
  }

  private newRow(): HTMLDivElement {
    const el = h('div', { class: 'vt-row', attrs: { role: 'row' } }, ...COLUMNS.map((c) => h('div', { class: `vt-cell ${c.numeric ? 'num' : ''} col-${c.key}`, attrs: { role: 'gridcell' } })));
    this.body.append(el);
    return el;
  }

  private fillRow(el: HTMLDivElement, row: CallSiteRow, index: number): void {
    el.hidden = false;
    el.id = `cs-row-${index}`;
    el.dataset.index = String(index);
    el.dataset.id = row.id;
    el.setAttribute('aria-rowindex', String(index + 2));
    el.classList.toggle('active', index === this.active);
    el.classList.toggle('selected', row.id === this.selectedId);
    el.setAttribute('aria-selected', String(row.id === this.selectedId));
    const live = this.live.get(row.id);
    const cells = el.children;
    COLUMNS.forEach((c, i) => {
      const text = c.cell(row, live);
      if (cells[i].textContent !== text) {
        cells[i].textContent = text;
        // Model ids and locations are often truncated by the column width: the full text on hover.
        if (!c.numeric) (cells[i] as HTMLElement).title = text;
      }
    });
    (cells[0] as HTMLElement).title = row.id;
    (cells[COLUMNS.length - 1] as HTMLElement).classList.toggle('positive', (live?.saving ?? 0) > 0);
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('.vt-row') : null;
    const index = target?.dataset.index ? Number(target.dataset.index) : -1;
    if (index < 0 || index >= this.rows.length) return;
    this.active = index;
    this.element.focus({ preventScroll: true });
    this.events.select(this.rows[index]);
    this.events.reveal(this.rows[index]);
  }

  private moveTo(index: number): void {
    if (this.rows.length === 0) return;
    this.active = Math.max(0, Math.min(this.rows.length - 1, index));
    const top = this.active * ROW_HEIGHT;
    const height = this.viewport.clientHeight || 400;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) this.viewport.scrollTop = top + ROW_HEIGHT - height;
    this.events.select(this.rows[this.active]);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLButtonElement) return; // header buttons handle their own keys
    const page = Math.max(1, Math.floor((this.viewport.clientHeight || 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) this.moveTo((this.active < 0 ? 0 : this.active + moves[event.key]));
    else if (event.key === 'Home') this.moveTo(0);
    else if (event.key === 'End') this.moveTo(this.rows.length - 1);
    else if ((event.key === 'Enter' || event.key === ' ') && this.active >= 0) this.events.reveal(this.rows[this.active]);
    else return;
    event.preventDefault();
  }
}
