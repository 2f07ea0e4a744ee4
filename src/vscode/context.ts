import * as vscode from 'vscode';
import { basename, join } from 'node:path';
import { EngineHost } from './engineHost';
import type { FolderRef } from './present/folders';
import { WorkspaceStore } from './state';

/**
 * The one object owning every disposable of the extension (rust-analyzer's "ctx"): the output
 * channel, the engine host, the workspace store and every registration made by features and
 * commands. `dispose()` tears all of it down in reverse order.
 */
export class TierwiseContext implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly output: vscode.LogOutputChannel;
  readonly store: WorkspaceStore;
  readonly engine: EngineHost;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = this.track(vscode.window.createOutputChannel('Tierwise', { log: true }));
    this.store = this.track(new WorkspaceStore());
    this.engine = new EngineHost(join(extension.extensionPath, 'dist'), (line) => this.output.info(line), extension.globalStorageUri.fsPath);
    this.track({ dispose: () => this.engine.dispose() });
  }

  /** Registers a disposable to be disposed with the context; returns it. */
  track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /**
   * The workspace folders Tierwise analyses (on-disk folders, in workspace order). Each is its own
   * root with its own tierwise.yml, scan and projection.
   */
  get folders(): FolderRef[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ root: f.uri.fsPath, name: f.name }));
  }

  /** The root of the workspace folder containing `uri`, or undefined (outside every folder, not on disk). */
  rootOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  /** The name the editor shows for a root's folder (its basename when it is not a folder any more). */
  folderName(root: string): string {
    return this.folders.find((f) => f.root === root)?.name ?? basename(root);
  }

  /** The extension's secret storage (API keys live only here). */
  get secrets(): vscode.SecretStorage {
    return this.extension.secrets;
  }

  /** Logs an error to the output channel and shows the user-facing line (never a stack trace). */
  reportError(action: string, error: unknown): void {
    const message = userMessage(error);
    this.output.error(`${action}: ${message}`);
    if (error instanceof Error && error.stack && !isUserError(error)) this.output.debug(error.stack);
    void vscode.window.showErrorMessage(`Tierwise: ${action} failed. ${message}`, 'Show Log').then((choice) => {
      if (choice) this.output.show(true);
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // Keep disposing the rest: one failing disposable must not leak the others.
      }
    }
  }
}

/** TierwiseError-shaped errors (crossing the bundle boundary, so checked structurally). */
function isUserError(error: Error): error is Error & { fix: string; toUserString(): string } {
  return error.name === 'TierwiseError' && typeof (error as { toUserString?: unknown }).toUserString === 'function';
}

/** The message to show for an error: TierwiseError's `file: message (field). Fix: …`, else the message. */
export function userMessage(error: unknown): string {
  if (error instanceof Error) return isUserError(error) ? error.toUserString() : error.message;
  return String(error);
}
