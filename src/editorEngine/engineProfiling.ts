/** The editor's profiling command over the profiling library (part of the engine bundle). */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Engine, ScanResult, TaskType, TierLevel, TierwiseConfig } from '../engine/api';
import { applyDecisions, createPlanDeps, effectiveResults, graderFactory, loadProfilingInputs, planRun, readResultsLog, runProfile, summarize } from '../profiling/api';
import type { Credentials, ProfileSummary, ProfilingInputs, RunPlan, RunSummary } from '../profiling/api';
import type { ProfilingSummaryView, ProfilingTaskResult } from '../protocol/messages';
import { loadEditorConfig } from './engineConfig';
import type { EditorOverrides, ProfilingChoices, ProfilingPlanHandle, ProfilingPlanView } from './engineTypes';

/** Profiling operations of the editor engine. */
export interface ProfilingAdapter {
  choices(root: string): Promise<ProfilingChoices>;
  plan(root: string, selection: { tasks: TaskType[]; tiers: TierLevel[] }, overrides: EditorOverrides): Promise<ProfilingPlanHandle>;
  applyDecision(root: string, task: TaskType): Promise<string>;
}

/** Creates the adapter; `scanOf` gives the root's latest scan (the call sites samples fill). */
export function createProfilingAdapter(engine: Engine, scanOf: (root: string) => ScanResult | undefined): ProfilingAdapter {
  const lastSummary = new Map<string, { summary: ProfileSummary; config: TierwiseConfig }>();
  const scanFor = async (root: string, config: TierwiseConfig): Promise<ScanResult> => scanOf(root) ?? engine.scan(root, { config });
  return {
    async choices(root) {
      const { config } = await loadEditorConfig(root, { defaultTrafficPerMonth: 0, monthsAhead: -1, budgetUsd: 0, endpoints: { anthropic: '', openai: '' } });
      const inputs = await loadProfilingInputs(root, config, await scanFor(root, config));
      return {
        tasks: inputs.tasks.map((t) => ({ task: t.task, samples: t.samples.length, callSites: t.callSites.length })),
        tiers: config.tiers.map((t) => ({ level: t.level, name: t.name })),
      };
    },
    async plan(root, selection, overrides) {
      const { config } = await loadEditorConfig(root, overrides);
      const deps = createPlanDeps(config);
      const scan = await scanFor(root, config);
      let credentials: Credentials = { keys: {} };
      const inputs = await loadProfilingInputs(root, config, scan, { tasks: selection.tasks, grader: () => graderFactory(config, credentials, deps)() });
      const plan = planRun(inputs, deps, { tasks: selection.tasks, tiers: selection.tiers });
      return {
        view: planView(root, plan),
        run: async ({ keys, signal, onProgress }) => {
          credentials = { keys: { anthropic: keys.anthropic, openai: keys.openai } };
          const started = Date.now();
          try {
            const result = await runProfile(plan, inputs, {
              credentials,
              signal,
              onProgress: (e) => onProgress({ done: e.done, total: e.total, spentUsd: e.spentUsd, errors: e.errors, backoffMs: e.backoff ? Math.max(0, e.backoff.untilMs - Date.now()) : undefined }),
              budgetUsd: config.profiling.budgetUsd,
            });
            const summary = summarize(plan.resultsFile, config, (model) => plan.models.find((m) => m.model === model)?.price ?? null);
            lastSummary.set(root, { summary, config });
            return {
              cancelled: result.cancelled,
              completed: result.completed,
              total: result.total,
              spentUsd: result.spentUsd + result.graderSpentUsd,
              resultsFile: rel(root, result.resultsFile),
              summary: summary.rows.length > 0 ? summaryView(root, result, summary, config, inputs, Date.now() - started) : null,
            };
          } finally {
            deps.dispose();
          }
        },
      };
    },
    async applyDecision(root, task) {
      const last = lastSummary.get(root);
      const decision = last?.summary.decisions.find((d) => d.task === task);
      const file = last?.config.file;
      if (!decision || !file) return `No profiling decision for ${task} to apply (run a profiling batch first; tierwise.yml must exist).`;
      const { text } = applyDecisions(await readFile(file, 'utf8'), [decision], file);
      await writeFile(file, text, 'utf8');
      return `tierwise.yml: tasks.${task}.defaultTier = ${decision.tier} (${decision.model}, ${decision.mode}).`;
    },
  };
}

function rel(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

function planView(root: string, plan: RunPlan): ProfilingPlanView {
  const lines = plan.models.map((m) => {
    const n = plan.requests.filter((r) => r.model === m.model).length;
    return `tier ${m.tier} · ${m.model} · ${n} requests${m.price ? '' : ' (unpriced)'}`;
  });
  if (plan.alreadyDone > 0) lines.push(`${plan.alreadyDone} requests already done in the results log (resumed, not re-sent)`);
  lines.push(...plan.skipped);
  const finished = new Set(effectiveResults(readResultsLog(plan.resultsFile)).filter((r) => r.ok).map((r) => r.key));
  return {
    tasks: plan.tasks,
    tiers: plan.tiers,
    requests: plan.requests.length - plan.alreadyDone,
    estimatedCostUsd: plan.estimatedCostUsd,
    estimatedSeconds: plan.estimatedSeconds,
    resultsFile: rel(root, plan.resultsFile),
    lines,
    providers: [...new Set(plan.requests.filter((r) => !finished.has(r.key)).map((r) => r.provider))],
  };
}

function summaryView(root: string, run: RunSummary, summary: ProfileSummary, config: TierwiseConfig, inputs: ProfilingInputs, durationMs: number): ProfilingSummaryView {
  const tasks: ProfilingTaskResult[] = [...new Set(summary.rows.map((r) => r.task))].map((task) => {
    const decision = summary.decisions.find((d) => d.task === task);
    return {
      task,
      oracle: config.tasks[task]?.oracle ?? inputs.tasks.find((t) => t.task === task)?.oracle.version ?? null,
      tiers: summary.rows
        .filter((r) => r.task === task)
        .map((r) => ({ tier: r.tier, model: r.model, samples: r.samples, passed: r.passed, passRate: r.passRate, interval: r.interval, latencyMs: { p50: r.latencyP50Ms, p95: r.latencyP95Ms }, meanInputTokens: r.meanInputTokens, meanOutputTokens: r.meanOutputTokens, costUsd: r.costUsd, errors: r.errors })),
      decision: decision
        ? { tier: decision.tier, model: decision.model, kind: decision.mode === 'fallback' ? 'escalate' : decision.mode === 'insufficient' ? 'insufficient-data' : decision.mode, reason: decision.reason, applied: config.tasks[task]?.defaultTier === decision.tier }
        : { tier: 1, model: null, kind: 'insufficient-data', reason: 'no graded results yet', applied: false },
    };
  });
  return {
    runAt: new Date().toISOString(),
    resultsFile: rel(root, run.resultsFile),
    totalCostUsd: summary.totalCostUsd + summary.graderCostUsd,
    durationMs,
    thresholds: { route: config.routing.tier1PassRate, monitor: config.routing.monitorPassRate },
    tasks,
  };
}
