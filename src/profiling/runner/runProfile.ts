/**
 * The profiling runner: every request of a plan through its provider, all tiers in parallel,
 * bounded and adaptive concurrency per provider, retries, a budget cap, cancellation, and a results
 * log appended as each request finishes (a re-run skips what is already finished).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { requestCost } from '../cost';
import { createAnthropicClient } from '../providers/anthropic';
import { createOpenAIClient } from '../providers/openai';
import type { ProviderAccess, ProviderClient } from '../providers/types';
import { ProviderFailure } from '../providers/types';
import { scrubSecrets } from '../providers/scrub';
import { finishedResults, openResultsLog, readResultsLog } from '../resultsLog';
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
  RunSummary,
  Sample,
} from '../types';
import { Budget } from './budget';
import { ProviderGate } from './providerGate';
import type { RetrySettings } from './retryPolicy';
import { backoffDelay, defaultRetrySettings, isThrottle, shouldRetry } from './retryPolicy';
import { sleep } from './sleep';
import { runBatches } from './batchRun';

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
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  retry?: Partial<RetrySettings>;
  /** Anthropic requests go through Message Batches (half price). */
  batch?: boolean;
  batchPollMs?: number;
  runId?: string;
}

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
  stopReason?: string;
}

/** Runs (or resumes) a plan. Resolves when every request finished, the budget stopped it, or it was cancelled. */
export async function runProfile(plan: RunPlan, options: RunOptions): Promise<RunSummary> {
  // Every in-flight request (and the SDK under it) listens to the caller's signal.
  if (options.signal) setMaxListeners(0, options.signal);
  const records = readResultsLog(plan.resultsFile);
  const finished = finishedResults(records);
  const todo = interleave(plan.requests.filter((r) => !finished.has(r.key)));
  const state = createState(plan, options, plan.requests.length - todo.length);
  try {
    emit(state);
    if (options.batch) {
      const viaBatch = todo.filter((r) => r.provider === 'anthropic');
      await Promise.all([runBatches(state, viaBatch, records), runDirect(state, todo.filter((r) => r.provider !== 'anthropic'))]);
    } else {
      await runDirect(state, todo);
    }
  } finally {
    state.log.close();
  }
  const cancelled = Boolean(options.signal?.aborted);
  return {
    runId: state.runId,
    resultsFile: plan.resultsFile,
    total: plan.requests.length,
    completed: state.counts.done - (plan.requests.length - todo.length),
    skippedDone: plan.requests.length - todo.length,
    errors: state.counts.errors,
    spentUsd: state.budget.spentUsd,
    graderSpentUsd: state.counts.graderSpent,
    budgetSkipped: state.counts.budgetSkipped,
    cancelled,
    stoppedReason: cancelled ? 'cancelled' : state.stopReason,
  };
}

function createState(plan: RunPlan, options: RunOptions, alreadyDone: number): RunState {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const gates = new Map<ProfilingProvider, ProviderGate>();
  const clients = new Map<ProfilingProvider, ProviderClient>();
  for (const access of Object.values(options.access)) {
    if (!access) continue;
    gates.set(access.provider, new ProviderGate(access.concurrency));
    clients.set(access.provider, access.provider === 'anthropic' ? createAnthropicClient(access, timeoutMs) : createOpenAIClient(access, timeoutMs));
  }
  return {
    plan,
    options,
    runId: options.runId ?? randomUUID(),
    log: openResultsLog(plan.resultsFile),
    budget: new Budget(options.budgetUsd ?? Number.POSITIVE_INFINITY),
    retry: { ...defaultRetrySettings(), ...options.retry },
    gates,
    clients,
    prices: new Map(plan.models.map((m) => [m.model, m.price])),
    secrets: Object.values(options.access).map((a) => a?.apiKey ?? ''),
    counts: { done: alreadyDone, errors: 0, inFlight: 0, budgetSkipped: 0, graderSpent: 0 },
    total: plan.requests.length,
  };
}

/** Round-robin across models so every tier makes progress at the same time. */
function interleave(requests: PlannedRequest[]): PlannedRequest[] {
  const byModel = new Map<string, PlannedRequest[]>();
  for (const r of requests) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  const queues = [...byModel.values()];
  const out: PlannedRequest[] = [];
  for (let i = 0; out.length < requests.length; i++) for (const q of queues) if (i < q.length) out.push(q[i]);
  return out;
}

/** Sends requests through the per-provider gates; each provider's queue drains independently. */
async function runDirect(state: RunState, todo: PlannedRequest[]): Promise<void> {
  const byProvider = new Map<ProfilingProvider, PlannedRequest[]>();
  for (const r of todo) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);
  await Promise.all([...byProvider].map(([provider, queue]) => drainProvider(state, provider, queue)));
}

async function drainProvider(state: RunState, provider: ProfilingProvider, queue: PlannedRequest[]): Promise<void> {
  const gate = state.gates.get(provider);
  if (!gate) throw new Error(`no access resolved for provider ${provider}`);
  const running = new Set<Promise<void>>();
  const signal = state.options.signal;
  for (let i = 0; i < queue.length; i++) {
    if (signal?.aborted || state.stopReason) break;
    try {
      await gate.acquire(signal);
    } catch {
      break;
    }
    const request = queue[i];
    const reserve = request.maxCostUsd ?? 0;
    if (signal?.aborted || !state.budget.tryReserve(reserve)) {
      gate.release();
      if (!signal?.aborted) {
        state.counts.budgetSkipped += queue.length - i;
        state.stopReason = `budget: the next request could exceed the $${state.options.budgetUsd} cap`;
      }
      break;
    }
    const task = execute(state, gate, request, reserve).finally(() => {
      gate.release();
      running.delete(task);
    });
    running.add(task);
  }
  await Promise.all(running);
}

async function execute(state: RunState, gate: ProviderGate, request: PlannedRequest, reserved: number): Promise<void> {
  const client = state.clients.get(request.provider);
  if (!client) throw new Error(`no client for provider ${request.provider}`);
  const signal = state.options.signal;
  state.counts.inFlight += 1;
  let attempts = 0;
  try {
    for (;;) {
      attempts += 1;
      const started = Date.now();
      try {
        await gate.waitUnpaused(signal);
        const completion = await client.complete(request.model, request.request, { signal, timeoutMs: state.options.timeoutMs ?? 60_000 });
        gate.succeeded();
        const cost = requestCost(state.prices.get(request.model) ?? null, completion.inputTokens, completion.outputTokens);
        state.budget.settle(reserved, cost);
        reserved = 0;
        const verdict = await grade(state, request, completion.text);
        record(state, request, {
          ok: true, output: completion.text, servedModel: completion.servedModel, inputTokens: completion.inputTokens,
          outputTokens: completion.outputTokens, latencyMs: Date.now() - started, costUsd: cost, attempts, ...verdictFields(verdict),
        });
        return;
      } catch (error) {
        if (signal?.aborted) return;
        const failure = error instanceof ProviderFailure ? error : new ProviderFailure('network', scrubSecrets(String(error), state.secrets));
        if (!(await retryOrGiveUp(state, gate, request, failure, attempts))) return;
      }
    }
  } finally {
    state.budget.settle(reserved, 0);
    state.counts.inFlight -= 1;
  }
}

/** True to try again (after waiting); false after recording the final error. */
async function retryOrGiveUp(state: RunState, gate: ProviderGate, request: PlannedRequest, failure: ProviderFailure, attempts: number): Promise<boolean> {
  if (shouldRetry(failure.kind, attempts, state.retry)) {
    const delay = failure.retryAfterMs ?? backoffDelay(attempts, state.retry);
    if (isThrottle(failure.kind)) {
      gate.throttle(delay);
      emit(state, undefined, { provider: request.provider, untilMs: delay, reason: `${failure.status ?? ''} ${failure.kind}`.trim() });
    } else {
      try {
        await sleep(delay, state.options.signal);
      } catch {
        return false;
      }
    }
    return true;
  }
  record(state, request, {
    ok: false, error: { kind: failure.kind, message: scrubSecrets(failure.message, state.secrets), status: failure.status },
    inputTokens: 0, outputTokens: 0, latencyMs: 0, costUsd: 0, attempts,
  });
  return false;
}

async function grade(state: RunState, request: PlannedRequest, output: string): Promise<OracleVerdict> {
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

function verdictFields(verdict: OracleVerdict): Pick<ResultRecord, 'pass' | 'score' | 'reason' | 'graderCostUsd'> {
  return { pass: verdict.pass, score: verdict.score, reason: verdict.reason, ...(verdict.graderCostUsd ? { graderCostUsd: verdict.graderCostUsd } : {}) };
}

type Outcome = Omit<ResultRecord, 'type' | 'key' | 'runId' | 'task' | 'tier' | 'model' | 'provider' | 'sampleId' | 'callSiteId' | 'oracleVersion' | 'at'>;

/** Appends one finished request to the log (fsync'ed) and reports progress. */
export function record(state: RunState, request: PlannedRequest, outcome: Outcome): void {
  const oracle = state.options.oracles[request.task];
  state.log.append({
    type: 'result', key: request.key, runId: state.runId, task: request.task, tier: request.tier, model: request.model,
    provider: request.provider, sampleId: request.sampleId, callSiteId: request.callSiteId,
    oracleVersion: oracle?.version ?? 'none', at: new Date().toISOString(), ...outcome,
  });
  state.counts.done += outcome.ok ? 1 : 0;
  state.counts.errors += outcome.ok ? 0 : 1;
  emit(state, { key: request.key, ok: outcome.ok, pass: outcome.pass });
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
