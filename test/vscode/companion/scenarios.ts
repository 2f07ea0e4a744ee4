/** The scenarios the companion runs; each records observations, the runner's test asserts on them. */
import * as vscode from 'vscode';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import { join } from 'node:path';
import { phase } from './companion';
import { inputsScenario } from './inputs';
import { multiRootScenario } from './multiRoot';
import { lenses, poll, sleep } from './observe';
import type { LensObservation } from './observe';

/** What the runner passes in TIERWISE_COMPANION. */
export interface CompanionConfig {
  scenario: 'editor' | 'profiling' | 'untrusted' | 'bench' | 'panel' | 'inputs' | 'multiRoot';
  outDir: string;
  /** Workspace-relative file to open. */
  file: string;
  /** Profiling: tasks and tiers to run, and the fake key to store. */
  profiling?: { tasks: string[]; tiers: number[]; key: string };
  /** Bench: write a CPU profile of the extension host from the cold open to the first lens to this file. */
  cpuProfile?: string;
  /** Bench: wait this long after activation before opening the first file (an editor that has settled). */
  settleMs?: number;
}

export type { LensObservation } from './observe';

/** Everything a scenario observed (free-form per scenario, asserted by the runner). */
export interface Observations {
  scenario: string;
  isTrusted: boolean;
  steps: string[];
  error?: string;
  [key: string]: unknown;
}


function tierwiseDiagnostics(uri: vscode.Uri): Array<{ code: string; line: number; character: number; message: string; severity: number }> {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'tierwise')
    .map((d) => ({ code: String(typeof d.code === 'object' ? d.code.value : d.code), line: d.range.start.line, character: d.range.start.character, message: d.message, severity: d.severity }));
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
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
  if (config.scenario === 'bench') return benchScenario(config, obs);
  if (config.scenario === 'panel') return panelScenario(config, obs);
  if (config.scenario === 'inputs') return inputsScenario(config, obs);
  if (config.scenario === 'multiRoot') return multiRootScenario(config, obs);
  return untrustedScenario(config, obs);
}

/** True once the extension host has required Tierwise's engine bundle (ts-morph + TypeScript). */
export function engineLoaded(): boolean {
  return Object.keys(require.cache).some((k) => /[\\/]tierwise\.tierwise-[^\\/]+[\\/]dist[\\/]engine\.js$/.test(k));
}

/** Waits for Tierwise to activate, then opens a JS/TS file that imports no LLM SDK: the engine must stay unloaded. */
async function lazyLoadCheck(obs: Observations): Promise<void> {
  const ext = vscode.extensions.getExtension('tierwise.tierwise');
  await poll('Tierwise activation', async () => ext?.isActive ?? false, (active) => active, 60_000);
  obs.engineLoadedAtActivation = engineLoaded();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return;
  const plain = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'src/db/messages.ts'));
  await vscode.window.showTextDocument(plain);
  await sleep(1500);
  obs.engineLoadedAfterPlainFile = engineLoaded();
}

async function editorScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  await lazyLoadCheck(obs);
  const opened = Date.now();
  const { uri, doc } = await openFile(config);
  const first = await poll('CodeLens above the call', () => lenses(uri), (l) => l.some((x) => x.title.includes(' tok')), 90_000);
  obs.msToFirstLens = Date.now() - opened;
  obs.engineLoadedAfterLlmFile = engineLoaded();
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
  // The editor asks for quick fixes with the diagnostics its marker service holds, which reach the
  // workbench (in the browser) shortly after `getDiagnostics` sees them in the extension host.
  const actions = await poll('quick fixes', () => quickFixes(uri, downgrade.range), (a) => a.some((x) => x.title.startsWith('Tierwise:')), 30_000);
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

  // The workspace is a git repository whose HEAD has the original model: compare the saved fix with it.
  await doc.save();
  obs.compare = await vscode.commands.executeCommand('tierwise.compareWithBranch', 'HEAD');
  obs.steps.push('compare');
  await phase(config.outDir, 'compare');
  await vscode.window.showTextDocument(doc);

  const before = await lenses(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), '// three lines added by the test\n\n\n');
  await vscode.workspace.applyEdit(edit);
  obs.lensesAfterEdit = await poll('lenses moved after the edit', () => lenses(uri), (l) => l.length > 0 && l[0].line === before[0].line + 3, 30_000);
  obs.dirtyAfterEdit = doc.isDirty;
  obs.steps.push('edited');
  await phase(config.outDir, 'edited');
  await configScenario(uri, obs);
}

/** Saving tierwise.yml refreshes every lens; a broken tierwise.yml shows its problems in the file itself. */
async function configScenario(uri: vscode.Uri, obs: Observations): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return;
  const configUri = vscode.Uri.joinPath(root, 'tierwise.yml');
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
  const before = (await lenses(uri))[0]?.title ?? '';
  await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(`${original}\ntraffic:\n  default: 60000/month\n`));
  obs.lensesAfterTraffic = await poll('lenses refreshed after tierwise.yml changed', () => lenses(uri), (l) => l.length > 0 && l[0].title !== before, 30_000);
  await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(`${original}\nrouting:\n  contextGuard: 7\n`));
  obs.configDiagnostics = await poll(
    'tierwise.yml diagnostics',
    async () => vscode.languages.getDiagnostics(configUri).filter((d) => d.source === 'tierwise').map((d) => ({ code: String(d.code), line: d.range.start.line, message: d.message, severity: d.severity })),
    (d) => d.length > 0,
    30_000,
  );
  obs.brokenConfigText = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
  obs.steps.push('config');

  // Quick fixes that record decisions: the `// tierwise:` annotation and the tierwise.yml entry.
  await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(original));
  await poll('tierwise.yml problems cleared', async () => vscode.languages.getDiagnostics(configUri).length, (n) => n === 0, 30_000);
  const id = (await lenses(uri))[0]?.args as { focusCallSiteId?: string } | undefined;
  obs.addedToConfig = await vscode.commands.executeCommand('tierwise.addCallSiteToConfig', id?.focusCallSiteId);
  obs.configAfterAdd = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
  const diagnostic = await poll('a diagnostic to annotate from', async () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tierwise'), (d) => d.length > 0, 30_000);
  const actions = await poll('annotation quick fix', () => quickFixes(uri, diagnostic[0].range), (a) => a.some((x) => x.title.includes('annotation')), 30_000);
  const annotate = actions.find((a) => a.title.includes('annotation'));
  if (annotate?.edit) await vscode.workspace.applyEdit(annotate.edit);
  const doc = await vscode.workspace.openTextDocument(uri);
  obs.annotatedText = doc.getText();
  obs.lensesAfterAnnotation = await poll('lens after annotation', () => lenses(uri), (l) => l.length > 0 && l[0].line === (obs.lensesAfterEdit as LensObservation[])[0].line + 1, 30_000);
  const callLine = (obs.lensesAfterAnnotation as LensObservation[])[0].line;
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(callLine, doc.lineAt(callLine).text.indexOf('.create')))) ?? [];
  obs.hoverAfterAnnotation = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).filter((t) => t.includes('Tierwise'));
  obs.steps.push('decisions');
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
  const created = await vscode.commands.executeCommand<string | undefined>('tierwise.openConfiguration');
  obs.createdConfig = created && existsSync(created) ? readFileSync(created, 'utf8') : null;
  obs.activeEditor = vscode.window.activeTextEditor?.document.uri.fsPath ?? null;
  obs.steps.push('config-created');
}

/** Starts the V8 profiler of this extension host; the returned function stops it and gives the profile. */
async function startCpuProfile(): Promise<() => Promise<unknown>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    return profile;
  };
}

/** Timings for bench/activation.bench.ts (no assertions: the bench prints and judges them). */
async function benchScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  const ext = vscode.extensions.getExtension('tierwise.tierwise');
  await poll('Tierwise activation', async () => ext?.isActive ?? false, (active) => active, 60_000);
  // A person usually opens the first file a few seconds after the window has loaded.
  if (config.settleMs) await sleep(config.settleMs);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace');
  const timeToLens = async (rel: string): Promise<{ lensMs: number; symbolsMs: number; openedAt: string }> => {
    const uri = vscode.Uri.joinPath(root, rel);
    const started = Date.now();
    const openedAt = new Date(started).toISOString();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Baseline in the same editor and moment: VS Code's own TypeScript features answering for the file.
    const symbols = poll('TypeScript document symbols', async () => (await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [], (s) => s.length > 0, 90_000).then(() => Date.now() - started);
    await poll(`lens in ${rel}`, () => lenses(uri), (l) => l.some((x) => x.title.includes(' tok')), 90_000);
    const lensMs = Date.now() - started;
    return { lensMs, symbolsMs: await symbols, openedAt };
  };
  // The companion runs in the extension host that Tierwise runs in: its inspector profiles both.
  const profiler = config.cpuProfile ? await startCpuProfile() : undefined;
  obs.cold = await timeToLens(config.file);
  if (profiler && config.cpuProfile) writeFileSync(config.cpuProfile, JSON.stringify(await profiler()));
  obs.warm = await timeToLens('src/tickets/extract.ts');
  const uri = vscode.Uri.joinPath(root, config.file);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const editMs: number[] = [];
  for (let i = 0; i < 8; i++) {
    const line = (await lenses(uri))[0].line;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), `// edit ${i}\n`);
    const started = Date.now();
    await vscode.workspace.applyEdit(edit);
    await poll('lens after edit', () => lenses(uri), (l) => l.length > 0 && l[0].line === line + 1, 30_000);
    editMs.push(Date.now() - started);
  }
  obs.editMs = editMs;
  obs.debounceMs = vscode.workspace.getConfiguration('tierwise').get<number>('analysis.debounceMs', 300);
  obs.steps.push('bench');
}

/** The active editor as the user sees it: file, selection (0-based) and the selected text. */
function activeEditorState(): { file: string | null; selection: { start: { line: number; character: number }; end: { line: number; character: number } } | null; selectedText: string } {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { file: null, selection: null, selectedText: '' };
  const s = editor.selection;
  return {
    file: vscode.workspace.asRelativePath(editor.document.uri, false),
    selection: { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } },
    selectedText: editor.document.getText(s),
  };
}

/**
 * The projection panel (test/vscode/panel.test.ts): opens the file and waits for its lens; the runner
 * opens the panel and clicks a row, then acknowledges `lenses`; this records where the editor went and
 * signals `revealed`, which the runner acknowledges once it has finished with the panel.
 */
async function panelScenario(config: CompanionConfig, obs: Observations): Promise<void> {
  const { uri } = await openFile(config);
  obs.lenses = await poll('CodeLens above the call', () => lenses(uri), (l) => l.some((x) => x.title.includes(' tok')), 90_000);
  obs.steps.push('lenses');
  await phase(config.outDir, 'lenses', 150_000);
  // The webview had focus (no active text editor) when the runner clicked the row: wait for the reveal,
  // then record whatever the editor shows (the runner's test asserts on it).
  obs.afterRowClick = await poll('an active editor after the row click', async () => activeEditorState(), (e) => e.file !== null && e.selection !== null && (e.selection.start.line > 0 || e.selectedText !== ''), 15_000).catch(() => activeEditorState());
  obs.steps.push('revealed');
  await phase(config.outDir, 'revealed', 150_000);
  obs.steps.push('done');
}
