import * as vscode from 'vscode';
import { readSettings } from '../config';
import type { TierwiseContext } from '../context';
import { lineStartRange, relativeToRoot } from '../convert';
import { lensTitle } from '../present/lens';

/**
 * A CodeLens above each call site (and wrapper invocation), from the analysis of the document's
 * workspace folder; clicking opens that folder's projection on it.
 */
export function registerCodeLens(ctx: TierwiseContext): void {
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: ctx.store.onDidChangeAnalysis,
    provideCodeLenses(doc) {
      const root = ctx.rootOf(doc.uri);
      if (!root || !readSettings().codeLensEnabled) return [];
      const rel = relativeToRoot(root, doc.uri.fsPath);
      if (!rel) return [];
      return ctx.store.viewsOf(root, rel).map((view) => {
        const range = lineStartRange(view.site.site.span, (a, b, c, d) => new vscode.Range(a, b, c, d));
        return new vscode.CodeLens(range, {
          title: lensTitle(view),
          tooltip: 'Tierwise: open the cost projection on this call site',
          command: 'tierwise.showProjection',
          arguments: [{ focusCallSiteId: view.site.site.id, folder: root }],
        });
      });
    },
  };
  const selector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ language, scheme: 'file' }));
  ctx.track(vscode.languages.registerCodeLensProvider(selector, provider));
}
