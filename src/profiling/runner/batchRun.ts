/**
 * Anthropic Message Batches mode (half price): submit one batch per model, write the batch id to
 * the results log at once, poll until it ends, collect the JSONL results. After a restart, batches
 * in the log with uncollected requests are polled again instead of being resubmitted.
 */
import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { anthropicBody, anthropicCompletion, anthropicSdk } from '../providers/anthropic';
import { classifyError } from '../providers/classify';
import { scrubSecrets } from '../providers/scrub';
import { pendingBatches } from '../resultsLog';
import type { BatchRecord, LogRecord, PlannedRequest } from '../types';
import type { RunState } from './runState';
import { emit, fail, finish, stop } from './runState';
import { sleep } from './sleep';

/** The API's limit on requests per batch. */
const MAX_BATCH_REQUESTS = 10_000;

/** Batch results are one JSONL stream for up to 10,000 requests: a larger cap than one response. */
const MAX_BATCH_RESULTS_BYTES = 1024 * 1024 * 1024;

/** A `custom_id` for a request key (the API allows `[a-zA-Z0-9_-]{1,64}`). */
export function customIdFor(key: string): string {
  return `r_${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** Resumes pending batches from the log, then submits the rest; resolves when all are collected. */
export async function runBatches(state: RunState, todo: PlannedRequest[], records: LogRecord[]): Promise<void> {
  if (todo.length === 0) return;
  const access = state.options.access.anthropic;
  if (!access) throw new Error('batch mode needs resolved anthropic access');
  const sdk = anthropicSdk(access, (state.options.timeoutMs ?? 60_000) * 10, MAX_BATCH_RESULTS_BYTES);
  const byKey = new Map(todo.map((r) => [r.key, r]));
  const resumed = pendingBatches(records).filter((b) => Object.values(b.customIds).some((k) => byKey.has(k)));
  for (const batch of resumed) for (const key of Object.values(batch.customIds)) byKey.delete(key);
  const fresh = submitGroups(state, [...byKey.values()]);
  const submitted: Array<Promise<BatchRecord | undefined>> = fresh.map((group) => submit(state, sdk, group));
  const all = [...resumed.map((b) => Promise.resolve<BatchRecord | undefined>(b)), ...submitted];
  await Promise.all(all.map(async (pending) => {
    const batch = await pending;
    if (batch) await collect(state, sdk, batch, todo);
  }));
}

/** Groups by model, keeping within the budget (reserving each request's worst case). */
function submitGroups(state: RunState, requests: PlannedRequest[]): PlannedRequest[][] {
  const byModel = new Map<string, PlannedRequest[]>();
  for (const request of requests) {
    const price = state.prices.get(request.model) ?? null;
    const reserve = state.budget.reservationFor((request.maxCostUsd ?? 0) * (1 - (price?.batchDiscount ?? 0)));
    if (!state.budget.tryReserve(reserve)) {
      state.counts.budgetSkipped += 1;
      stop(state, `budget: the next request could exceed the $${state.options.budgetUsd} cap`);
      continue;
    }
    byModel.set(request.model, [...(byModel.get(request.model) ?? []), request]);
  }
  const groups: PlannedRequest[][] = [];
  for (const list of byModel.values()) {
    for (let i = 0; i < list.length; i += MAX_BATCH_REQUESTS) groups.push(list.slice(i, i + MAX_BATCH_REQUESTS));
  }
  return groups;
}

async function submit(state: RunState, sdk: Anthropic, group: PlannedRequest[]): Promise<BatchRecord | undefined> {
  if (state.options.signal?.aborted) return undefined;
  try {
    const created = await sdk.messages.batches.create(
      { requests: group.map((r) => ({ custom_id: customIdFor(r.key), params: anthropicBody(r.model, r.request) })) },
      { signal: state.options.signal },
    );
    const batch: BatchRecord = {
      type: 'batch', batchId: created.id, provider: 'anthropic', model: group[0].model,
      customIds: Object.fromEntries(group.map((r) => [customIdFor(r.key), r.key])), runId: state.runId, at: new Date().toISOString(),
    };
    try {
      state.log.append(batch);
    } catch (error) {
      // The batch is submitted (and will be billed) but its id is not saved: say so, with the id.
      stop(state, `the results log ${state.log.file} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); batch ${batch.batchId} was submitted and is collected now, but a later run would not find it`);
    }
    return batch;
  } catch (error) {
    if (state.options.signal?.aborted) return undefined;
    const failure = classifyError(error, state.secrets);
    for (const request of group) fail(state, request, { kind: failure.kind, message: failure.message, status: failure.status });
    return undefined;
  }
}

/** Polls a batch until it ends, then records every result of the requests still to do. */
async function collect(state: RunState, sdk: Anthropic, batch: BatchRecord, todo: PlannedRequest[]): Promise<void> {
  const signal = state.options.signal;
  const wanted = new Map(todo.map((r) => [r.key, r]));
  const started = Date.parse(batch.at);
  try {
    for (;;) {
      const status = await sdk.messages.batches.retrieve(batch.batchId, {}, { signal });
      if (status.processing_status === 'ended') break;
      emit(state);
      await sleep(state.options.batchPollMs ?? 30_000, signal);
    }
    const results = await sdk.messages.batches.results(batch.batchId, {}, { signal });
    for await (const item of results) {
      const key = batch.customIds[item.custom_id];
      const request = key ? wanted.get(key) : undefined;
      if (!request) continue;
      wanted.delete(key);
      await recordBatchResult(state, request, item, batch.batchId, started);
    }
  } catch (error) {
    if (signal?.aborted) return;
    const failure = classifyError(error, state.secrets);
    // The batch stays on the server: the next run polls it again by id.
    stop(state, `batch ${batch.batchId}: ${failure.message}`);
  }
}

async function recordBatchResult(
  state: RunState,
  request: PlannedRequest,
  item: Anthropic.Messages.Batches.MessageBatchIndividualResponse,
  batchId: string,
  started: number,
): Promise<void> {
  const latencyMs = Number.isNaN(started) ? 0 : Date.now() - started;
  if (item.result.type !== 'succeeded') {
    const message = item.result.type === 'errored' ? scrubSecrets(JSON.stringify(item.result.error), state.secrets).slice(0, 300) : `batch request ${item.result.type}`;
    fail(state, request, { kind: 'server', message }, { latencyMs, batchId });
    return;
  }
  let completion;
  try {
    completion = anthropicCompletion(item.result.message, request.model);
  } catch (error) {
    const failure = classifyError(error, state.secrets);
    fail(state, request, { kind: failure.kind, message: failure.message }, { latencyMs, batchId });
    return;
  }
  // Grading and recording are the direct path's: an oracle that throws is a failed grade here too.
  await finish(state, request, completion, { latencyMs, attempts: 1, batchId, batch: true }, 0);
}
