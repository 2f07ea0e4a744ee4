/** The scenarios the companion runs; each records observations, the runner's test asserts on them. */
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { phase } from './companion';

/** What the runner passes in TIERWISE_COMPANION. */
export interface CompanionConfig {
  scenario: 'editor' | 'profiling' | 'untrusted';
  outDir: string;
  /** Workspace-relative file to open. */
  file: string;
  /** Profiling: tasks and tiers to run, and the fake key to store. */
  profiling?: { tasks: string[]; tiers: number[]; key: string };
}

/** Lens as observed through `vscode.executeCodeLensProvider`. */
export interface LensObservation {
  line: number;
  title: string;
  command?: string;
  args?: unknown;
}

/** Everything a scenario observed (free-form per scenario, asserted by the runner). */
export interface Observations {
  scenario: string;
  isTrusted: boolean;
  steps: string[];
  error?: string;
  [key: string]: unknown;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await sleep(150);
    last = await read();
  }
  return last;
}

async function lenses(uri: vscode.Uri): Promise<LensObservation[]> {
  const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return found
    .filter((l) => l.command?.command?.startsWith('tierwise.'))
    .map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '', command: l.command?.command, args: l.command?.arguments?.[0] }));
}

function tierwiseDiagnostics(uri: vscode.Uri): Array<{ code: string; line: number; character: number; message: string; severity: number }> {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'tierwise')
    .map((d) => ({ code: String(typeof d.code === 'object' ? d.code.value : d.code), line: d.range.start.line, character: d.range.start.character, message: d.message, severity: d.severity }));
}

async function openFile(config: CompanionConfig): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument }> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder open');
  const uri = vscode.Uri.joinPath(root, config.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return { uri, doc };
}

/** Runs the configured scenario. */
export async function runScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  if (config.scenario === 'editor') return editorScenario(config, obs);
  if (config.scenario === 'profiling') return profilingScenario(config, obs);
  return untrustedScenario(config, obs);
}

async function editorScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  const opened = Date.now();
  const { uri, doc } = await openFile(config);
  const first = await poll('CodeLens above the call', () => lenses(uri), (l) => l.some((x) => x.title.includes(' tok')), 90_000);
  obs.msToFirstLens = Date.now() - opened;
  obs.lenses = first;
  obs.steps.push('lenses');
  obs.diagnostics = await poll('Tierwise diagnostics', async () => tierwiseDiagnostics(uri), (d) => d.length > 0, 30_000);
  await phase(config.outDir, 'lenses');

  const callLine = first[0].line;
  const callText = doc.lineAt(callLine).text;
  const hoverAt = new vscode.Position(callLine, callText.search(/\S/) + Math.max(0, callText.indexOf('.create') - callText.search(/\S/)));
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, hoverAt)) ?? [];
  obs.hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).filter((t) => t.includes('Tierwise'));
  obs.steps.push('hover');

  const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tierwise');
  const downgrade = diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'downgrade-opportunity') ?? diagnostics[0];
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, downgrade.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  obs.codeActions = actions.map((a) => a.title);
  const useModel = actions.find((a) => a.title.startsWith('Tierwise: use '));
  if (useModel?.edit) {
    obs.textBeforeFix = doc.getText();
    obs.fixApplied = await vscode.workspace.applyEdit(useModel.edit);
    obs.textAfterFix = doc.getText();
    obs.lensesAfterFix = await poll('lenses re-analysed after the fix', () => lenses(uri), (l) => l.length > 0 && JSON.stringify(l) !== JSON.stringify(first), 30_000);
  }
  obs.steps.push('quickfix');
  await phase(config.outDir, 'quickfix');

  const before = await lenses(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), '// three lines added by the test\n\n\n');
  await vscode.workspace.applyEdit(edit);
  obs.lensesAfterEdit = await poll('lenses moved after the edit', () => lenses(uri), (l) => l.length > 0 && l[0].line === before[0].line + 3, 30_000);
  obs.dirtyAfterEdit = doc.isDirty;
  obs.steps.push('edited');
  await phase(config.outDir, 'edited');
}

async function profilingScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  const { uri } = await openFile(config);
  obs.lenses = await poll('CodeLens', () => lenses(uri), (l) => l.length > 0, 90_000);
  const p = config.profiling;
  if (!p) throw new Error('profiling scenario needs `profiling` options');
  obs.keyStored = await vscode.commands.executeCommand('tierwise.setApiKey', 'anthropic', p.key);
  const running = vscode.commands.executeCommand<Record<string, unknown>>('tierwise.runProfiling', { tasks: p.tasks, tiers: p.tiers });
  obs.steps.push('profiling-started');
  await phase(config.outDir, 'profiling-started', 180_000);
  const outcome = (await running) ?? {};
  obs.outcome = outcome;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const resultsFile = typeof outcome.resultsFile === 'string' ? outcome.resultsFile : '';
  const abs = resultsFile.startsWith('/') ? resultsFile : join(root, resultsFile);
  obs.resultsFileExists = resultsFile !== '' && existsSync(abs);
  obs.resultsLines = obs.resultsFileExists ? readFileSync(abs, 'utf8').split('\n').filter((l) => l.trim()).length : 0;
  obs.resultsText = obs.resultsFileExists ? readFileSync(abs, 'utf8').slice(0, 20_000) : '';
  obs.steps.push('profiling-finished');
  await phase(config.outDir, 'profiling-finished');
}

async function untrustedScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  const { uri } = await openFile(config);
  obs.lenses = await poll('CodeLens in restricted mode', () => lenses(uri), (l) => l.some((x) => x.title.includes(' tok')), 90_000);
  obs.steps.push('lenses');
  obs.outcome = await vscode.commands.executeCommand('tierwise.runProfiling', { tasks: ['classification'], tiers: [1] });
  obs.steps.push('refused');
  await phase(config.outDir, 'refused');
}
