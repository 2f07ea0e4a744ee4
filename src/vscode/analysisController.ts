import * as vscode from 'vscode';
import { ANALYSED_LANGUAGES, readSettings } from './config';
import { userMessage } from './context';
import type { TierwiseContext } from './context';
import { relativeToRoot } from './convert';
import type { ConfigBuffer, WorkspaceState } from '../editorEngine/engineTypes';
import { CONFIG_FILE_NAMES, isConfigFileOf } from './present/folders';
import { mayCallLlm } from './sdkImports';

/** Debounce-timer key prefix of a folder's configuration refresh (code documents use their URI). */
const CONFIG_KEY = 'tierwise-config:';
/** Timer key prefix of a folder's first background scan. */
const SCAN_KEY = 'tierwise-scan:';
/** Delay between the first file's analysis and its folder's background scan (see scanSoon). */
const FIRST_SCAN_DELAY_MS = 600;

/** An analysable document: its workspace folder's root and its path relative to that root. */
interface CodeTarget {
  root: string;
  rel: string;
}

/**
 * Decides when to analyse what, per workspace folder (each folder is its own root with its own
 * tierwise.yml): the first JS/TS document importing an LLM SDK loads the engine and is analysed at
 * once (lenses within a second), then its folder and the other folders are scanned in the
 * background; edits re-analyse the edited file from its unsaved text, debounced; typing in a
 * folder's tierwise.yml re-analyses that folder with the unsaved text (debounced), and saving,
 * reverting or closing it goes back to the file on disk. Adding a folder scans it (once the engine
 * is loaded); removing one drops its state. Engine calls run one at a time, in order.
 */
export class AnalysisController {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Roots whose full scan has been requested at least once. */
  private readonly scanned = new Set<string>();
  /** Full scans queued but not started yet, per root: a later quiet request joins the queued one. */
  private readonly pendingScans = new Map<string, Promise<WorkspaceState | undefined>>();
  /** Roots whose latest analysis used an unsaved tierwise.yml buffer. */
  private readonly buffered = new Set<string>();

  constructor(private readonly ctx: TierwiseContext) {}

  /** Registers the document, folder and file-system listeners and analyses the already open documents. */
  start(): void {
    const { ctx } = this;
    ctx.track(vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)));
    ctx.track(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e.document)));
    ctx.track(vscode.workspace.onDidSaveTextDocument((doc) => this.onConfigFileEvent(doc.uri, 'tierwise.yml saved')));
    ctx.track(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const root = this.configRootOf(doc.uri);
        // Closed without saving: the analysis used its unsaved text, the file on disk applies again.
        if (root && this.buffered.has(root)) this.scheduleConfigRefresh(root, 'tierwise.yml closed');
      }),
    );
    ctx.track(vscode.workspace.onDidChangeWorkspaceFolders((e) => this.onFoldersChanged(e)));
    const watcher = ctx.track(vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`));
    const refresh = (uri: vscode.Uri): void => this.onConfigFileEvent(uri, 'tierwise.yml changed');
    ctx.track(watcher.onDidChange(refresh));
    ctx.track(watcher.onDidCreate(refresh));
    ctx.track(watcher.onDidDelete(refresh));
    ctx.track({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  /** Full scan + projection of every workspace folder (command, settings change). */
  async scanAll(reason: string, loud = false): Promise<WorkspaceState[]> {
    const states = await Promise.all(this.ctx.folders.map((f) => this.scanFolder(f.root, reason, loud)));
    return states.filter((s): s is WorkspaceState => s !== undefined);
  }

  /** Full scan + projection of one workspace folder (first SDK file, tierwise.yml change, panel refresh). */
  scanFolder(root: string, reason: string, loud = false): Promise<WorkspaceState | undefined> {
    const pending = this.pendingScans.get(root);
    if (pending && !loud) return pending;
    this.scanned.add(root);
    const scan = this.enqueue(root, `scan ${this.ctx.folderName(root)} (${reason})`, async () => {
      if (this.pendingScans.get(root) === scan) this.pendingScans.delete(root);
      this.ctx.store.setAnalyzing(root, true);
      this.ctx.store.refreshStatus();
      try {
        return await this.ctx.engine.get().analyzeWorkspace(root, readSettings().overrides, { configBuffers: this.configBuffers(root) });
      } finally {
        this.ctx.store.setAnalyzing(root, false);
      }
    }, loud);
    this.pendingScans.set(root, scan);
    return scan;
  }

  private onOpen(doc: vscode.TextDocument): void {
    const target = this.codeTarget(doc);
    if (!target) return;
    if (!this.ctx.engine.loaded && !mayCallLlm(doc.getText(), false)) return;
    void this.analyzeDocument(doc, target).then(() => this.scanSoon(target.root, 'first LLM file opened'));
  }

  private onChange(doc: vscode.TextDocument): void {
    const configRoot = this.configRootOf(doc.uri);
    if (configRoot) {
      this.scheduleConfigRefresh(configRoot, 'tierwise.yml edited');
      return;
    }
    const target = this.codeTarget(doc);
    if (!target) return;
    const { store } = this.ctx;
    const known = store.viewsOf(target.root, target.rel).length > 0;
    if (!known && !mayCallLlm(doc.getText(), store.viewsOfRoot(target.root).length > 0)) return;
    this.debounce(doc.uri.toString(), () => void this.analyzeDocument(doc, target).then(() => this.scanSoon(target.root, 'first LLM file edited')));
  }

  /** A folder's tierwise.yml was saved, changed on disk, created or deleted. */
  private onConfigFileEvent(uri: vscode.Uri, reason: string): void {
    const root = this.configRootOf(uri);
    if (root) this.scheduleConfigRefresh(root, reason);
  }

  /**
   * Re-analyses a folder after its configuration changed (typed, saved, reverted, closed, changed on
   * disk), debounced per folder like code edits: a save and the file watcher's event make one scan.
   */
  private scheduleConfigRefresh(root: string, reason: string): void {
    this.debounce(`${CONFIG_KEY}${root}`, () => void this.scanFolder(root, reason).then(() => this.scanUnscanned(root, reason)));
  }

  private onFoldersChanged(e: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of e.removed) {
      const root = folder.uri.fsPath;
      for (const [key, timer] of this.timers) {
        const prefix = [CONFIG_KEY, SCAN_KEY].find((p) => key.startsWith(p));
        const path = prefix ? key.slice(prefix.length) : vscode.Uri.parse(key).fsPath;
        if (path === root || relativeToRoot(root, path) !== undefined) {
          clearTimeout(timer);
          this.timers.delete(key);
        }
      }
      this.scanned.delete(root);
      this.buffered.delete(root);
      this.pendingScans.delete(root);
      if (this.ctx.engine.loaded) this.ctx.engine.get().forgetRoot(root);
      this.ctx.store.drop(root);
      this.ctx.output.info(`folder removed: ${folder.name} (its analysis was dropped)`);
    }
    for (const folder of e.added) {
      if (folder.uri.scheme !== 'file') continue;
      this.ctx.output.info(`folder added: ${folder.name}`);
      if (this.ctx.engine.loaded) void this.scanFolder(folder.uri.fsPath, 'folder added');
      for (const doc of vscode.workspace.textDocuments) {
        if (this.ctx.rootOf(doc.uri) === folder.uri.fsPath) this.onOpen(doc);
      }
    }
  }

  /** After the engine analysed a file: scans its folder, then every other folder not scanned yet. */
  private scanUnscanned(first: string, reason: string): void {
    const roots = [first, ...this.ctx.folders.map((f) => f.root).filter((r) => r !== first)];
    for (const root of roots) {
      if (!this.scanned.has(root)) void this.scanFolder(root, root === first ? reason : 'engine loaded: scanning the other folders');
    }
  }

  private analyzeDocument(doc: vscode.TextDocument, target: CodeTarget): Promise<WorkspaceState | undefined> {
    const text = doc.getText();
    return this.enqueue(target.root, `analyse ${target.rel}`, () =>
      this.ctx.engine.get().analyzeFile(target.root, target.rel, text, readSettings().overrides, { configBuffers: this.configBuffers(target.root) }),
    );
  }

  /** The unsaved configuration buffers of a root (read when the engine call starts, so never stale). */
  private configBuffers(root: string): ConfigBuffer[] {
    const buffers = vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'file' && d.isDirty && isConfigFileOf(root, d.uri.fsPath))
      .map((d) => ({ file: d.uri.fsPath, text: d.getText() }));
    if (buffers.length > 0) this.buffered.add(root);
    else this.buffered.delete(root);
    return buffers;
  }

  /** The root of the folder whose tierwise.yml (or .yaml) `uri` is, or undefined. */
  private configRootOf(uri: vscode.Uri): string | undefined {
    const root = this.ctx.rootOf(uri);
    return root && isConfigFileOf(root, uri.fsPath) ? root : undefined;
  }

  /** The folder and folder-relative path of an analysable document, or undefined. */
  private codeTarget(doc: vscode.TextDocument): CodeTarget | undefined {
    if (!ANALYSED_LANGUAGES.includes(doc.languageId)) return undefined;
    const root = this.ctx.rootOf(doc.uri);
    const rel = root ? relativeToRoot(root, doc.uri.fsPath) : undefined;
    if (!root || !rel || rel.startsWith('node_modules/') || rel.includes('/node_modules/')) return undefined;
    return { root, rel };
  }

  private debounce(key: string, run: () => void, delayMs = readSettings().debounceMs): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, delayMs),
    );
  }

  /**
   * Starts the background scan of a folder a moment after its first file was analysed: the scan
   * holds the extension host for a few hundred milliseconds, and the editor must first ask for the
   * new lenses and diagnostics of the file the user just opened.
   */
  private scanSoon(root: string, reason: string): void {
    if (this.scanned.has(root)) return;
    this.debounce(`${SCAN_KEY}${root}`, () => void this.scanUnscanned(root, reason), FIRST_SCAN_DELAY_MS);
  }

  /**
   * Runs engine work after the previous one and stores the root's new state (unless its folder was
   * removed meanwhile); failures are logged (and shown when `loud`: commands).
   */
  private enqueue(root: string, label: string, work: () => Promise<WorkspaceState>, loud = false): Promise<WorkspaceState | undefined> {
    const run = async (): Promise<WorkspaceState | undefined> => {
      const started = Date.now();
      try {
        const state = await work();
        if (!this.ctx.folders.some((f) => f.root === root)) return undefined;
        this.ctx.store.update(root, state);
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
