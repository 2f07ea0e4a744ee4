import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { relativeToRoot, spanContains, spanToRange } from '../convert';
import { hoverMarkdown } from '../present/hover';

/** Hover over a call site: the full breakdown with the reasons behind every number (the document's folder's analysis). */
export function registerHover(ctx: TierwiseContext): void {
  const provider: vscode.HoverProvider = {
    provideHover(doc, position) {
      const root = ctx.rootOf(doc.uri);
      const rel = root ? relativeToRoot(root, doc.uri.fsPath) : undefined;
      if (!root || !rel) return undefined;
      // Innermost call first: an invocation inside a wrapper's argument list wins over its parent.
      const hits = ctx.store.viewsOf(root, rel).filter((v) => spanContains(v.site.site.span, position));
      const view = hits.sort((a, b) => a.site.site.span.end.line - a.site.site.span.start.line - (b.site.site.span.end.line - b.site.site.span.start.line))[0];
      if (!view) return undefined;
      const markdown = new vscode.MarkdownString(hoverMarkdown(view));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, spanToRange(view.site.site.span, (a, b, c, d) => new vscode.Range(a, b, c, d)));
    },
  };
  const selector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ language, scheme: 'file' }));
  ctx.track(vscode.languages.registerHoverProvider(selector, provider));
}
