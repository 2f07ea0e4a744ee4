import * as vscode from 'vscode';
import type { CommandFactory } from './types';

/**
 * `Tierwise: Scan Workspace`: full re-scan of every workspace folder with a progress indicator;
 * returns the number of call sites over all folders.
 */
export const scanWorkspace: CommandFactory = ({ analysis }) => async () => {
  const states = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Tierwise: scanning workspace' },
    () => analysis.scanAll('command', true),
  );
  if (states.length === 0) return undefined;
  const n = states.reduce((sum, s) => sum + s.scan.callSites.length, 0);
  const files = states.reduce((sum, s) => sum + s.scan.filesWithSdkImports, 0);
  const where = states.length > 1 ? ` (${states.length} folders)` : '';
  vscode.window.setStatusBarMessage(`Tierwise: ${n} LLM call site${n === 1 ? '' : 's'} in ${files} files${where}`, 5000);
  return n;
};
