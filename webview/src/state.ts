/**
 * The webview's UI state (pure; no DOM). It is the only state the webview keeps: the data itself
 * always comes from the host's latest snapshot. Persisted with `vscode.setState` so it survives
 * hide/show and reloads; `restoreUiState` validates what comes back (it may be from an older build).
 */
import { TASK_TYPES } from '../../src/engine/model';
import type { TaskType } from '../../src/engine/model';
import { VIEW_IDS } from '../../src/protocol/messages';
import type { ViewId } from '../../src/protocol/messages';

/** Columns the call-site table sorts by. */
export type SortKey = 'file' | 'task' | 'model' | 'recommended' | 'tokensIn' | 'tokensOut' | 'traffic' | 'costNow' | 'costRecommended' | 'saving';

/** All sort keys, in column order. */
export const SORT_KEYS: readonly SortKey[] = ['file', 'task', 'model', 'recommended', 'tokensIn', 'tokensOut', 'traffic', 'costNow', 'costRecommended', 'saving'];

/** Everything the webview remembers about how the user looks at the data. */
export interface UiState {
  version: 1;
  view: ViewId;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  /** Free-text filter over file, declaration, models and task. */
  filter: string;
  task: TaskType | 'all';
  /** What-if inputs: per-task traffic (per call site per month) and growth. */
  whatIf: { tasks: Partial<Record<TaskType, number>>; growthPerMonth?: number };
  scrollTop: number;
  selectedId: string | null;
}

/** The state of a fresh panel: projection view, most expensive call sites first. */
export function initialUiState(): UiState {
  return { version: 1, view: 'projection', sort: { key: 'costNow', dir: 'desc' }, filter: '', task: 'all', whatIf: { tasks: {} }, scrollTop: 0, selectedId: null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function restoreWhatIf(value: unknown): UiState['whatIf'] {
  const result: UiState['whatIf'] = { tasks: {} };
  if (!isRecord(value)) return result;
  if (isRecord(value.tasks)) {
    for (const [task, rate] of Object.entries(value.tasks)) {
      if ((TASK_TYPES as readonly string[]).includes(task) && typeof rate === 'number' && Number.isFinite(rate) && rate >= 0) result.tasks[task as TaskType] = rate;
    }
  }
  const g = value.growthPerMonth;
  if (typeof g === 'number' && Number.isFinite(g) && g >= -1 && g <= 10) result.growthPerMonth = g;
  return result;
}

/** Restores persisted UI state, keeping each valid field and defaulting the rest. */
export function restoreUiState(value: unknown): UiState {
  const state = initialUiState();
  if (!isRecord(value)) return state;
  if (typeof value.view === 'string' && (VIEW_IDS as readonly string[]).includes(value.view)) state.view = value.view as ViewId;
  const sort = value.sort;
  if (isRecord(sort) && (SORT_KEYS as readonly unknown[]).includes(sort.key) && (sort.dir === 'asc' || sort.dir === 'desc')) {
    state.sort = { key: sort.key as SortKey, dir: sort.dir };
  }
  if (typeof value.filter === 'string') state.filter = value.filter.slice(0, 200);
  if (value.task === 'all' || (TASK_TYPES as readonly unknown[]).includes(value.task)) state.task = value.task as UiState['task'];
  state.whatIf = restoreWhatIf(value.whatIf);
  if (typeof value.scrollTop === 'number' && Number.isFinite(value.scrollTop) && value.scrollTop >= 0) state.scrollTop = value.scrollTop;
  if (typeof value.selectedId === 'string') state.selectedId = value.selectedId;
  return state;
}

/** Clicking a column header: same column flips direction; a new column starts with its natural order. */
export function toggleSort(state: UiState, key: SortKey): UiState {
  if (state.sort.key === key) return { ...state, sort: { key, dir: state.sort.dir === 'asc' ? 'desc' : 'asc' } };
  const textual = key === 'file' || key === 'task' || key === 'model' || key === 'recommended';
  return { ...state, sort: { key, dir: textual ? 'asc' : 'desc' } };
}

/** Sets (or clears, with undefined) the what-if traffic of one task. */
export function setTaskTraffic(state: UiState, task: TaskType, perMonth: number | undefined): UiState {
  const tasks = { ...state.whatIf.tasks };
  if (perMonth === undefined) delete tasks[task];
  else tasks[task] = perMonth;
  return { ...state, whatIf: { ...state.whatIf, tasks } };
}

/** Sets (or clears) the what-if growth. */
export function setGrowth(state: UiState, growthPerMonth: number | undefined): UiState {
  const whatIf: UiState['whatIf'] = { tasks: state.whatIf.tasks };
  if (growthPerMonth !== undefined) whatIf.growthPerMonth = growthPerMonth;
  return { ...state, whatIf };
}

/** Forgets every what-if change. */
export function resetWhatIf(state: UiState): UiState {
  return { ...state, whatIf: { tasks: {} } };
}
