import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { CONFIG_FILE_NAME } from '../config';
import { absoluteFromRoot } from '../convert';
import { isConfigFileOf } from '../present/folders';
import { pickFolder } from './pickFolder';
import type { CommandFactory } from './types';

/**
 * `Tierwise: Open Configuration`: opens a workspace folder's tierwise.yml, creating it from the scan
 * when missing. Arg (automation): the folder, else the active editor's folder, or the one picked.
 */
export const openConfiguration: CommandFactory = ({ ctx }) => async (folderArg?: unknown) => {
  try {
    const root = await pickFolder(ctx, folderArg, 'Tierwise: open the configuration of…');
    if (!root) return undefined;
    const file = absoluteFromRoot(root, CONFIG_FILE_NAME);
    const uri = vscode.Uri.file(file);
    if (!existsSync(file)) {
      const text = await ctx.engine.get().configTemplate(root);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      ctx.output.info(`created ${CONFIG_FILE_NAME} from the workspace scan`);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return file;
  } catch (error) {
    ctx.reportError('Open Configuration', error);
    return undefined;
  }
};

/**
 * Code action command: lists a call site under `traffic.callSites` in its folder's tierwise.yml
 * (args: call-site id, folder). An open tierwise.yml with unsaved changes is edited as it stands.
 */
export const addCallSiteToConfig: CommandFactory = ({ ctx }) => async (id?: unknown, folderArg?: unknown) => {
  if (typeof id !== 'string') return false;
  try {
    const root = await pickFolder(ctx, folderArg, 'Tierwise: add the call site to the tierwise.yml of…');
    if (!root) return false;
    const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.scheme === 'file' && isConfigFileOf(root, d.uri.fsPath));
    const buffer = dirty ? { file: dirty.uri.fsPath, text: dirty.getText() } : undefined;
    const { file, text } = await ctx.engine.get().addCallSiteToConfig(root, id, buffer);
    const uri = vscode.Uri.file(file);
    const edit = new vscode.WorkspaceEdit();
    if (existsSync(file)) {
      const doc = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    } else {
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    }
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) {
      const doc = await vscode.workspace.openTextDocument(uri);
      await doc.save();
      await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true });
    }
    return applied;
  } catch (error) {
    ctx.reportError('Add call site to tierwise.yml', error);
    return false;
  }
};
