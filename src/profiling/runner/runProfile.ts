/**
 * The profiling runner: every request of a plan through its provider, all tiers in parallel,
 * bounded and adaptive concurrency per provider, retries, a budget cap, cancellation, and a results
 * log appended as each request finishes (a re-run skips what is already finished). One run at a
 * time per results log (./resultsLock.ts); oracles are prepared (module oracles imported) before
 * the first request is sent.
 */
import { setMaxListeners } from 'node:events';
import { TierwiseError } from '../../engine/errors';
import { createAnthropicClient } from '../providers/anthropic';
import { createOpenAIClient } from '../providers/openai';
import { ProviderFailure } from '../providers/types';
import { scrubSecrets } from '../providers/scrub';
import { finishedResults, openResultsLog, readResultsLog } from '../resultsLog';
import type { ResultsLog } from '../resultsLog';
import type { PlannedRequest, ProfilingProvider, RunPlan, RunSummary } from '../types';
import { runBatches } from './batchRun';
import type { ProviderGate } from './providerGate';
import { lockResults } from './resultsLock';
import { backoffDelay, isThrottle, shouldRetry } from './retryPolicy';
import type { RunOptions, RunState } from './runState';
import { createState, emit, fail, finish, note, stop, stopped } from './runState';
import { sleep } from './sleep';

export type { RunOptions, RunState } from './runState';

/** Runs (or resumes) a plan. Resolves when every request finished, the budget stopped it, or it was cancelled. */
export async function runProfile(plan: RunPlan, options: RunOptions): Promise<RunSummary> {
  // Every in-flight request (and the SDK under it) listens to the caller's signal.
  if (options.signal) setMaxListeners(0, options.signal);
  for (const oracle of new Set(Object.values(options.oracles))) await oracle?.prepare?.();
  let lost: Error | undefined;
  const release = await lockResults(plan.resultsFile, (error) => (lost = error));
  try {
    const records = readResultsLog(plan.resultsFile);
    const finished = finishedResults(records);
    const todo = interleave(plan.requests.filter((r) => !finished.has(r.key)));
    const state = createState(plan, options, openLog(plan.resultsFile, options), plan.requests.length - todo.length, (access, timeoutMs) =>
      access.provider === 'anthropic' ? createAnthropicClient(access, timeoutMs) : createOpenAIClient(access, timeoutMs));
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
    if (lost) stop(state, `the lock of ${plan.resultsFile} was lost during the run (${lost.message})`);
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
      notes: state.notes,
      unsaved: state.unsaved,
    };
  } finally {
    await release().catch(() => undefined);
  }
}

function openLog(file: string, options: RunOptions): ResultsLog {
  const secrets = [...Object.values(options.access).map((a) => a?.apiKey ?? ''), ...(options.secrets ?? [])].filter((s) => s.length >= 4);
  try {
    return openResultsLog(file, secrets);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TierwiseError('results-unwritable', `cannot open the results log ${file} for writing (${code}); nothing was sent`, 'make profiling.resultsDir a writable folder with free space', { file, field: 'profiling.resultsDir' });
  }
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
    if (stopped(state)) break;
    try {
      await gate.acquire(signal);
    } catch {
      break;
    }
    const request = queue[i];
    const reserve = state.budget.reservationFor(request.maxCostUsd ?? 0);
    if (stopped(state) || !state.budget.tryReserve(reserve)) {
      gate.release();
      if (!stopped(state)) {
        state.counts.budgetSkipped += queue.length - i;
        stop(state, `budget: the next request could exceed the $${state.options.budgetUsd} cap`);
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
      let completion;
      try {
        await gate.waitUnpaused(signal);
        if (stopped(state) && attempts > 1) return;
        completion = await client.complete(request.model, request.request, { signal, timeoutMs: state.options.timeoutMs ?? 60_000 });
      } catch (error) {
        if (signal?.aborted) return;
        const failure = error instanceof ProviderFailure ? error : new ProviderFailure('network', scrubSecrets(String(error), state.secrets));
        if (!(await retryOrGiveUp(state, gate, request, failure, attempts))) return;
        continue;
      }
      // The response is paid for: from here on nothing sends it again (a failed write stops the run).
      gate.succeeded();
      await finish(state, request, completion, { latencyMs: Date.now() - started, attempts }, reserved);
      reserved = 0;
      return;
    }
  } finally {
    state.budget.settle(reserved, 0);
    state.counts.inFlight -= 1;
  }
}

/** True to try again (after waiting); false after recording the final error (or stopping the provider). */
async function retryOrGiveUp(state: RunState, gate: ProviderGate, request: PlannedRequest, failure: ProviderFailure, attempts: number): Promise<boolean> {
  if (shouldRetry(failure.kind, attempts, state.retry)) {
    const asked = failure.retryAfterMs;
    if (asked !== undefined && asked > state.retry.maxRetryAfterMs) {
      // Not recorded as an error: the request is simply not done, and a later run resumes it.
      stop(state, `${request.provider} asked to wait ${formatWait(asked)} before retrying (retry-after); Tierwise waits at most ${formatWait(state.retry.maxRetryAfterMs)}: stopped, run again later to resume`);
      return false;
    }
    const delay = asked ?? backoffDelay(attempts, state.retry);
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
  fail(state, request, { kind: failure.kind, message: failure.message, status: failure.status }, { attempts });
  if (failure.kind === 'malformed' && /larger than/.test(failure.message)) note(state, `${request.provider}: ${failure.message}`);
  return false;
}

function formatWait(ms: number): string {
  return ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`;
}
