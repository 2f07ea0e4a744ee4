import * as vscode from 'vscode';
import type { DiffView, ProfilingSummaryView } from '../protocol/messages';
import type { WorkspaceState } from '../editorEngine/engineTypes';
import { buildSiteViews } from './present/siteView';
import type { SiteView } from './present/siteView';

/** The latest analysis of one root, joined into SiteViews (all, and per workspace-relative file). */
interface RootEntry {
  state: WorkspaceState;
  views: SiteView[];
  byFile: Map<string, SiteView[]>;
}

/**
 * The latest analysis of every workspace folder (root), joined into per-file SiteViews for the
 * features, with an event the features listen to. Each root is independent: its own scan,
 * tierwise.yml, projection, profiling summary and branch comparison. Owned by the TierwiseContext
 * (no module-level state).
 */
export class WorkspaceStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly analysisChanged = new vscode.EventEmitter<void>();
  /** Fires after every analysis of any root (full or incremental), when a root is dropped, and when a scan starts. */
  readonly onDidChange = this.changed.event;
  /**
   * Fires when what the lenses and diagnostics show may have changed (an analysis, a dropped root,
   * settings), not when a scan merely starts: each firing makes the editor ask for lenses again
   * after its debounce, and a firing at scan start would push the first file's lenses behind the scan.
   */
  readonly onDidChangeAnalysis = this.analysisChanged.event;
  private readonly entries = new Map<string, RootEntry>();
  private readonly analyzingRoots = new Set<string>();
  private readonly profilingByRoot = new Map<string, ProfilingSummaryView>();
  private readonly diffByRoot = new Map<string, DiffView>();

  /** Roots that have been analysed, in the order they were first analysed. */
  get roots(): string[] {
    return [...this.entries.keys()];
  }

  /** The latest analysis of a root. */
  stateOf(root: string): WorkspaceState | undefined {
    return this.entries.get(root)?.state;
  }

  /** Every site view of a root. */
  viewsOfRoot(root: string): SiteView[] {
    return this.entries.get(root)?.views ?? [];
  }

  /** Site views of one workspace-relative file of a root, in source order. */
  viewsOf(root: string, relativePath: string): SiteView[] {
    return this.entries.get(root)?.byFile.get(relativePath) ?? [];
  }

  /** A root's site view by call-site id (ids are relative to their root, so they may repeat across roots). */
  viewById(root: string, id: string): SiteView | undefined {
    return this.viewsOfRoot(root).find((v) => v.site.site.id === id);
  }

  /** True while a full scan of `root` runs (or of any root, without an argument): status bar spinner. */
  isAnalyzing(root?: string): boolean {
    return root === undefined ? this.analyzingRoots.size > 0 : this.analyzingRoots.has(root);
  }

  setAnalyzing(root: string, analyzing: boolean): void {
    if (analyzing) this.analyzingRoots.add(root);
    else this.analyzingRoots.delete(root);
  }

  /** The last profiling run's summary of a root, for the panel. */
  profilingOf(root: string): ProfilingSummaryView | undefined {
    return this.profilingByRoot.get(root);
  }

  setProfiling(root: string, summary: ProfilingSummaryView): void {
    this.profilingByRoot.set(root, summary);
  }

  /** The last branch comparison of a root, for the panel. */
  diffOf(root: string): DiffView | undefined {
    return this.diffByRoot.get(root);
  }

  setDiff(root: string, diff: DiffView): void {
    this.diffByRoot.set(root, diff);
  }

  /** Stores a root's new analysis (keyed by the editor's root path) and notifies the features. */
  update(root: string, state: WorkspaceState): void {
    const p = state.projection;
    const views = buildSiteViews(state.scan.callSites, p?.callSites ?? [], state.recommendations, p?.excluded ?? []);
    const byFile = new Map<string, SiteView[]>();
    for (const view of views) {
      const file = view.site.site.span.file;
      byFile.set(file, [...(byFile.get(file) ?? []), view]);
    }
    for (const list of byFile.values()) list.sort((a, b) => a.site.site.span.start.line - b.site.site.span.start.line);
    this.entries.set(root, { state, views, byFile });
    this.fireAll();
  }

  /** Forgets a root (its workspace folder was removed) and notifies the features. */
  drop(root: string): void {
    this.entries.delete(root);
    this.analyzingRoots.delete(root);
    this.profilingByRoot.delete(root);
    this.diffByRoot.delete(root);
    this.fireAll();
  }

  /** Fires the change events without new data (settings changed: features re-render). */
  refresh(): void {
    this.fireAll();
  }

  /** A scan started or ended (setAnalyzing): only the views showing progress re-render. */
  refreshStatus(): void {
    this.changed.fire();
  }

  private fireAll(): void {
    this.changed.fire();
    this.analysisChanged.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.analysisChanged.dispose();
  }
}
