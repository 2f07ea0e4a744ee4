import * as vscode from 'vscode';
import { AnalysisController } from './analysisController';
import { COMMANDS } from './commands/index';
import { TierwiseContext } from './context';
import { registerCodeActions } from './features/codeActions';
import { registerCodeLens } from './features/codeLens';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerStatusBar } from './features/statusBar';
import { CallSiteTree } from './features/tree';
import { createPanel } from './panel';

/**
 * Builds the extension: context, features, commands, listeners. Cheap: nothing here loads the
 * engine bundle (ts-morph/TypeScript); the analysis controller does so on the first LLM file.
 */
export function buildExtension(extension: vscode.ExtensionContext): TierwiseContext {
  const started = Date.now();
  const ctx = new TierwiseContext(extension);
  const analysis = new AnalysisController(ctx);
  registerCodeLens(ctx);
  registerHover(ctx);
  registerCodeActions(ctx, registerDiagnostics(ctx));
  registerStatusBar(ctx);
  const tree = new CallSiteTree(ctx);
  const panel = createPanel(ctx, analysis);
  const deps = { ctx, analysis, panel, tree };
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.track(vscode.commands.registerCommand(id, factory(deps)));
  }
  ctx.track(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tierwise')) return;
      // Traffic settings change the numbers: re-project; display settings only re-render.
      if (e.affectsConfiguration('tierwise.traffic') && ctx.engine.loaded) void analysis.scanAll('traffic settings changed');
      else ctx.store.refresh();
    }),
  );
  ctx.track(vscode.workspace.onDidGrantWorkspaceTrust(() => ctx.output.info('workspace trusted: profiling enabled')));
  analysis.start();
  ctx.output.info(`activated in ${Date.now() - started} ms (trusted: ${vscode.workspace.isTrusted})`);
  return ctx;
}
