/**
 * Sorting, filtering and the virtual window of the call-site table (pure; no DOM).
 */
import type { CallSiteRow } from '../../src/protocol/messages';
import type { SortKey, UiState } from './state';
import type { WhatIfRow } from './whatIf';

type Value = string | number | null;

function sortValue(row: CallSiteRow, live: WhatIfRow | undefined, key: SortKey): Value {
  switch (key) {
    case 'file': return row.span.file;
    case 'task': return row.task;
    case 'model': return row.currentModel;
    case 'recommended': return row.recommendedModel;
    case 'tokensIn': return row.tokens.input.expected;
    case 'tokensOut': return row.tokens.output.expected;
    case 'traffic': return live?.requestsPerMonth ?? row.requestsPerMonth;
    case 'costNow': return (live ? live.current : row.current)?.expected ?? null;
    case 'costRecommended': return (live ? live.recommended : row.recommended)?.expected ?? null;
    case 'saving': return live?.saving ?? null;
  }
}

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1; // unknowns sort last in both directions (handled by caller)
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Rows matching the free-text filter (file, declaration, models, task, id) and the task filter. */
export function filterRows(rows: readonly CallSiteRow[], filter: string, task: UiState['task']): CallSiteRow[] {
  const needle = filter.trim().toLowerCase();
  return rows.filter((row) => {
    if (task !== 'all' && row.task !== task) return false;
    if (!needle) return true;
    const hay = [row.span.file, row.enclosing, row.currentModel ?? '', row.recommendedModel ?? '', row.task, row.id].join('\n').toLowerCase();
    return hay.includes(needle);
  });
}

/** Rows sorted by the key; ties keep file order; unknown values (unpriced) always last. */
export function sortRows(rows: readonly CallSiteRow[], live: ReadonlyMap<string, WhatIfRow>, sort: UiState['sort']): CallSiteRow[] {
  const dir = sort.dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, value: sortValue(row, live.get(row.id), sort.key) }));
  keyed.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value === y.value) return x.index - y.index;
      return x.value === null ? 1 : -1;
    }
    const lineOrder = sort.key === 'file' ? x.row.span.start.line - y.row.span.start.line : 0;
    return dir * (compare(x.value, y.value) || lineOrder) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** The slice of rows to render for a scroll position (plus overscan), and its pixel offset. */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): { start: number; end: number; offset: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const count = Math.ceil(viewportHeight / rowHeight) + 2 * overscan;
  const start = Math.min(first, Math.max(0, total - 1));
  const end = Math.min(total, start + count);
  return { start: total === 0 ? 0 : start, end, offset: (total === 0 ? 0 : start) * rowHeight };
}
