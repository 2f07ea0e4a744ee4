/**
 * Webview entry (bundled to dist/webview.js as an IIFE). Registers the @vscode-elements controls,
 * connects to the host, renders snapshots and asks for the first one.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { App } from './app';
import { asHostMessage, connectHost } from './hostBridge';

const root = document.getElementById('app');
if (root) {
  const host = connectHost();
  const app = new App(root, host);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = asHostMessage(event.data);
    if (message) app.receive(message);
  });
  host.post({ type: 'ready' });
}
