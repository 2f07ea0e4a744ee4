import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { workspaceStatusText } from '../present/statusBar';

/**
 * Status bar item: the workspace's projected monthly cost now -> recommended, summed over the
 * workspace folders (the tooltip lists each folder). Hidden until the engine ran.
 */
export function registerStatusBar(ctx: TierwiseContext): void {
  const item = ctx.track(vscode.window.createStatusBarItem('tierwise.cost', vscode.StatusBarAlignment.Right, 100));
  item.name = 'Tierwise projected cost';
  item.command = 'tierwise.showProjection';
  ctx.track(
    ctx.store.onDidChange(() => {
      const folders = ctx.folders.map(({ root, name }) => {
        const state = ctx.store.stateOf(root);
        return { name, projection: state?.complete ? (state.projection ?? undefined) : undefined };
      });
      const { text, tooltip } = workspaceStatusText(folders, ctx.store.isAnalyzing());
      item.text = text;
      item.tooltip = tooltip;
      item.show();
    }),
  );
}
