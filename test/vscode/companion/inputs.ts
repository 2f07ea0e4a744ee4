/**
 * Companion side of test/vscode/inputs.test.ts. The runner does everything through the workbench as
 * a person would (palette, quick picks, the password box, the confirmation); this scenario only gets
 * the editor ready and records, between the runner's steps, what the extension host can see: the
 * effective configuration (the typed key must be in no setting) and the profiling results logs.
 */
import * as vscode from 'vscode';
import { phase } from './companion';
import { lenses, poll } from './observe';
import type { CompanionConfig, Observations } from './scenarios';

/** The inputs scenario's options (in TIERWISE_COMPANION next to the common ones). */
export interface InputsConfig extends CompanionConfig {
  inputs?: { key: string };
}

/** One profiling results log as the workspace holds it. */
export interface ResultsLogObservation {
  file: string;
  lines: number;
  text: string;
}


/** Every `tierwise/results/*.jsonl` in the workspace, read through the editor's file system. */
async function resultsLogs(): Promise<ResultsLogObservation[]> {
  const files = await vscode.workspace.findFiles('tierwise/results/*.jsonl');
  const logs: ResultsLogObservation[] = [];
  for (const uri of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    logs.push({ file: vscode.workspace.asRelativePath(uri, false), lines: text.split('\n').filter((l) => l.trim()).length, text: text.slice(0, 50_000) });
  }
  return logs.sort((a, b) => a.file.localeCompare(b.file));
}

/** The configuration sections whose effective value (any scope) contains `secret`. */
function settingsHolding(secret: string): string[] {
  const all = vscode.workspace.getConfiguration() as unknown as Record<string, unknown>;
  // JSON.stringify gives undefined for the object's methods (get, has, inspect, update).
  return Object.keys(all).filter((section) => (JSON.stringify(all[section]) ?? '').includes(secret));
}

/**
 * Phases: `ready` (lenses shown; the runner then sets the key by typing and runs a profiling batch
 * from the palette), `ran` (the runner then clears the key and sees profiling refuse).
 */
export async function inputsScenario(config: InputsConfig, obs: Observations): Promise<void> {
  const key = config.inputs?.key;
  if (!key) throw new Error('the inputs scenario needs `inputs.key` (the key the runner types)');
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder open');
  const ext = vscode.extensions.getExtension('tierwise.tierwise');
  await poll('Tierwise activation', async () => ext?.isActive ?? false, (active) => active, 60_000);
  obs.extensionPath = ext?.extensionPath ?? null;
  const uri = vscode.Uri.joinPath(root, config.file);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  obs.lenses = await poll('CodeLens above the call', async () => (await lenses(uri)).map((l) => l.title), (l) => l.some((t) => t.includes(' tok')), 90_000);
  obs.resultsBefore = await resultsLogs();
  obs.steps.push('ready');
  await phase(config.outDir, 'ready', 300_000);

  obs.settingsHoldingKey = settingsHolding(key);
  obs.resultsAfterRun = await resultsLogs();
  obs.steps.push('ran');
  await phase(config.outDir, 'ran', 300_000);

  obs.settingsHoldingKeyAfterClear = settingsHolding(key);
  obs.resultsAfterClear = await resultsLogs();
  obs.steps.push('cleared');
}
