import * as vscode from 'vscode';
import { basename } from 'node:path';
import { buildViewSnapshot } from '../protocol/snapshot';
import type { ViewSnapshot } from '../protocol/messages';
import type { TierwiseContext } from './context';
import type { AnalysisController } from './analysisController';
import { absoluteFromRoot, spanToRange } from './convert';
import { ProjectionPanelHost } from './panels/projectionPanel';
import type { ShowOptions } from './panels/projectionPanel';

/**
 * Wires the webview panel (owned by src/vscode/panels/) to the workspace store: snapshots are
 * built from the latest analysis, pushed after every change, and the panel's intents go to the
 * engine (config writes) or the editor (reveal).
 */
export function createPanel(ctx: TierwiseContext, analysis: AnalysisController): ProjectionPanelHost {
  const snapshot = async (options: ShowOptions & { refresh: boolean }): Promise<ViewSnapshot> => {
    if (options.refresh || !ctx.store.state?.complete) await analysis.scanWorkspace('projection requested', true);
    const built = currentSnapshot(ctx, options);
    if (!built) throw new Error('No projection yet: the workspace has no analysable LLM call sites, or tierwise.yml has errors (see the Problems panel).');
    return built;
  };
  const host = new ProjectionPanelHost(ctx.extension, {
    loadSnapshot: snapshot,
    revealCallSite: (id) => revealCallSite(ctx, id),
    saveTraffic: (tasks, growth) => ctx.engine.get().saveTraffic(requireRoot(ctx), tasks, growth),
    applyProfilingDecision: (task) => ctx.engine.get().applyProfilingDecision(requireRoot(ctx), task),
    log: (line) => ctx.output.info(`[panel] ${line}`),
  });
  ctx.track(host);
  ctx.track(host.registerSerializer());
  ctx.track(
    ctx.store.onDidChange(() => {
      const built = currentSnapshot(ctx, {});
      if (built) host.update(built);
    }),
  );
  return host;
}

function currentSnapshot(ctx: TierwiseContext, options: ShowOptions): ViewSnapshot | undefined {
  const state = ctx.store.state;
  if (!state?.projection) return undefined;
  return buildViewSnapshot({
    revision: 0,
    workspace: basename(state.root),
    projection: state.projection,
    scan: state.scan,
    config: { traffic: state.traffic, file: state.configFile },
    profiling: ctx.store.profiling,
    diff: ctx.store.diff,
    focusCallSiteId: options.focusCallSiteId,
    focusView: options.view,
  });
}

/** Opens the editor at a call site (tree items, panel rows). */
export async function revealCallSite(ctx: TierwiseContext, id: string): Promise<void> {
  const root = ctx.root;
  const view = ctx.store.viewById(id);
  if (!root || !view) return;
  const span = view.site.site.span;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(absoluteFromRoot(root, span.file)));
  await vscode.window.showTextDocument(doc, { selection: spanToRange(span, (a, b, c, d) => new vscode.Range(a, b, c, d)) });
}

/** The workspace root, or a user error when no folder is open. */
export function requireRoot(ctx: TierwiseContext): string {
  const root = ctx.root;
  if (!root) throw new Error('Open a folder first: Tierwise analyses the workspace folder.');
  return root;
}
