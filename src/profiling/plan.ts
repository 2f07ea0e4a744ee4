/**
 * The dry run: every (sample, model) request of the selected tasks and tiers, its estimated and
 * worst-case cost from the engine's catalog and token counter, and the wall time at the
 * configured concurrency. Nothing is sent.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createCatalog, createTokenCounter } from '../engine/api';
import type { AnalyzedCallSite, TaskType, TierLevel, TierwiseConfig } from '../engine/model';
import { buildRequest } from './buildRequest';
import { planPrice, requestCost } from './cost';
import { configDir } from './inputs';
import { finishedResults, readResultsLog } from './resultsLog';
import type { ConcreteRequest, PlannedRequest, PlanPrice, ProfilingInputs, ProfilingProvider, RunPlan, TaskInputs } from './types';

/** Prices and token counts the plan uses (the engine's catalog and counter, or test doubles). */
export interface PlanDeps {
  price(model: string, provider: ProfilingProvider): PlanPrice | null;
  countTokens(text: string, model: string, provider: ProfilingProvider): number;
  tokenMethod: string;
}

/** Plan selection and options. */
export interface PlanOptions {
  tasks?: TaskType[];
  tiers?: TierLevel[];
  batch?: boolean;
  /** Override the results file (default: a stable file per task/model set, so re-runs resume). */
  resultsFile?: string;
}

/** Assumed generation speed for the time estimate (tokens/s) and fixed overhead per request (s). */
const ASSUMED_TOKENS_PER_SECOND = 80;
const ASSUMED_OVERHEAD_SECONDS = 0.6;

/** Plan deps from the engine's catalog (with config price overrides) and tiktoken counter. */
export function createPlanDeps(config: TierwiseConfig): PlanDeps & { dispose(): void } {
  const catalog = createCatalog({ overrides: config.pricing.overrides });
  const counter = createTokenCounter();
  return {
    price(model, provider) {
      const found = catalog.lookup(model, provider);
      return found.found ? planPrice(found.model) : null;
    },
    countTokens: (text, model, provider) => counter.count(text, model, provider).tokens,
    tokenMethod: 'tiktoken',
    dispose: () => counter.dispose(),
  };
}

/** The call site a task's samples mostly fill (the first sample's), if any. */
function primarySite(task: TaskInputs): AnalyzedCallSite | undefined {
  const id = task.samples.map((s) => task.sampleSites[s.id]).find(Boolean);
  return task.callSites.find((c) => c.site.id === id) ?? task.callSites[0];
}

/** The models a task is profiled on: the first model of the call site's provider in each tier. */
function modelsFor(config: TierwiseConfig, task: TaskInputs, tiers: TierLevel[] | undefined, skipped: string[]): Array<{ tier: TierLevel; model: string; provider: ProfilingProvider }> {
  const siteProvider = primarySite(task)?.site.provider;
  const out: Array<{ tier: TierLevel; model: string; provider: ProfilingProvider }> = [];
  for (const tier of config.tiers) {
    if (tiers && !tiers.includes(tier.level)) continue;
    const provider: ProfilingProvider | undefined =
      siteProvider === 'anthropic' || siteProvider === 'openai' ? siteProvider : tier.models.anthropic?.length ? 'anthropic' : tier.models.openai?.length ? 'openai' : undefined;
    const model = provider ? tier.models[provider]?.[0] : undefined;
    if (siteProvider === 'google') skipped.push(`${task.task}: call site uses Google; profiling runs Anthropic and OpenAI-compatible models, so tier ${tier.level} uses ${model ?? 'nothing'}`);
    if (!provider || !model) {
      skipped.push(`${task.task}: tier ${tier.level} (${tier.name}) has no Anthropic or OpenAI model`);
      continue;
    }
    out.push({ tier: tier.level, model, provider });
  }
  return out;
}

function requestText(request: ConcreteRequest): string {
  return [request.system ?? '', ...request.messages.map((m) => m.content)].join('\n');
}

/** Expected output tokens of a task's requests (config, else the call site's estimate, else half the cap). */
function expectedOutput(config: TierwiseConfig, task: TaskInputs, maxTokens: number): number {
  const configured = config.tasks[task.task]?.expectedOutputTokens;
  const estimated = primarySite(task)?.tokens.output.expected;
  return Math.min(maxTokens, configured ?? estimated ?? Math.ceil(maxTokens / 2));
}

/** Stable results file per (tasks, models) so re-running the same selection resumes it. */
export function defaultResultsFile(inputs: ProfilingInputs, keys: string[]): string {
  const hash = createHash('sha256').update([...new Set(keys)].sort().join('\n')).digest('hex').slice(0, 10);
  return join(configDir(inputs.root, inputs.config), inputs.config.profiling.resultsDir, `profile-${hash}.jsonl`);
}

/** Builds the plan (the dry run). */
export function planRun(inputs: ProfilingInputs, deps: PlanDeps, options: PlanOptions = {}): RunPlan {
  const skipped: string[] = [];
  const requests: PlannedRequest[] = [];
  const models = new Map<string, RunPlan['models'][number]>();
  const tasks = inputs.tasks.filter((t) => !options.tasks || options.tasks.includes(t.task));
  const batchFactor = (price: PlanPrice | null, provider: ProfilingProvider) => (options.batch && provider === 'anthropic' ? 1 - (price?.batchDiscount ?? 0) : 1);
  for (const task of tasks) {
    for (const { tier, model, provider } of modelsFor(inputs.config, task, options.tiers, skipped)) {
      const price = deps.price(model, provider);
      if (!price) skipped.push(`${model}: not in the price catalog; its cost is counted as $0 (add pricing.overrides.${model} to tierwise.yml)`);
      models.set(model, { model, provider, tier, price });
      for (const sample of task.samples) {
        const site = task.callSites.find((c) => c.site.id === task.sampleSites[sample.id]);
        const request = buildRequest(sample, site);
        const inputTokens = deps.countTokens(requestText(request), model, provider);
        const factor = batchFactor(price, provider);
        requests.push({
          key: `${task.task}|${sample.id}|${model}`, task: task.task, tier, model, provider, sampleId: sample.id,
          callSiteId: site?.site.id ?? null, request, estInputTokens: inputTokens,
          estCostUsd: price ? requestCost(price, inputTokens, expectedOutput(inputs.config, task, request.maxTokens)) * factor : null,
          maxCostUsd: price ? requestCost(price, inputTokens, request.maxTokens) * factor : null,
        });
      }
    }
  }
  const resultsFile = options.resultsFile ?? defaultResultsFile(inputs, requests.map((r) => `${r.task}|${r.model}`));
  const finished = finishedResults(readResultsLog(resultsFile));
  const todo = requests.filter((r) => !finished.has(r.key));
  return {
    root: inputs.root, requests, tasks: tasks.map((t) => t.task), tiers: [...new Set(requests.map((r) => r.tier))].sort(),
    models: [...models.values()], alreadyDone: requests.length - todo.length,
    estimatedCostUsd: todo.reduce((sum, r) => sum + (r.estCostUsd ?? 0), 0),
    maxCostUsd: todo.reduce((sum, r) => sum + (r.maxCostUsd ?? 0), 0),
    estimatedSeconds: estimateSeconds(inputs.config, todo, tasks),
    tokenMethod: deps.tokenMethod, batch: Boolean(options.batch), resultsFile,
    oracleVersions: Object.fromEntries(tasks.map((t) => [t.task, t.oracle.version])), skipped: [...new Set(skipped)],
  };
}

/** Wall time: per provider, the sum of request durations divided by its concurrency; providers run in parallel. */
function estimateSeconds(config: TierwiseConfig, todo: PlannedRequest[], tasks: TaskInputs[]): number {
  const perProvider = new Map<ProfilingProvider, number>();
  for (const r of todo) {
    const task = tasks.find((t) => t.task === r.task);
    const output = task ? expectedOutput(config, task, r.request.maxTokens) : r.request.maxTokens / 2;
    perProvider.set(r.provider, (perProvider.get(r.provider) ?? 0) + ASSUMED_OVERHEAD_SECONDS + output / ASSUMED_TOKENS_PER_SECOND);
  }
  let worst = 0;
  for (const [provider, seconds] of perProvider) worst = Math.max(worst, seconds / Math.max(1, config.profiling.providers[provider]?.concurrency ?? 4));
  return worst;
}
