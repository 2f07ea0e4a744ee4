/**
 * Companion side of test/vscode/multiRoot.test.ts: a `.code-workspace` with two folders, each with
 * its own tierwise.yml. Records the lenses of both folders, types (without saving) a new traffic
 * value, an invalid value and the fix into the second folder's tierwise.yml, reverts it, then
 * removes and re-adds the second folder. Phases let the runner read the status bar and the tree and
 * take screenshots at each state.
 */
import * as vscode from 'vscode';
import { phase } from './companion';
import { lenses, poll } from './observe';
import type { LensObservation } from './observe';
import type { CompanionConfig, Observations } from './scenarios';

/** The scenario's options (in TIERWISE_COMPANION next to the common ones). */
export interface MultiRootConfig extends CompanionConfig {
  multiRoot?: {
    /** Folder names (as the workspace shows them) of the two folders. */
    first: string;
    second: string;
    /** Folder-relative files: the call of the same shape in each folder, and the second folder's other call. */
    firstFile: string;
    secondFile: string;
    secondOtherFile: string;
  };
}

function diagnostics(uri: vscode.Uri): Array<{ code: string; line: number; message: string; severity: number }> {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'tierwise')
    .map((d) => ({ code: String(typeof d.code === 'object' ? d.code.value : d.code), line: d.range.start.line, message: d.message, severity: d.severity }));
}

function folderNamed(name: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!folder) throw new Error(`no workspace folder named ${name}: ${JSON.stringify(vscode.workspace.workspaceFolders?.map((f) => f.name))}`);
  return folder;
}

/** Selects the first occurrence of `find` in the active editor and types `text` over it (the editor's `type` command, as a keyboard does). */
async function typeOver(find: string, text: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('no active editor to type in');
  const offset = editor.document.getText().indexOf(find);
  if (offset < 0) throw new Error(`"${find}" is not in ${editor.document.uri.fsPath}`);
  editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + find.length));
  await vscode.commands.executeCommand('type', { text });
}

const hasCost = (l: LensObservation[]): boolean => l.some((x) => x.title.includes('/mo on '));
const titleOf = (l: LensObservation[]): string => l[0]?.title ?? '';

/** Runs the multi-root scenario. */
export async function multiRootScenario(config: MultiRootConfig, obs: Observations): Promise<void> {
  const o = config.multiRoot;
  if (!o) throw new Error('the multiRoot scenario needs `multiRoot` options');
  const ext = vscode.extensions.getExtension('tierwise.tierwise');
  await poll('Tierwise activation', () => ext?.isActive ?? false, (active) => active);
  const first = folderNamed(o.first);
  const second = folderNamed(o.second);
  obs.folders = vscode.workspace.workspaceFolders?.map((f) => ({ name: f.name, path: f.uri.fsPath })) ?? [];
  const firstUri = vscode.Uri.joinPath(first.uri, o.firstFile);
  const secondUri = vscode.Uri.joinPath(second.uri, o.secondFile);
  const otherUri = vscode.Uri.joinPath(second.uri, o.secondOtherFile);
  const configUri = vscode.Uri.joinPath(second.uri, 'tierwise.yml');
  const firstConfigUri = vscode.Uri.joinPath(first.uri, 'tierwise.yml');

  for (const uri of [firstUri, secondUri, otherUri]) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  obs.firstLenses = await poll('lenses in the first folder', () => lenses(firstUri), hasCost, 90_000);
  obs.secondLenses = await poll('lenses in the second folder', () => lenses(secondUri), hasCost, 90_000);
  obs.otherLenses = await poll('lenses of the second folder\'s other call', () => lenses(otherUri), hasCost, 90_000);
  obs.secondDiagnostics = await poll('diagnostics in the second folder', () => diagnostics(secondUri), (d) => d.length > 0, 30_000);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(secondUri));
  obs.steps.push('lenses');
  await phase(config.outDir, 'lenses', 150_000);

  // Commands act on the folder they are given (by name here), whatever the active editor is.
  obs.openedConfig = await vscode.commands.executeCommand<string | undefined>('tierwise.openConfiguration', o.second);
  obs.activeAfterOpen = vscode.window.activeTextEditor?.document.uri.fsPath ?? null;
  const configDoc = await vscode.workspace.openTextDocument(configUri);
  const before = configDoc.getText();

  // A valid value typed but not saved: the second folder's lenses follow it, the first folder's do not.
  await typeOver('90000/month', '120000/month');
  obs.secondLensesUnsaved = await poll('the second folder\'s lens after typing the traffic', () => lenses(secondUri), (l) => hasCost(l) && titleOf(l) !== titleOf(obs.secondLenses as LensObservation[]), 30_000);
  obs.firstLensesUnsaved = await lenses(firstUri);
  obs.dirtyAfterValid = configDoc.isDirty;
  obs.steps.push('unsaved-valid');
  await phase(config.outDir, 'unsaved-valid');

  // An invalid value typed but not saved: a diagnostic on its line, before any save.
  await typeOver('120000/month', 'lots');
  obs.invalidDiagnostics = await poll('a diagnostic in the unsaved tierwise.yml', () => diagnostics(configUri), (d) => d.length > 0, 30_000);
  obs.invalidText = configDoc.getText();
  obs.dirtyWhileInvalid = configDoc.isDirty;
  obs.firstConfigDiagnostics = diagnostics(firstConfigUri);
  obs.steps.push('invalid');
  await phase(config.outDir, 'invalid');

  // Fixing it (still unsaved) clears the diagnostic.
  await typeOver('lots', '120000/month');
  obs.diagnosticsAfterFix = await poll('the diagnostic cleared after the fix', () => diagnostics(configUri), (d) => d.length === 0, 30_000);
  obs.dirtyAfterFix = configDoc.isDirty;
  obs.secondLensesAfterFix = await lenses(secondUri);

  // Reverting goes back to the file on disk.
  await vscode.window.showTextDocument(configDoc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  obs.secondLensesAfterRevert = await poll('the lens back at the saved traffic', () => lenses(secondUri), (l) => titleOf(l) === titleOf(obs.secondLenses as LensObservation[]), 30_000);
  obs.revertedToDisk = configDoc.getText() === before && !configDoc.isDirty;
  obs.steps.push('reverted');

  // Removing the second folder drops its analysis; adding it back analyses it again.
  const removed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => (sub.dispose(), resolve()));
  });
  obs.removeAccepted = vscode.workspace.updateWorkspaceFolders(second.index, 1);
  await removed;
  obs.afterRemove = await poll(
    'the removed folder\'s lenses and diagnostics gone',
    async () => ({ lenses: (await lenses(secondUri)).length, diagnostics: diagnostics(secondUri).length, firstLenses: await lenses(firstUri) }),
    (r) => r.lenses === 0 && r.diagnostics === 0,
    30_000,
  );
  obs.steps.push('removed');
  await phase(config.outDir, 'removed');
  const added = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => (sub.dispose(), resolve()));
  });
  obs.addAccepted = vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 1, 0, { uri: second.uri, name: o.second });
  await added;
  obs.lensesAfterReAdd = await poll('lenses of the re-added folder', () => lenses(secondUri), hasCost, 60_000);
  obs.steps.push('re-added');
}
