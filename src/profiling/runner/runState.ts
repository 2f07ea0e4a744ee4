/**
 * The state of one profiling run and the one way a finished request becomes a result: `finish`
 * grades a completion (an oracle that throws is a failed grade, in direct and batch mode alike) and
 * `record` writes it. Both runner paths (direct requests, Anthropic batches) import this module;
 * neither imports the other's internals.
 *
 * A result is written once its response is in hand. If the write fails (disk full, a read-only
 * folder), the run stops sending (a paid response is never re-requested because of a local error)
 * and the results that could not be written are kept on the summary for the caller to report.
 */
import { randomUUID } from 'node:crypto';
import { requestCost } from '../cost';
import { scrubSecrets } from '../providers/scrub';
import type { Completion, ProviderAccess, ProviderClient } from '../providers/types';
import type { ResultsLog } from '../resultsLog';
import type {
  Oracle,
  OracleVerdict,
  PlannedRequest,
  PlanPrice,
  ProfilingProvider,
  ProgressEvent,
  ResultRecord,
  RunPlan,
  Sample,
} from '../types';
import { Budget } from './budget';
import { ProviderGate } from './providerGate';
import type { RetrySettings } from './retryPolicy';
import { defaultRetrySettings } from './retryPolicy';

/** What the runner needs besides the plan (all plain values and callbacks; no console output). */
export interface RunOptions {
  /** Resolved keys and endpoints per provider (see access.ts). */
  access: Partial<Record<ProfilingProvider, ProviderAccess>>;
  /** Oracle per task (from the validated inputs). */
  oracles: Partial<Record<string, Oracle>>;
  /** Samples per `task|sampleId` (from the validated inputs). */
  samples: Map<string, Sample>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Dollar cap for this run (default: no cap). */
  budgetUsd?: number;
  /** Per-request timeout, ms: the whole response, body included. */
  timeoutMs?: number;
  retry?: Partial<RetrySettings>;
  /** Anthropic requests go through Message Batches (half price). */
  batch?: boolean;
  batchPollMs?: number;
  runId?: string;
  /** Every secret that must never be written (API keys of every provider, the grader's). */
  secrets?: readonly string[];
}

/** Most characters of a model output kept in the results log (grading sees the whole output). */
export const MAX_STORED_OUTPUT_CHARS = 1024 * 1024;

/** Shared state of one run, passed to the helpers (no module-level state). */
export interface RunState {
  plan: RunPlan;
  options: RunOptions;
  runId: string;
  log: ResultsLog;
  budget: Budget;
  retry: RetrySettings;
  gates: Map<ProfilingProvider, ProviderGate>;
  clients: Map<ProfilingProvider, ProviderClient>;
  prices: Map<string, PlanPrice | null>;
  secrets: string[];
  counts: { done: number; errors: number; inFlight: number; budgetSkipped: number; graderSpent: number };
  total: number;
  /** Why the run stopped sending (budget, a provider's long retry-after, a failed write). */
  stopReason?: string;
  /** Things the user should know that did not stop the run (usage above max_tokens, capped waits). */
  notes: string[];
  /** Results received but not written because the results log could not be written. */
  unsaved: ResultRecord[];
}

/** Builds the state of a run; `clientFor` makes each provider's client (direct mode). */
export function createState(
  plan: RunPlan,
  options: RunOptions,
  log: ResultsLog,
  alreadyDone: number,
  clientFor: (access: ProviderAccess, timeoutMs: number) => ProviderClient,
): RunState {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const gates = new Map<ProfilingProvider, ProviderGate>();
  const clients = new Map<ProfilingProvider, ProviderClient>();
  const cap = options.budgetUsd ?? Number.POSITIVE_INFINITY;
  for (const access of Object.values(options.access)) {
    if (!access) continue;
    // A full set of requests in flight worth over a quarter of the budget: learn from one response first.
    const worst = Math.max(0, ...plan.requests.filter((r) => r.provider === access.provider).map((r) => r.maxCostUsd ?? 0));
    gates.set(access.provider, new ProviderGate(access.concurrency, access.concurrency * worst > cap / 4));
    clients.set(access.provider, clientFor(access, timeoutMs));
  }
  const secrets = [...Object.values(options.access).map((a) => a?.apiKey ?? ''), ...(options.secrets ?? [])].filter((s) => s.length >= 4);
  return {
    plan,
    options,
    runId: options.runId ?? randomUUID(),
    log,
    budget: new Budget(options.budgetUsd ?? Number.POSITIVE_INFINITY),
    retry: { ...defaultRetrySettings(), ...options.retry },
    gates,
    clients,
    prices: new Map(plan.models.map((m) => [m.model, m.price])),
    secrets,
    counts: { done: alreadyDone, errors: 0, inFlight: 0, budgetSkipped: 0, graderSpent: 0 },
    total: plan.requests.length,
    notes: [],
    unsaved: [],
  };
}

/** Sets the reason the run stops sending, keeping the first one. */
export function stop(state: RunState, reason: string): void {
  state.stopReason ??= reason;
}

/** True when no new request may be sent. */
export function stopped(state: RunState): boolean {
  return Boolean(state.options.signal?.aborted || state.stopReason);
}

/** Grades an output with its task's oracle; an oracle that throws (or is missing) is a failed grade. */
export async function grade(state: RunState, request: PlannedRequest, output: string): Promise<OracleVerdict> {
  const oracle = state.options.oracles[request.task];
  const sample = state.options.samples.get(`${request.task}|${request.sampleId}`);
  if (!oracle || !sample) return { pass: false, score: 0, reason: 'no oracle or sample for this request' };
  try {
    const verdict = await oracle.grade(output, sample, state.options.signal);
    state.counts.graderSpent += verdict.graderCostUsd ?? 0;
    return verdict;
  } catch (error) {
    return { pass: false, score: 0, reason: `oracle failed: ${scrubSecrets(error instanceof Error ? error.message : String(error), state.secrets)}` };
  }
}

/** What a request's outcome adds to its identity in the log. */
export type Outcome = Omit<ResultRecord, 'type' | 'key' | 'runId' | 'task' | 'tier' | 'model' | 'provider' | 'sampleId' | 'callSiteId' | 'oracleVersion' | 'at'>;

/** Where a completion came from (direct: attempts and latency; batch: the batch id). */
export interface CompletionMeta {
  latencyMs: number;
  attempts: number;
  batchId?: string;
  /** Batch requests are billed at the batch discount. */
  batch?: boolean;
}

/**
 * Books a completion's cost (from the usage the server reported), grades it and records it.
 * Returns false when the result could not be written (the run has been stopped).
 */
export async function finish(state: RunState, request: PlannedRequest, completion: Completion, meta: CompletionMeta, reserved: number): Promise<boolean> {
  const cost = requestCost(state.prices.get(request.model) ?? null, completion.inputTokens, completion.outputTokens, meta.batch);
  const worstCase = (request.maxCostUsd ?? 0) * (meta.batch ? 1 - (state.prices.get(request.model)?.batchDiscount ?? 0) : 1);
  const overrun = state.budget.settle(reserved, cost, worstCase);
  if (completion.outputTokens > request.request.maxTokens) {
    note(state, `${request.provider} reported ${completion.outputTokens} output tokens for max_tokens ${request.request.maxTokens} (${request.model}): spending counts the reported usage${overrun > 1 ? `, and each request now reserves ${overrun.toFixed(1)}x its worst case` : ''}`);
  }
  if (state.budget.spentUsd >= state.budget.capUsd) stop(state, `budget: $${state.budget.spentUsd.toFixed(4)} spent of the $${state.options.budgetUsd} cap (from the usage the servers reported)`);
  const verdict = await grade(state, request, completion.text);
  const truncated = completion.text.length > MAX_STORED_OUTPUT_CHARS;
  return record(state, request, {
    ok: true,
    output: truncated ? completion.text.slice(0, MAX_STORED_OUTPUT_CHARS) : completion.text,
    ...(truncated ? { outputTruncated: true } : {}),
    servedModel: completion.servedModel,
    inputTokens: completion.inputTokens,
    outputTokens: completion.outputTokens,
    latencyMs: meta.latencyMs,
    costUsd: cost,
    attempts: meta.attempts,
    ...(meta.batchId ? { batchId: meta.batchId } : {}),
    pass: verdict.pass,
    score: verdict.score,
    reason: verdict.reason,
    ...(verdict.graderCostUsd ? { graderCostUsd: verdict.graderCostUsd } : {}),
  });
}

/** Records a request's final failure. */
export function fail(state: RunState, request: PlannedRequest, error: NonNullable<ResultRecord['error']>, meta: Partial<CompletionMeta> = {}): boolean {
  return record(state, request, {
    ok: false,
    error: { ...error, message: scrubSecrets(error.message, state.secrets) },
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: meta.latencyMs ?? 0,
    costUsd: 0,
    attempts: meta.attempts ?? 1,
    ...(meta.batchId ? { batchId: meta.batchId } : {}),
  });
}

/**
 * Appends one finished request to the log (secrets scrubbed by the log) and reports progress. A
 * write that fails stops the run and keeps the record in `state.unsaved`; returns false then.
 */
export function record(state: RunState, request: PlannedRequest, outcome: Outcome): boolean {
  const oracle = state.options.oracles[request.task];
  const result: ResultRecord = {
    type: 'result', key: request.key, runId: state.runId, task: request.task, tier: request.tier, model: request.model,
    provider: request.provider, sampleId: request.sampleId, callSiteId: request.callSiteId,
    oracleVersion: oracle?.version ?? 'none', at: new Date().toISOString(), ...outcome,
  };
  let written = state.unsaved.length === 0;
  if (written) {
    try {
      state.log.append(result);
    } catch (error) {
      written = false;
      const code = (error as NodeJS.ErrnoException).code;
      stop(state, `the results log ${state.log.file} could not be written (${code ?? (error as Error).message}): nothing more is sent; results received and not saved are reported`);
    }
  }
  if (!written) state.unsaved.push(JSON.parse(scrubSecrets(JSON.stringify(result), state.secrets)) as ResultRecord);
  state.counts.done += outcome.ok ? 1 : 0;
  state.counts.errors += outcome.ok ? 0 : 1;
  emit(state, { key: request.key, ok: outcome.ok, pass: outcome.pass });
  return written;
}

/** Adds a note once (the same sentence is not repeated). */
export function note(state: RunState, text: string): void {
  const kind = text.replace(/[\d.]+/g, '#');
  if (!state.notes.some((n) => n.replace(/[\d.]+/g, '#') === kind)) state.notes.push(text);
}

/** Reports progress to the caller's callback. */
export function emit(state: RunState, last?: ProgressEvent['last'], backoff?: ProgressEvent['backoff']): void {
  state.options.onProgress?.({
    done: state.counts.done,
    total: state.total,
    errors: state.counts.errors,
    spentUsd: state.budget.spentUsd,
    inFlight: state.counts.inFlight,
    ...(backoff ? { backoff } : {}),
    ...(last ? { last } : {}),
  });
}
