import * as vscode from 'vscode';
import type { TaskType, TierLevel } from '../../engine/model';
import { readSettings } from '../config';
import type { ProfilingChoices, ProfilingOutcomeView, ProfilingPlanView } from '../../editorEngine/engineTypes';
import { usdCompact } from '../../format';
import { readApiKeys } from './apiKeys';
import { pickFolder } from './pickFolder';
import type { CommandFactory } from './types';

/** Explanation shown when profiling is refused in an untrusted workspace. */
export const UNTRUSTED_MESSAGE =
  'Tierwise: profiling is disabled in Restricted Mode. A profiling batch sends prompts built from this workspace\'s code to model APIs and spends money; trust the workspace to enable it. Static analysis (lenses, hovers, diagnostics) keeps working.';

/** Optional arguments (keybindings, automation): skip the pickers. The dry-run confirmation always shows. */
interface ProfilingArgs {
  tasks?: TaskType[];
  tiers?: TierLevel[];
  /** The workspace folder to profile (path or name); default: the active editor's folder, else a pick. */
  folder?: unknown;
}

/**
 * `Tierwise: Run Profiling Batch`: pick tasks and tiers, confirm the dry-run estimate, run with a
 * cancellable progress notification showing spend so far, then open the results in the panel.
 * Returns the outcome (or `{ refused }`) so callers and tests can read what happened.
 */
export const runProfiling: CommandFactory = ({ ctx, panel }) => async (arg?: unknown) => {
  if (!vscode.workspace.isTrusted) {
    ctx.output.warn('profiling refused: the workspace is not trusted');
    void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, { modal: false });
    return { refused: 'untrusted' };
  }
  try {
    const args = (typeof arg === 'object' && arg !== null ? arg : {}) as ProfilingArgs;
    const root = await pickFolder(ctx, args.folder, 'Tierwise: profile which folder?');
    if (!root) return { refused: 'no-folder' };
    const engine = ctx.engine.get();
    const choices = await engine.profilingChoices(root);
    const selection = await pickSelection(choices, args);
    if (!selection) return { refused: 'no-selection' };
    const plan = await engine.planProfiling(root, selection, readSettings().overrides);
    ctx.output.info(`profiling plan: ${plan.view.requests} requests, estimated ${usdCompact(plan.view.estimatedCostUsd)}\n  ${plan.view.lines.join('\n  ')}`);
    const keys = await readApiKeys(ctx);
    const missing = plan.view.providers.filter((provider) => !keys[provider]);
    if (missing.length > 0) {
      refuseMissingKeys(ctx.output, missing);
      return { refused: 'missing-key', providers: missing };
    }
    if (!(await confirm(plan.view))) return { refused: 'not-confirmed' };
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Tierwise profiling', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await plan.run({
            keys,
            signal: abort.signal,
            onProgress: (p) => {
              const pct = p.total > 0 ? (100 * p.done) / p.total : 0;
              const backoff = p.backoffMs ? ` · backing off ${Math.round(p.backoffMs / 1000)}s` : '';
              progress.report({ increment: pct - reported, message: `${p.done}/${p.total} requests · ${usdCompact(p.spentUsd)} spent · ${p.errors} errors${backoff}` });
              reported = pct;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    report(ctx.output, outcome);
    if (outcome.summary) {
      ctx.store.setProfiling(root, outcome.summary);
      await panel.show(root, { view: 'profiling' });
    }
    const verb = outcome.cancelled ? 'cancelled' : 'finished';
    void vscode.window.showInformationMessage(
      `Tierwise profiling ${verb}: ${outcome.completed}/${outcome.total} requests, ${usdCompact(outcome.spentUsd)} spent. Results: ${outcome.resultsFile}`,
    );
    return outcome;
  } catch (error) {
    ctx.reportError('Run Profiling Batch', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

async function pickSelection(choices: ProfilingChoices, args: ProfilingArgs): Promise<{ tasks: TaskType[]; tiers: TierLevel[] } | undefined> {
  if (choices.tasks.length === 0) {
    void vscode.window.showWarningMessage('Tierwise: no profiling samples found. Add JSONL samples under tierwise/samples/<task>.jsonl (see `tierwise profile --help`).');
    return undefined;
  }
  const tasks =
    args.tasks ??
    (await vscode.window.showQuickPick(
      choices.tasks.map((t) => ({ label: t.task, description: `${t.samples} samples · ${t.callSites} call sites`, picked: true, task: t.task })),
      { title: 'Tierwise profiling: tasks', canPickMany: true },
    ))?.map((p) => p.task);
  if (!tasks?.length) return undefined;
  const tiers =
    args.tiers ??
    (await vscode.window.showQuickPick(
      choices.tiers.map((t) => ({ label: `tier ${t.level}`, description: t.name, picked: true, level: t.level })),
      { title: 'Tierwise profiling: tiers', canPickMany: true },
    ))?.map((p) => p.level);
  if (!tiers?.length) return undefined;
  return { tasks, tiers };
}

/**
 * Refuses before the cost confirmation when a provider the plan calls has no key in SecretStorage,
 * naming the provider and offering "Set API Key" for it. Nothing is sent.
 */
function refuseMissingKeys(output: vscode.LogOutputChannel, missing: string[]): void {
  const names = missing.join(' and ');
  output.warn(`profiling refused: no API key for ${names}`);
  const message = `Tierwise: no API key for ${names}. This profiling batch calls ${names} models; store ${missing.length > 1 ? 'the keys' : 'a key'} with "Tierwise: Set API Key" (kept in the editor's secret storage). Nothing was sent.`;
  void vscode.window.showWarningMessage(message, 'Set API Key').then((choice) => {
    if (choice) void vscode.commands.executeCommand('tierwise.setApiKey', missing[0]);
  });
}

async function confirm(plan: ProfilingPlanView): Promise<boolean> {
  const detail = [
    ...plan.lines,
    '',
    `Estimated cost ${usdCompact(plan.estimatedCostUsd)}, about ${Math.max(1, Math.round(plan.estimatedSeconds))} s. Results are appended to ${plan.resultsFile}; a cancelled run resumes where it stopped.`,
  ].join('\n');
  const choice = await vscode.window.showInformationMessage(
    `Run ${plan.requests} profiling requests (~${usdCompact(plan.estimatedCostUsd)})?`,
    { modal: true, detail },
    'Run',
  );
  return choice === 'Run';
}

function report(output: vscode.LogOutputChannel, outcome: ProfilingOutcomeView): void {
  output.info(`profiling ${outcome.cancelled ? 'cancelled' : 'done'}: ${outcome.completed}/${outcome.total} requests, ${usdCompact(outcome.spentUsd)} spent, log ${outcome.resultsFile}`);
  for (const task of outcome.summary?.tasks ?? []) {
    const tiers = task.tiers.map((t) => `tier ${t.tier} ${t.model}: ${Math.round(t.passRate * 100)}% (${t.passed}/${t.samples})`).join('; ');
    output.info(`  ${task.task}: ${tiers} -> ${task.decision.kind} tier ${task.decision.tier} (${task.decision.reason})`);
  }
}
