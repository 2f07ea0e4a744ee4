import * as vscode from 'vscode';
import type { CommandFactory } from './types';

/** `Tierwise: Scan Workspace`: full re-scan with a progress notification; returns the number of call sites. */
export const scanWorkspace: CommandFactory = ({ analysis }) => async () => {
  const state = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Tierwise: scanning workspace' },
    () => analysis.scanWorkspace('command', true),
  );
  if (state) {
    const n = state.scan.callSites.length;
    vscode.window.setStatusBarMessage(`Tierwise: ${n} LLM call site${n === 1 ? '' : 's'} in ${state.scan.filesWithSdkImports} files`, 5000);
  }
  return state?.scan.callSites.length;
};
