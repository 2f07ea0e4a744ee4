import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { statusBarText } from '../present/statusBar';

/** Status bar item: the workspace's projected monthly cost now -> recommended. Hidden until the engine ran. */
export function registerStatusBar(ctx: TierwiseContext): void {
  const item = ctx.track(vscode.window.createStatusBarItem('tierwise.cost', vscode.StatusBarAlignment.Right, 100));
  item.name = 'Tierwise projected cost';
  item.command = 'tierwise.showProjection';
  ctx.track(
    ctx.store.onDidChange(() => {
      const state = ctx.store.state;
      const { text, tooltip } = statusBarText(state?.complete ? (state.projection ?? undefined) : undefined, ctx.store.analyzing);
      item.text = text;
      item.tooltip = tooltip;
      item.show();
    }),
  );
}
