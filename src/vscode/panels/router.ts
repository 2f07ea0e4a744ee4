/**
 * Routes messages from the webview to the host's handlers, after the runtime guard: the webview is
 * untrusted, so anything that is not exactly a `WebviewToHost` message is dropped and logged.
 * Pure (no `vscode`), so it is unit-tested directly.
 */
import { parseWebviewMessage } from '../../protocol/guards';
import type { ApplyProfilingDecisionMessage, RevealCallSiteMessage, SaveTrafficMessage } from '../../protocol/messages';

/** What the host does for each intent. Errors thrown are reported back as notices by the panel. */
export interface PanelHandlers {
  ready(): Promise<void> | void;
  revealCallSite(message: RevealCallSiteMessage): Promise<void> | void;
  saveTraffic(message: SaveTrafficMessage): Promise<void> | void;
  applyProfilingDecision(message: ApplyProfilingDecisionMessage): Promise<void> | void;
  requestRefresh(): Promise<void> | void;
}

/** Validates and dispatches one raw message; returns false when it was dropped. */
export async function routeWebviewMessage(raw: unknown, handlers: PanelHandlers, log: (line: string) => void): Promise<boolean> {
  const result = parseWebviewMessage(raw);
  if (!result.ok) {
    log(`[projection panel] dropped a webview message: ${result.reason}`);
    return false;
  }
  const message = result.message;
  switch (message.type) {
    case 'ready': await handlers.ready(); break;
    case 'revealCallSite': await handlers.revealCallSite(message); break;
    case 'saveTraffic': await handlers.saveTraffic(message); break;
    case 'applyProfilingDecision': await handlers.applyProfilingDecision(message); break;
    case 'requestRefresh': await handlers.requestRefresh(); break;
  }
  return true;
}
