import * as vscode from 'vscode';
import { ANALYSED_LANGUAGES, CONFIG_FILE_NAME, readSettings } from './config';
import { userMessage } from './context';
import type { TierwiseContext } from './context';
import { relativeToRoot } from './convert';
import type { WorkspaceState } from './engineTypes';
import { mayCallLlm } from './sdkImports';

/**
 * Decides when to analyse what: the first JS/TS document importing an LLM SDK loads the engine and
 * is analysed at once (lenses within a second), then the whole workspace is scanned in the
 * background; edits re-analyse the edited file from its unsaved text, debounced; saving
 * tierwise.yml refreshes everything. Engine calls run one at a time, in order.
 */
export class AnalysisController {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private scanned = false;

  constructor(private readonly ctx: TierwiseContext) {}

  /** Registers the document and file-system listeners and analyses the already open documents. */
  start(): void {
    const { ctx } = this;
    ctx.track(vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)));
    ctx.track(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e.document)));
    const watcher = ctx.track(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
    const refresh = (): void => void this.scanWorkspace('tierwise.yml changed');
    ctx.track(watcher.onDidChange(refresh));
    ctx.track(watcher.onDidCreate(refresh));
    ctx.track(watcher.onDidDelete(refresh));
    ctx.track({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  /** Full scan + projection of the workspace (command, config change, first SDK file). */
  scanWorkspace(reason: string, loud = false): Promise<WorkspaceState | undefined> {
    const root = this.ctx.root;
    if (!root) return Promise.resolve(undefined);
    this.scanned = true;
    return this.enqueue(`scan (${reason})`, async () => {
      this.ctx.store.analyzing = true;
      this.ctx.store.refresh();
      try {
        return await this.ctx.engine.get().analyzeWorkspace(root, readSettings().overrides);
      } finally {
        this.ctx.store.analyzing = false;
      }
    }, loud);
  }

  private onOpen(doc: vscode.TextDocument): void {
    const rel = this.relevantPath(doc);
    if (!rel) return;
    if (!this.ctx.engine.loaded && !mayCallLlm(doc.getText(), false)) return;
    void this.analyzeDocument(doc, rel).then(() => {
      if (!this.scanned) void this.scanWorkspace('first LLM file opened');
    });
  }

  private onChange(doc: vscode.TextDocument): void {
    const rel = this.relevantPath(doc);
    if (!rel) return;
    const known = this.ctx.store.viewsOf(rel).length > 0;
    if (!known && !mayCallLlm(doc.getText(), this.ctx.store.allViews.length > 0)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.analyzeDocument(doc, rel);
      }, readSettings().debounceMs),
    );
  }

  private analyzeDocument(doc: vscode.TextDocument, rel: string): Promise<WorkspaceState | undefined> {
    const root = this.ctx.root;
    if (!root) return Promise.resolve(undefined);
    const text = doc.getText();
    return this.enqueue(`analyse ${rel}`, () => this.ctx.engine.get().analyzeFile(root, rel, text, readSettings().overrides));
  }

  /** The workspace-relative path of an analysable document, or undefined. */
  private relevantPath(doc: vscode.TextDocument): string | undefined {
    const root = this.ctx.root;
    if (!root || doc.uri.scheme !== 'file' || !ANALYSED_LANGUAGES.includes(doc.languageId)) return undefined;
    const rel = relativeToRoot(root, doc.uri.fsPath);
    if (!rel || rel.startsWith('node_modules/') || rel.includes('/node_modules/')) return undefined;
    return rel;
  }

  /** Runs engine work after the previous one; failures are logged (and shown when `loud`: commands). */
  private enqueue(label: string, work: () => Promise<WorkspaceState>, loud = false): Promise<WorkspaceState | undefined> {
    const run = async (): Promise<WorkspaceState | undefined> => {
      const started = Date.now();
      try {
        const state = await work();
        this.ctx.store.update(state);
        this.ctx.output.info(`${label}: ${state.scan.callSites.length} call sites in ${Date.now() - started} ms`);
        return state;
      } catch (error) {
        if (loud) this.ctx.reportError(label, error);
        else this.ctx.output.error(`${label}: ${userMessage(error)}`);
        return undefined;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }
}
