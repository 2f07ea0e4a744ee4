/**
 * `tierwise profile [dir]`: profiling batches from the command line. Prints the dry run, asks for
 * confirmation above `profiling.confirmAboveUsd`, runs every task's samples through every tier with
 * a progress line on stderr, appends to a resumable results log, prints the decision table, and
 * with `--apply` writes the decisions into tierwise.yml (showing the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TASK_TYPES, TierwiseError, createEngine, formatConfigProblem, loadConfig } from '../../engine/api';
import type { ScanResult, TaskType, TierwiseConfig } from '../../engine/api';
import {
  applyDecisions, createPlanDeps, credentialsFromEnv, graderFactory, loadProfilingInputs, planRun, refineWithCountTokens,
  readResultsLog, regradeStale, renderJson, renderMarkdown, renderPlan, renderTable, runProfile, summarize,
} from '../../profiling/api';
import type { Credentials, PlanDeps, ProfileSummary, ProgressEvent, RunPlan, RunSummary } from '../../profiling/api';
import type { CliCommand, CliIO } from '../types';

const USAGE = `Usage: tierwise profile [dir] [options]

Runs each task's samples (tierwise/samples/<task>.jsonl) through every configured tier, grades the
outputs with the task's oracle, and reports pass rates (Wilson 95% interval), latency, tokens, cost
and the routing decision. Finished requests are appended to a results log as they complete; a
re-run resumes without repeating them. With no options: every task with samples, all tiers.

Options:
  --task <task>        only this task (repeatable)
  --tier <n>           only this tier level (repeatable)
  --dry-run            print the plan (requests, estimated cost and time) and stop
  --yes                answer yes to the cost confirmation (non-interactive use)
  --apply              write the decisions into tierwise.yml (tasks.<task>.defaultTier), showing the diff
  --budget <usd>       dollar cap for this run (default: profiling.budgetUsd)
  --batch              send Anthropic requests through Message Batches (half price, slower)
  --format <f>         table (default), json or markdown

Exit codes: 0 done (or stopped by the budget), 1 every request of the run failed or the results log
could not be written (the unsaved results are printed to stderr as JSON lines), 2 bad input,
130 cancelled. One run at a time per results log: a second one waits a few seconds, then refuses.

Keys: ANTHROPIC_API_KEY, OPENAI_API_KEY (or the variables named in profiling.providers.*.apiKeyEnv).
Endpoints: ANTHROPIC_BASE_URL, OPENAI_BASE_URL, or profiling.providers.*.baseURL (proxies, gateways,
Ollama, vLLM, LM Studio).`;

interface Options {
  dir: string;
  tasks?: TaskType[];
  tiers?: number[];
  dryRun: boolean;
  yes: boolean;
  apply: boolean;
  budget?: number;
  batch: boolean;
  format: 'table' | 'json' | 'markdown';
}

function badArgument(message: string, fix: string, field?: string): TierwiseError {
  return new TierwiseError('bad-argument', message, fix, { field });
}

function parseOptions(argv: string[], cwd: string): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        task: { type: 'string', multiple: true }, tier: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' }, apply: { type: 'boolean' }, budget: { type: 'string' }, batch: { type: 'boolean' },
        format: { type: 'string', default: 'table' },
      },
    });
  } catch (error) {
    throw badArgument(error instanceof Error ? error.message : String(error), 'run `tierwise profile --help` for the options');
  }
  const { values, positionals } = parsed;
  const tasks = values.task?.map((t) => {
    if (!TASK_TYPES.includes(t as TaskType)) throw badArgument(`unknown task '${t}'`, `use one of ${TASK_TYPES.join(', ')}`, '--task');
    return t as TaskType;
  });
  const tiers = values.tier?.map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1) throw badArgument(`--tier ${t} is not a tier level`, 'use --tier 1, --tier 2, ...', '--tier');
    return n;
  });
  const budget = values.budget === undefined ? undefined : Number(values.budget);
  if (budget !== undefined && !(budget > 0)) throw badArgument(`--budget ${values.budget} is not a positive dollar amount`, 'use e.g. --budget 2.50', '--budget');
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json' && format !== 'markdown') throw badArgument(`unknown format '${format}'`, 'use --format table, json or markdown', '--format');
  return {
    dir: resolve(cwd, positionals[0] ?? '.'), tasks, tiers, dryRun: Boolean(values['dry-run']), yes: Boolean(values.yes),
    apply: Boolean(values.apply), budget, batch: Boolean(values.batch), format,
  };
}

async function loadValidConfig(root: string): Promise<TierwiseConfig> {
  const { config, problems } = await loadConfig(root);
  if (problems.length > 0) {
    const first = problems[0];
    throw new TierwiseError('config-invalid', `tierwise.yml has ${problems.length} problem(s):\n  ${problems.map(formatConfigProblem).join('\n  ')}\n`, first.fix, { file: first.file, field: first.field });
  }
  return config;
}

async function scanWorkspace(root: string, config: TierwiseConfig, io: CliIO): Promise<ScanResult> {
  const engine = createEngine();
  try {
    io.stderr('tierwise: scanning call sites...\n');
    return await engine.scan(root, { config });
  } finally {
    engine.dispose();
  }
}

async function confirmCost(plan: RunPlan, config: TierwiseConfig, options: Options, io: CliIO): Promise<boolean> {
  const threshold = config.profiling.confirmAboveUsd;
  if (plan.estimatedCostUsd <= threshold || options.yes) return true;
  const question = `This run is estimated at $${plan.estimatedCostUsd.toFixed(2)} (above profiling.confirmAboveUsd $${threshold}). Run it?`;
  if (!io.isTTY) {
    io.stderr(`tierwise profile: not run: the estimated cost $${plan.estimatedCostUsd.toFixed(2)} is above profiling.confirmAboveUsd ($${threshold}) and there is no terminal to confirm. Fix: pass --yes to run it, or narrow it with --task/--tier.\n`);
    return false;
  }
  return io.confirm(question);
}

function progressReporter(io: CliIO): (event: ProgressEvent) => void {
  let lastShown = -1;
  return (event) => {
    const pct = event.total ? Math.floor((event.done / event.total) * 100) : 100;
    const backoff = event.backoff ? `, ${event.backoff.provider} ${event.backoff.reason}: waiting ${(event.backoff.untilMs / 1000).toFixed(1)}s` : '';
    const line = `profiling ${event.done}/${event.total} (${pct}%), $${event.spentUsd.toFixed(4)} spent, ${event.errors} errors${backoff}`;
    if (io.isTTY) io.stderr(`\r${line.padEnd(100)}`);
    else if (backoff || pct >= lastShown + 10 || event.done === event.total) {
      lastShown = pct;
      io.stderr(`${line}\n`);
    }
  };
}

function runNote(run: RunSummary): string {
  const parts = [`${run.completed} requests sent, ${run.skippedDone} resumed from the log, ${run.errors} errors, $${run.spentUsd.toFixed(4)} spent`];
  if (run.graderSpentUsd > 0) parts.push(`grader $${run.graderSpentUsd.toFixed(4)}`);
  if (run.stoppedReason) parts.push(`stopped: ${run.stoppedReason}`);
  return `tierwise profile: ${parts.join('; ')}\n${run.notes.map((n) => `note: ${n}\n`).join('')}`;
}

/** Why the run failed as a whole (exit 1), or undefined. */
function runFailure(run: RunSummary): string | undefined {
  if (run.unsaved.length > 0) {
    return `${run.unsaved.length} result(s) were received but could not be written to ${run.resultsFile}; they follow as JSON lines, so they are not lost:\n${run.unsaved.map((r) => JSON.stringify(r)).join('\n')}`;
  }
  if (!run.cancelled && run.errors > 0 && run.completed === 0) {
    return `every request of this run failed (${run.errors} error(s)); the errors are in ${run.resultsFile} and in the table below`;
  }
  return undefined;
}

function render(summary: ProfileSummary, options: Options, extra: Record<string, unknown>): string {
  if (options.format === 'json') return renderJson(summary, extra);
  if (options.format === 'markdown') return renderMarkdown(summary);
  return renderTable(summary);
}

function applyToConfig(summary: ProfileSummary, config: TierwiseConfig, root: string, io: CliIO): void {
  const file = config.file ?? join(root, 'tierwise.yml');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '';
  }
  const { text: next, diff } = applyDecisions(text, summary.decisions, relative(root, file) || 'tierwise.yml');
  if (!diff) {
    io.stderr('tierwise profile --apply: tierwise.yml already holds these decisions; nothing changed\n');
    return;
  }
  writeFileSync(file, next);
  io.stderr(`tierwise profile --apply: wrote ${summary.decisions.length} decision(s) to ${file}:\n${diff}`);
}

async function prepare(options: Options, io: CliIO): Promise<{ config: TierwiseConfig; credentials: Credentials; deps: PlanDeps & { dispose(): void }; plan: RunPlan; inputs: Awaited<ReturnType<typeof loadProfilingInputs>> }> {
  const config = await loadValidConfig(options.dir);
  const scan = await scanWorkspace(options.dir, config, io);
  const credentials = credentialsFromEnv(config, io.env);
  const deps = createPlanDeps(config);
  const inputs = await loadProfilingInputs(options.dir, config, scan, { tasks: options.tasks, grader: graderFactory(config, credentials, deps) });
  for (const note of inputs.notes) io.stderr(`note: ${note}\n`);
  if (inputs.tasks.length === 0) {
    throw new TierwiseError('samples-missing', `no samples found in ${join(relative(io.cwd, options.dir) || '.', config.profiling.samplesDir)}`, 'create tierwise/samples/<task>.jsonl with one {"id", "vars", "expected"} object per line (see `tierwise profile --help`)', { file: config.profiling.samplesDir });
  }
  let plan = planRun(inputs, deps, { tasks: options.tasks, tiers: options.tiers, batch: options.batch });
  const estimated = plan;
  plan = await refineWithCountTokens(plan, config, credentials).catch((error: unknown) => {
    io.stderr(`note: exact Anthropic token counts unavailable (${error instanceof Error ? error.message : String(error)}); the estimate uses tiktoken\n`);
    return estimated;
  });
  return { config, credentials, deps, plan, inputs };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const options = parseOptions(argv, io.cwd);
  const { config, credentials, deps, plan, inputs } = await prepare(options, io);
  try {
    if (options.dryRun) {
      io.stdout(options.format === 'json' ? `${JSON.stringify({ ...plan, requests: plan.requests.length }, null, 2)}\n` : renderPlan(plan, io.cwd));
      return 0;
    }
    io.stderr(renderPlan(plan, io.cwd));
    if (!(await confirmCost(plan, config, options, io))) return 1;
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let result: RunSummary;
    try {
      result = await runProfile(plan, inputs, { credentials, signal: controller.signal, onProgress: progressReporter(io), budgetUsd: options.budget, batch: options.batch });
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    if (io.isTTY) io.stderr('\n');
    io.stderr(runNote(result));
    const failure = runFailure(result);
    if (failure) io.stderr(`tierwise profile: ${failure}\n`);
    const priceOf = (model: string) => plan.models.find((m) => m.model === model)?.price ?? null;
    const skipped: number[] = [];
    const logged = readResultsLog(plan.resultsFile, (line) => skipped.push(line.line));
    if (skipped.length > 0) io.stderr(`note: ${skipped.length} line(s) of ${plan.resultsFile} are not valid results and were skipped (lines ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', ...' : ''})\n`);
    const { records, regraded } = await regradeStale(logged, inputs);
    if (regraded > 0) io.stderr(`tierwise profile: re-graded ${regraded} stored output(s) with the changed oracle (no requests sent)\n`);
    const summary = summarize(records, config, priceOf);
    io.stdout(render(summary, options, { resultsFile: plan.resultsFile, run: result }));
    if (options.apply) applyToConfig(summary, config, options.dir, io);
    else if (summary.decisions.length > 0 && options.format === 'table') io.stdout('Run with --apply to write these decisions to tierwise.yml.\n');
    return result.cancelled ? 130 : failure ? 1 : 0;
  } finally {
    deps.dispose();
  }
}

/** `tierwise profile`. */
export const command: CliCommand = {
  name: 'profile',
  summary: 'Run profiling batches: pass rates per tier, decisions, resumable results log',
  usage: USAGE,
  run,
};
