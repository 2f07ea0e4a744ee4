import type * as vscode from 'vscode';
import { buildExtension } from './vscode/activate';

/** Activation: builds the container; every disposable hangs off it via `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(buildExtension(context));
}

/** Everything is disposed through `context.subscriptions`. */
export function deactivate(): void {}
