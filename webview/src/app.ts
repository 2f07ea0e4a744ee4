/**
 * The app shell: header, tabs and the four views. Holds the latest host snapshot (data) and the UI
 * state (persisted through the host bridge); recomputes the what-if numbers on every change and
 * updates all views at once.
 */
import type { HostToWebview, ViewId, ViewSnapshot } from '../../src/protocol/messages';
import { VIEW_IDS } from '../../src/protocol/messages';
import { h, replaceChildren } from './dom';
import { formatCount } from './format';
import type { HostBridge } from './hostBridge';
import type { UiState } from './state';
import { computeWhatIf } from './whatIf';
import type { View, ViewActions } from './views/context';
import { DiffView } from './views/diff';
import { ProfilingView } from './views/profiling';
import { ProjectionView } from './views/projection';
import { WhatIfView } from './views/whatIf';

const TAB_LABELS: Record<ViewId, string> = { projection: 'Projection', whatIf: 'What-if', profiling: 'Profiling', diff: 'Diff' };

/** The webview application. */
export class App {
  private ui: UiState;
  private snapshot: ViewSnapshot | undefined;
  private lastRevision = -1;
  private readonly title = h('h1');
  private readonly meta = h('p', { class: 'muted meta' });
  private readonly status = h('p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite', 'data-control': 'status' } });
  private readonly tabs = h('vscode-tabs', { attrs: { panel: true } });
  private readonly projection: ProjectionView;
  private readonly views: Record<ViewId, View>;

  constructor(private readonly root: HTMLElement, private readonly host: HostBridge) {
    this.ui = host.loadState();
    const actions: ViewActions = { setUi: (update) => this.setUi(update), remember: (update) => this.remember(update), post: (message) => host.post(message) };
    this.projection = new ProjectionView(actions);
    this.views = { projection: this.projection, whatIf: new WhatIfView(actions), profiling: new ProfilingView(actions), diff: new DiffView(actions) };
    for (const id of VIEW_IDS) {
      this.tabs.append(h('vscode-tab-header', { text: TAB_LABELS[id], attrs: { slot: 'header', 'data-view': id } }));
      this.tabs.append(h('vscode-tab-panel', { attrs: { 'data-view': id } }, this.views[id].element));
    }
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      const view = VIEW_IDS[event.detail.selectedIndex];
      if (view && view !== this.ui.view) this.setUi((ui) => ({ ...ui, view }));
    });
  }

  /** Handles a message from the host. */
  receive(message: HostToWebview): void {
    if (message.type === 'notice') {
      this.status.textContent = message.text;
      this.status.classList.toggle('error', message.level === 'error');
      return;
    }
    const first = !this.snapshot;
    this.snapshot = message.state;
    if (message.state.revision !== this.lastRevision) this.applyFocus(message.state);
    this.lastRevision = message.state.revision;
    if (first) this.mount();
    this.render();
    if (message.state.focusCallSiteId && this.ui.selectedId === message.state.focusCallSiteId) this.projection.focusCallSite(message.state.focusCallSiteId);
  }

  private applyFocus(snapshot: ViewSnapshot): void {
    let ui = this.ui;
    if (snapshot.focusView) ui = { ...ui, view: snapshot.focusView };
    const focus = snapshot.focusCallSiteId;
    if (focus && snapshot.rows.some((r) => r.id === focus)) ui = { ...ui, view: 'projection', filter: '', task: 'all', selectedId: focus };
    this.ui = ui;
    this.host.saveState(ui);
  }

  private mount(): void {
    const refresh = h('vscode-button', { text: 'Refresh', attrs: { secondary: true, 'data-control': 'refresh' } });
    refresh.addEventListener('click', () => this.host.post({ type: 'requestRefresh' }));
    replaceChildren(this.root,
      h('header', { class: 'top' }, h('div', {}, this.title, this.meta), refresh),
      this.status, this.tabs);
    this.root.removeAttribute('aria-busy');
  }

  private setUi(update: (ui: UiState) => UiState): void {
    const next = update(this.ui);
    if (next === this.ui) return;
    this.ui = next;
    this.host.saveState(next);
    this.render();
  }

  private remember(update: (ui: UiState) => UiState): void {
    const next = update(this.ui);
    if (next === this.ui) return;
    this.ui = next;
    this.host.saveState(next);
  }

  private render(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const p = snapshot.projection;
    this.title.textContent = `Cost projection · ${snapshot.workspace}`;
    this.meta.textContent = `${formatCount(snapshot.rows.length)} call sites · prices as of ${p.catalogAsOf} · generated ${new Date(p.generatedAt).toLocaleString('en-US')} · ${snapshot.traffic.configFile ?? 'no tierwise.yml (defaults)'}`;
    const index = VIEW_IDS.indexOf(this.ui.view);
    if (this.tabs.selectedIndex !== index) this.tabs.selectedIndex = index;
    const whatIf = computeWhatIf(snapshot, this.ui.whatIf);
    const ctx = { snapshot, ui: this.ui, whatIf };
    for (const id of VIEW_IDS) this.views[id].update(ctx);
  }
}
