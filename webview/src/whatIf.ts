/**
 * What-if recomputation (pure). Cost is linear in requests, so every figure is recomputed from the
 * snapshot's per-request costs when traffic per task or growth changes, without re-scanning.
 *
 * Semantics follow tierwise.yml: a task's traffic is the per-call-site rate for call sites whose
 * rate comes from `traffic.tasks.<task>` or `traffic.default`; call sites with their own rate
 * (annotation, `traffic.callSites`, `traffic.paths`) keep it. Growth applies to every call site.
 *
 * Totals are the projection's totals plus the sum of per-call-site changes, so with unchanged
 * inputs every number is exactly the one `tierwise project` printed.
 */
import type { CostRange, TaskType } from '../../src/engine/model';
import type { CallSiteRow, TrafficAssumptions, ViewSnapshot } from '../../src/protocol/messages';

/** The user's what-if choices (absent = as configured). */
export interface WhatIfInputs {
  /** Per-call-site requests per month for a task. */
  tasks: Partial<Record<TaskType, number>>;
  /** Monthly growth fraction, or undefined for the configured one. */
  growthPerMonth?: number;
}

/** A call site's numbers under the what-if. */
export interface WhatIfRow {
  requestsPerMonth: number;
  current: CostRange | null;
  recommended: CostRange | null;
  saving: number | null;
}

/** Totals for one task under the what-if. */
export interface WhatIfTask {
  task: TaskType;
  callSites: number;
  requestsPerMonth: number;
  current: CostRange;
  recommended: CostRange;
  /** Call sites of this task whose rate follows the task's traffic (not pinned by a more specific rule). */
  followsTaskRate: number;
}

/** Every number the views show, under the what-if. */
export interface WhatIfResult {
  rows: Map<string, WhatIfRow>;
  byTask: WhatIfTask[];
  totals: { current: CostRange; recommended: CostRange; savingUsd: number; savingFraction: number | null };
  growthPerMonth: number;
  /** True when some input differs from the configured assumptions. */
  changed: boolean;
}

const ZERO: CostRange = { min: 0, expected: 0, max: 0 };

function add(a: CostRange, b: CostRange, sign = 1): CostRange {
  return { min: a.min + sign * b.min, expected: a.expected + sign * b.expected, max: a.max + sign * b.max };
}

function scale(range: CostRange, factor: number): CostRange {
  return { min: range.min * factor, expected: range.expected * factor, max: range.max * factor };
}

/** The configured per-call-site rate for a task (task rate, else the default). */
export function configuredTaskRate(traffic: TrafficAssumptions, task: TaskType): number {
  return traffic.tasks[task] ?? traffic.defaultPerMonth;
}

/** True when the row's rate follows its task's traffic setting. */
export function followsTaskRate(row: CallSiteRow): boolean {
  return row.trafficRule === 'task' || row.trafficRule === 'default';
}

/** Requests per month of a row under the inputs. */
export function whatIfRequests(row: CallSiteRow, traffic: TrafficAssumptions, inputs: WhatIfInputs): number {
  const growth = inputs.growthPerMonth ?? traffic.growthPerMonth;
  const taskRate = inputs.tasks[row.task];
  const base = followsTaskRate(row) && taskRate !== undefined ? taskRate : row.baseRequestsPerMonth;
  return base * Math.pow(1 + growth, traffic.monthsAhead);
}

function rowUnder(row: CallSiteRow, requests: number): WhatIfRow {
  const same = Math.abs(requests - row.requestsPerMonth) <= 1e-9 * Math.max(1, row.requestsPerMonth);
  const cost = (original: CostRange | null, perRequest: CostRange | null): CostRange | null => {
    if (same) return original;
    return perRequest ? scale(perRequest, requests) : null;
  };
  const current = cost(row.current, row.perRequest.current);
  const recommended = cost(row.recommended, row.perRequest.recommended);
  const saving = current && recommended ? current.expected - recommended.expected : null;
  return { requestsPerMonth: same ? row.requestsPerMonth : requests, current, recommended, saving };
}

/** True when the inputs differ from the configured assumptions. */
export function inputsChanged(traffic: TrafficAssumptions, inputs: WhatIfInputs): boolean {
  if (inputs.growthPerMonth !== undefined && inputs.growthPerMonth !== traffic.growthPerMonth) return true;
  return Object.entries(inputs.tasks).some(([task, rate]) => rate !== undefined && rate !== configuredTaskRate(traffic, task as TaskType));
}

/** Recomputes every figure of the snapshot under the inputs. */
export function computeWhatIf(snapshot: ViewSnapshot, inputs: WhatIfInputs): WhatIfResult {
  const rows = new Map<string, WhatIfRow>();
  const deltas = new Map<TaskType, { current: CostRange; recommended: CostRange; requests: number; follows: number }>();
  // Excluded call sites (unpriced, unknown model) are not in the projection's totals or per-task
  // figures, so they must not move them either.
  const excluded = new Set(snapshot.projection.excluded.map((e) => e.callSiteId));
  for (const row of snapshot.rows) {
    const next = rowUnder(row, whatIfRequests(row, snapshot.traffic, inputs));
    rows.set(row.id, next);
    if (excluded.has(row.id)) continue;
    const d = deltas.get(row.task) ?? { current: ZERO, recommended: ZERO, requests: 0, follows: 0 };
    deltas.set(row.task, {
      current: add(d.current, add(next.current ?? ZERO, row.current ?? ZERO, -1)),
      recommended: add(d.recommended, add(next.recommended ?? ZERO, row.recommended ?? ZERO, -1)),
      requests: d.requests + next.requestsPerMonth - row.requestsPerMonth,
      follows: d.follows + (followsTaskRate(row) ? 1 : 0),
    });
  }
  const byTask = snapshot.projection.byTask.map((t): WhatIfTask => {
    const d = deltas.get(t.task);
    return {
      task: t.task,
      callSites: t.callSites,
      requestsPerMonth: t.requestsPerMonth + (d?.requests ?? 0),
      current: d ? add(t.current, d.current) : t.current,
      recommended: d ? add(t.recommended, d.recommended) : t.recommended,
      followsTaskRate: d?.follows ?? 0,
    };
  });
  let current = snapshot.projection.totals.current;
  let recommended = snapshot.projection.totals.recommended;
  for (const d of deltas.values()) {
    current = add(current, d.current);
    recommended = add(recommended, d.recommended);
  }
  const savingUsd = current.expected - recommended.expected;
  return {
    rows,
    byTask,
    totals: { current, recommended, savingUsd, savingFraction: current.expected > 0 ? savingUsd / current.expected : null },
    growthPerMonth: inputs.growthPerMonth ?? snapshot.traffic.growthPerMonth,
    changed: inputsChanged(snapshot.traffic, inputs),
  };
}

/** The `saveTraffic` payload for the inputs: only the tasks the user changed. */
export function trafficToSave(traffic: TrafficAssumptions, inputs: WhatIfInputs): { tasks: Partial<Record<TaskType, number>>; growthPerMonth: number } {
  const tasks: Partial<Record<TaskType, number>> = {};
  for (const [task, rate] of Object.entries(inputs.tasks) as Array<[TaskType, number | undefined]>) {
    if (rate !== undefined && rate !== configuredTaskRate(traffic, task)) tasks[task] = rate;
  }
  return { tasks, growthPerMonth: inputs.growthPerMonth ?? traffic.growthPerMonth };
}
