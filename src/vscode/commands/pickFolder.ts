import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { resolveFolderArg } from '../present/folders';

/**
 * The workspace folder (root) a command acts on: the `folder` argument when given (a folder path,
 * name, `Uri` or `WorkspaceFolder`: automation, tests, lens and quick-fix arguments), else the
 * folder of the active editor, else the only folder, else the one the user picks. Undefined when
 * the pick was cancelled; throws a user-facing error when no folder is open or the argument names
 * none of the workspace's folders.
 */
export async function pickFolder(ctx: TierwiseContext, arg: unknown, title: string): Promise<string | undefined> {
  const folders = ctx.folders;
  if (folders.length === 0) throw new Error('Open a folder first: Tierwise analyses the folders of the workspace.');
  const resolved = resolveFolderArg(arg, folders);
  if (resolved.kind === 'folder') return resolved.folder.root;
  if (resolved.kind === 'unknown') throw new Error(resolved.message);
  const active = vscode.window.activeTextEditor;
  const fromEditor = active ? ctx.rootOf(active.document.uri) : undefined;
  if (fromEditor) return fromEditor;
  if (folders.length === 1) return folders[0].root;
  const picked = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: f.name, description: f.root, root: f.root })),
    { title, placeHolder: 'Workspace folder' },
  );
  return picked?.root;
}
