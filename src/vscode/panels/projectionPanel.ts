/**
 * The cost projection panel (one panel; shown again if already open).
 *
 * How the extension uses it (composition root, e.g. src/extension.ts):
 *
 *   const projection = new ProjectionPanelHost(context, deps);
 *   context.subscriptions.push(projection, projection.registerSerializer());
 *   // "Tierwise: Show Cost Projection", a CodeLens click, profiling / compare commands:
 *   await projection.show({ focusCallSiteId, view: 'profiling' });
 *   // after a re-scan, a config change or new profiling results:
 *   projection.update(snapshot);   // a full ViewSnapshot (src/protocol/snapshot.ts buildViewSnapshot)
 *
 * `deps.loadSnapshot` builds a snapshot on demand (when the page loads or the user presses Refresh).
 * Messages from the webview pass the runtime guard (../../protocol/guards.ts) before any handler
 * runs; rejected messages are logged through `deps.log` and dropped.
 */
import * as vscode from 'vscode';
import type { TaskType } from '../../engine/model';
import { isTierwiseError } from '../../engine/errors';
import type { HostToWebview, ViewId, ViewSnapshot } from '../../protocol/messages';
import { createNonce, getPanelHtml } from './html';
import { routeWebviewMessage } from './router';
import type { PanelHandlers } from './router';

/** The panel's view type (also the serializer's key; declare `onWebviewPanel:tierwise.projection`). */
export const PROJECTION_VIEW_TYPE = 'tierwise.projection';

/** Where the panel should land when shown. */
export interface ShowOptions {
  focusCallSiteId?: string;
  view?: ViewId;
}

/** What the panel needs from the extension. */
export interface ProjectionPanelDeps {
  /** Builds the current snapshot; `refresh` asks for a re-scan first. */
  loadSnapshot(options: ShowOptions & { refresh: boolean }): Promise<ViewSnapshot>;
  /** Opens the editor at a call site. */
  revealCallSite(callSiteId: string): Promise<void>;
  /** Writes traffic assumptions to tierwise.yml; returns the confirmation shown in the panel. */
  saveTraffic(tasks: Partial<Record<TaskType, number>>, growthPerMonth: number): Promise<string>;
  /** Writes profiling's decision for a task to tierwise.yml; returns the confirmation. */
  applyProfilingDecision(task: TaskType): Promise<string>;
  /** Output channel logging. */
  log(line: string): void;
}

/** Owns the (single) cost projection panel. Dispose with the extension. */
export class ProjectionPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private revision = 0;
  private pending: ShowOptions = {};
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: ProjectionPanelDeps) {}

  /** Shows the panel (creating it, or revealing the open one) and focuses a call site or view. */
  async show(options: ShowOptions = {}): Promise<void> {
    if (this.panel) {
      if (!this.panel.visible) {
        // A hidden panel's page is discarded (no retainContextWhenHidden): revealing reloads it and
        // a snapshot posted now would reach the old page. The new page's `ready` sends the focus.
        this.pending = options;
        this.panel.reveal(undefined, false);
        return;
      }
      this.panel.reveal(undefined, false);
      await this.sendSnapshot({ ...options, refresh: false });
      return;
    }
    this.pending = options;
    const panel = vscode.window.createWebviewPanel(PROJECTION_VIEW_TYPE, 'Tierwise: Cost Projection', vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(panel);
  }

  /** Posts a new full snapshot if the panel is open (no-op otherwise). */
  update(snapshot: ViewSnapshot): void {
    void this.post({ type: 'snapshot', state: { ...snapshot, revision: ++this.revision } });
  }

  /** Registers the serializer that restores the panel after a window reload. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PROJECTION_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        panel.webview.options = this.webviewOptions();
        this.adopt(panel);
      },
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.context.extensionUri;
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    const webview = panel.webview;
    const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', file)).toString();
    webview.html = getPanelHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asUri('webview.js'), styleUri: asUri('webview.css') });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
      }),
    );
  }

  private handlers(): PanelHandlers {
    return {
      ready: () => this.sendSnapshot({ ...this.pending, refresh: false }),
      requestRefresh: async () => {
        await this.post({ type: 'notice', level: 'info', text: 'Re-scanning the workspace…' });
        await this.sendSnapshot({ refresh: true });
        await this.post({ type: 'notice', level: 'info', text: 'Up to date.' });
      },
      revealCallSite: (m) => this.deps.revealCallSite(m.callSiteId),
      saveTraffic: async (m) => this.notify(await this.deps.saveTraffic(m.tasks, m.growthPerMonth)),
      applyProfilingDecision: async (m) => this.notify(await this.deps.applyProfilingDecision(m.task)),
    };
  }

  private async onMessage(raw: unknown): Promise<void> {
    try {
      await routeWebviewMessage(raw, this.handlers(), this.deps.log);
    } catch (error) {
      const text = isTierwiseError(error) ? error.toUserString() : `Tierwise could not do that: ${error instanceof Error ? error.message : String(error)}`;
      this.deps.log(`[projection panel] ${text}`);
      await this.post({ type: 'notice', level: 'error', text });
    }
  }

  private async sendSnapshot(options: ShowOptions & { refresh: boolean }): Promise<void> {
    this.pending = {};
    const snapshot = await this.deps.loadSnapshot(options);
    await this.post({ type: 'snapshot', state: { ...snapshot, focusCallSiteId: options.focusCallSiteId ?? snapshot.focusCallSiteId, focusView: options.view ?? snapshot.focusView, revision: ++this.revision } });
  }

  private async notify(text: string): Promise<void> {
    await this.post({ type: 'notice', level: 'info', text });
  }

  private async post(message: HostToWebview): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }
}
