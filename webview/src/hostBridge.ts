/**
 * The webview side of the host connection: typed `postMessage` and UI-state persistence through
 * `acquireVsCodeApi()` (VS Code provides it; the browser tests provide a stub with the same shape).
 */
import type { HostToWebview, WebviewToHost } from '../../src/protocol/messages';
import { restoreUiState } from './state';
import type { UiState } from './state';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What the app may do with the host. */
export interface HostBridge {
  post(message: WebviewToHost): void;
  loadState(): UiState;
  saveState(state: UiState): void;
}

/** Connects to the host (call once per page load: VS Code allows one `acquireVsCodeApi`). */
export function connectHost(): HostBridge {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => restoreUiState(api.getState()),
    saveState: (state) => api.setState(state),
  };
}

/** Accepts only well-formed host messages (the host is trusted, but other frames may post too). */
export function asHostMessage(data: unknown): HostToWebview | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as { type?: unknown; state?: unknown; text?: unknown; level?: unknown };
  if (message.type === 'snapshot' && typeof message.state === 'object' && message.state !== null && Array.isArray((message.state as { rows?: unknown }).rows)) {
    return data as HostToWebview;
  }
  if (message.type === 'notice' && typeof message.text === 'string' && (message.level === 'info' || message.level === 'error')) return data as HostToWebview;
  return undefined;
}
