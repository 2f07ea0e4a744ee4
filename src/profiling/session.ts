/**
 * Glue between validated inputs and the runner: resolves keys (a missing key fails here, before any
 * request), the LLM-rubric grader, the oracle and sample maps, and exact dry-run token counts.
 */
import { TierwiseError } from '../engine/errors';
import type { TierwiseConfig } from '../engine/model';
import type { Credentials } from './access';
import { resolveAccess } from './access';
import type { Grader } from './oracles/llmRubric';
import type { PlanDeps } from './plan';
import { createAnthropicClient } from './providers/anthropic';
import { createOpenAIClient } from './providers/openai';
import { finishedResults, readResultsLog } from './resultsLog';
import type { RetrySettings } from './runner/retryPolicy';
import { runProfile as runPlan } from './runner/runProfile';
import type { ProfilingInputs, ProfilingProvider, ProgressEvent, RunPlan, RunSummary, Sample } from './types';
import { requestCost } from './cost';

/** Options of a run, as the CLI and the editor pass them. */
export interface ProfileRunOptions {
  credentials: Credentials;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Dollar cap (default: `profiling.budgetUsd`). */
  budgetUsd?: number;
  batch?: boolean;
  batchPollMs?: number;
  retry?: Partial<RetrySettings>;
  timeoutMs?: number;
}

/** The provider a grader model id belongs to. */
export function providerOfModel(model: string): ProfilingProvider {
  return /^claude|anthropic/i.test(model) ? 'anthropic' : 'openai';
}

/** A lazy grader factory for the LLM-rubric oracle (`profiling.graderModel`). */
export function graderFactory(config: TierwiseConfig, credentials: Credentials, deps: Pick<PlanDeps, 'price'>): () => Grader {
  return () => {
    const model = config.profiling.graderModel;
    if (!model) {
      throw new TierwiseError('grader-missing', 'the llm-rubric oracle needs a grader model', 'set profiling.graderModel in tierwise.yml (a cheap model, e.g. claude-haiku-4-5)', { file: config.file ?? undefined, field: 'profiling.graderModel' });
    }
    const provider = providerOfModel(model);
    const access = resolveAccess([provider], config, credentials)[provider];
    if (!access) throw new Error(`no access for ${provider}`);
    const timeoutMs = config.profiling.timeoutMs;
    const client = provider === 'anthropic' ? createAnthropicClient(access, timeoutMs) : createOpenAIClient(access, timeoutMs);
    return { client, model, price: deps.price(model, provider), timeoutMs };
  };
}

/** Runs (or resumes) a plan: keys are checked for every provider with work left before anything is sent. */
export async function runProfile(plan: RunPlan, inputs: ProfilingInputs, options: ProfileRunOptions): Promise<RunSummary> {
  const finished = finishedResults(readResultsLog(plan.resultsFile));
  const providers = plan.requests.filter((r) => !finished.has(r.key)).map((r) => r.provider);
  const access = resolveAccess(providers, inputs.config, options.credentials);
  const samples = new Map<string, Sample>();
  for (const task of inputs.tasks) for (const sample of task.samples) samples.set(`${task.task}|${sample.id}`, sample);
  return runPlan(plan, {
    access,
    oracles: Object.fromEntries(inputs.tasks.map((t) => [t.task, t.oracle])),
    samples,
    signal: options.signal,
    onProgress: options.onProgress,
    budgetUsd: options.budgetUsd ?? inputs.config.profiling.budgetUsd,
    timeoutMs: options.timeoutMs ?? inputs.config.profiling.timeoutMs,
    retry: { maxRetries: inputs.config.profiling.maxRetries, ...options.retry },
    batch: options.batch,
    batchPollMs: options.batchPollMs,
    secrets: Object.values(options.credentials.keys).filter((k): k is string => typeof k === 'string'),
  });
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Replaces tiktoken estimates of the Anthropic requests still to send by exact counts from
 * `messages.countTokens` (free) when a key is present; returns the plan unchanged otherwise.
 */
export async function refineWithCountTokens(plan: RunPlan, config: TierwiseConfig, credentials: Credentials, signal?: AbortSignal): Promise<RunPlan> {
  if (!credentials.keys.anthropic || !plan.requests.some((r) => r.provider === 'anthropic')) return plan;
  const access = resolveAccess(['anthropic'], config, credentials).anthropic;
  if (!access) return plan;
  const client = createAnthropicClient(access, config.profiling.timeoutMs);
  const prices = new Map(plan.models.map((m) => [m.model, m.price]));
  const finished = finishedResults(readResultsLog(plan.resultsFile));
  const requests = await mapLimited(plan.requests, access.concurrency * 2, async (r) => {
    if (r.provider !== 'anthropic' || !client.countTokens || finished.has(r.key)) return r;
    const exact = await client.countTokens(r.model, r.request, { signal, timeoutMs: config.profiling.timeoutMs });
    const price = prices.get(r.model) ?? null;
    const factor = plan.batch ? 1 - (price?.batchDiscount ?? 0) : 1;
    const expectedOut = r.estCostUsd !== null && price ? Math.max(0, ((r.estCostUsd / factor - requestCost(price, r.estInputTokens, 0)) * 1e6) / price.outputPerMTok) : 0;
    return {
      ...r,
      estInputTokens: exact,
      estCostUsd: price ? requestCost(price, exact, expectedOut) * factor : null,
      maxCostUsd: price ? requestCost(price, exact, r.request.maxTokens) * factor : null,
    };
  });
  const todo = requests.filter((r) => !finished.has(r.key));
  return {
    ...plan,
    requests,
    estimatedCostUsd: todo.reduce((s, r) => s + (r.estCostUsd ?? 0), 0),
    maxCostUsd: todo.reduce((s, r) => s + (r.maxCostUsd ?? 0), 0),
    tokenMethod: 'anthropic:count_tokens (exact) + tiktoken',
  };
}
