import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { CONFIG_FILE_NAME } from '../config';
import { absoluteFromRoot } from '../convert';
import { requireRoot } from '../panel';
import type { CommandFactory } from './types';

/** `Tierwise: Open Configuration`: opens tierwise.yml, creating it from the scan when missing. */
export const openConfiguration: CommandFactory = ({ ctx }) => async () => {
  try {
    const root = requireRoot(ctx);
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

/** Code action command: lists a call site under `traffic.callSites` in tierwise.yml. */
export const addCallSiteToConfig: CommandFactory = ({ ctx }) => async (id?: unknown) => {
  if (typeof id !== 'string') return false;
  try {
    const root = requireRoot(ctx);
    const { file, text } = await ctx.engine.get().addCallSiteToConfig(root, id);
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
