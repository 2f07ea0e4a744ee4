import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { usdCompact } from '../../format';
import { pickFolder } from './pickFolder';
import type { CommandFactory } from './types';

const run = promisify(execFile);

/**
 * `Tierwise: Compare Cost with Branch…`: cost diff of a workspace folder's working tree against a
 * git ref, shown in the panel. Args (automation): ref, folder (else the active editor's folder, or
 * the one the user picks).
 */
export const compareWithBranch: CommandFactory = ({ ctx, panel }) => async (refArg?: unknown, folderArg?: unknown) => {
  try {
    const root = await pickFolder(ctx, folderArg, 'Tierwise: compare the cost of which folder?');
    if (!root) return undefined;
    const ref = typeof refArg === 'string' ? refArg : await pickRef(root);
    if (!ref) return undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Tierwise: comparing cost with ${ref}` },
      () => ctx.engine.get().compareWithRef(root, ref),
    );
    ctx.store.setDiff(root, result.view);
    const t = result.view.totals;
    const sign = t.deltaUsd >= 0 ? '+' : '';
    ctx.output.info(`cost diff vs ${ref}: ${usdCompact(t.base)}/mo -> ${usdCompact(t.head)}/mo (${sign}${usdCompact(t.deltaUsd)})`);
    await panel.show(root, { view: 'diff' });
    return result.view.totals;
  } catch (error) {
    ctx.reportError('Compare Cost with Branch', error);
    return undefined;
  }
};

async function pickRef(root: string): Promise<string | undefined> {
  let refs: string[] = [];
  try {
    const { stdout } = await run('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags'], { cwd: root });
    refs = stdout.split('\n').filter((r) => r && !r.endsWith('/HEAD'));
  } catch {
    // Not a git repository or git missing: fall back to typing a ref.
  }
  if (refs.length === 0) return vscode.window.showInputBox({ title: 'Tierwise: compare with git ref', prompt: 'Branch, tag or commit', value: 'main' });
  return vscode.window.showQuickPick(refs, { title: 'Tierwise: compare projected cost with…', placeHolder: 'Branch or tag' });
}
