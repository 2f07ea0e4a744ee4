import * as vscode from 'vscode';
import { buildViewSnapshot } from '../protocol/snapshot';
import type { ViewSnapshot } from '../protocol/messages';
import type { TierwiseContext } from './context';
import type { AnalysisController } from './analysisController';
import { absoluteFromRoot, spanToRange } from './convert';
import { ProjectionPanelHost } from './panels/projectionPanel';
import type { ShowOptions } from './panels/projectionPanel';

/** The projection panel as commands use it: it shows one workspace folder's projection at a time. */
export interface ProjectionPanel {
  /** Shows `root`'s projection (switching the panel to that folder) and focuses a call site or view. */
  show(root: string, options?: ShowOptions): Promise<void>;
}

/**
 * Wires the webview panel (owned by src/vscode/panels/) to the workspace store: snapshots are
 * built from the latest analysis of the folder the panel shows, pushed after every change, and the
 * panel's intents go to the engine (config writes, for that folder) or the editor (reveal).
 */
export function createPanel(ctx: TierwiseContext, analysis: AnalysisController): ProjectionPanel {
  /** The folder the panel shows (the last one asked for); local to this wiring, not module state. */
  let shown: string | undefined;
  /** The shown folder, or the first folder when none was asked for or the shown one was removed. */
  const currentRoot = (): string | undefined => {
    const folders = ctx.folders;
    return folders.find((f) => f.root === shown)?.root ?? folders[0]?.root;
  };
  const shownRoot = (): string => {
    const root = currentRoot();
    if (!root) throw new Error('Open a folder first: Tierwise analyses the folders of the workspace.');
    return root;
  };
  const snapshot = async (options: ShowOptions & { refresh: boolean }): Promise<ViewSnapshot> => {
    const root = shownRoot();
    if (options.refresh || !ctx.store.stateOf(root)?.complete) await analysis.scanFolder(root, 'projection requested', true);
    const built = currentSnapshot(ctx, root, options);
    if (!built) throw new Error(`No projection yet: ${ctx.folderName(root)} has no analysable LLM call sites, or its tierwise.yml has errors (see the Problems panel).`);
    return built;
  };
  const host = new ProjectionPanelHost(ctx.extension, {
    loadSnapshot: snapshot,
    revealCallSite: (id) => revealCallSite(ctx, shownRoot(), id),
    saveTraffic: (tasks, growth) => ctx.engine.get().saveTraffic(shownRoot(), tasks, growth),
    applyProfilingDecision: (task) => ctx.engine.get().applyProfilingDecision(shownRoot(), task),
    log: (line) => ctx.output.info(`[panel] ${line}`),
  });
  ctx.track(host);
  ctx.track(host.registerSerializer());
  ctx.track(
    ctx.store.onDidChange(() => {
      const root = currentRoot();
      const built = root ? currentSnapshot(ctx, root, {}) : undefined;
      if (built) host.update(built);
    }),
  );
  return {
    show(root, options = {}) {
      shown = root;
      return host.show(options);
    },
  };
}

function currentSnapshot(ctx: TierwiseContext, root: string, options: ShowOptions): ViewSnapshot | undefined {
  const state = ctx.store.stateOf(root);
  if (!state?.projection) return undefined;
  return buildViewSnapshot({
    revision: 0,
    workspace: ctx.folderName(root),
    projection: state.projection,
    scan: state.scan,
    config: { traffic: state.traffic, file: state.configFile },
    profiling: ctx.store.profilingOf(root),
    diff: ctx.store.diffOf(root),
    focusCallSiteId: options.focusCallSiteId,
    focusView: options.view,
  });
}

/** Opens the editor at a call site of a folder (panel rows). */
export async function revealCallSite(ctx: TierwiseContext, root: string, id: string): Promise<void> {
  const view = ctx.store.viewById(root, id);
  if (!view) return;
  const span = view.site.site.span;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(absoluteFromRoot(root, span.file)));
  await vscode.window.showTextDocument(doc, { selection: spanToRange(span, (a, b, c, d) => new vscode.Range(a, b, c, d)) });
}
