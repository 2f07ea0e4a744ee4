import * as vscode from 'vscode';
import type { DiffView, ProfilingSummaryView } from '../protocol/messages';
import type { WorkspaceState } from './engineTypes';
import { buildSiteViews } from './present/siteView';
import type { SiteView } from './present/siteView';

/**
 * The latest analysis of the workspace, joined into per-file SiteViews for the features, with an
 * event the features listen to. Owned by the TierwiseContext (no module-level state).
 */
export class WorkspaceStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every analysis (full or incremental). */
  readonly onDidChange = this.changed.event;
  private current: WorkspaceState | undefined;
  private views: SiteView[] = [];
  private byFile = new Map<string, SiteView[]>();
  /** True while a full workspace scan is running (status bar spinner). */
  analyzing = false;
  /** The last profiling run's summary and the last branch comparison, for the panel. */
  profiling: ProfilingSummaryView | undefined;
  diff: DiffView | undefined;

  get state(): WorkspaceState | undefined {
    return this.current;
  }

  get allViews(): SiteView[] {
    return this.views;
  }

  /** Site views of one workspace-relative file, in source order. */
  viewsOf(relativePath: string): SiteView[] {
    return this.byFile.get(relativePath) ?? [];
  }

  viewById(id: string): SiteView | undefined {
    return this.views.find((v) => v.site.site.id === id);
  }

  update(state: WorkspaceState): void {
    this.current = state;
    const p = state.projection;
    this.views = buildSiteViews(state.scan.callSites, p?.callSites ?? [], state.recommendations, p?.excluded ?? []);
    const byFile = new Map<string, SiteView[]>();
    for (const view of this.views) {
      const file = view.site.site.span.file;
      byFile.set(file, [...(byFile.get(file) ?? []), view]);
    }
    for (const list of byFile.values()) list.sort((a, b) => a.site.site.span.start.line - b.site.site.span.start.line);
    this.byFile = byFile;
    this.changed.fire();
  }

  /** Fires the change event without new data (settings changed: features re-render). */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
