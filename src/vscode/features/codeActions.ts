import * as vscode from 'vscode';
import type { FindingCode } from '../../engine/model';
import type { TierwiseContext } from '../context';
import { absoluteFromRoot, relativeToRoot, spanToRange } from '../convert';
import { annotationEdit } from '../present/annotation';
import type { PlainEdit } from '../present/annotation';
import { modelEdit } from '../present/modelEdit';
import type { SiteView } from '../present/siteView';
import type { FindingIndex } from './diagnostics';

const range = (a: number, b: number, c: number, d: number): vscode.Range => new vscode.Range(a, b, c, d);

/** Codes whose fix can be "use the suggested model". */
const MODEL_FIX_CODES: ReadonlySet<string> = new Set<FindingCode>(['downgrade-opportunity', 'context-guard-risk', 'deprecated-model', 'hard-coded-model']);

/**
 * Quick fixes keyed on the Tierwise diagnostic codes: apply the suggested model where its value is
 * defined (saying when that definition is shared), insert or update the `// tierwise:` annotation,
 * and add the call site to tierwise.yml (of the document's workspace folder).
 */
export function registerCodeActions(ctx: TierwiseContext, index: FindingIndex): void {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(doc, _range, context) {
      const root = ctx.rootOf(doc.uri);
      const rel = root ? relativeToRoot(root, doc.uri.fsPath) : undefined;
      if (!root || !rel) return [];
      const actions: vscode.CodeAction[] = [];
      const done = new Set<string>();
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== 'tierwise') continue;
        const spec = index.find(root, rel, diagnostic);
        const view = spec ? ctx.store.viewById(root, spec.callSiteId) : undefined;
        if (!spec || !view) continue;
        const once = (key: string, make: () => Promise<vscode.CodeAction | undefined> | vscode.CodeAction | undefined): Promise<void> =>
          done.has(key) ? Promise.resolve() : (done.add(key), Promise.resolve(make()).then((a) => void (a && actions.push(a))));
        if (MODEL_FIX_CODES.has(spec.code)) await once(`model:${view.site.site.id}`, () => modelAction(ctx, root, view, diagnostic));
        await once(`annotate:${view.site.site.id}`, () => annotationAction(ctx, root, doc, view, diagnostic));
        await once(`config:${view.site.site.id}`, () => configAction(root, view, diagnostic));
      }
      return actions;
    },
  };
  const selector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ language, scheme: 'file' }));
  ctx.track(vscode.languages.registerCodeActionsProvider(selector, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
}

async function modelAction(ctx: TierwiseContext, root: string, view: SiteView, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction | undefined> {
  const suggested = view.recommendation?.suggestedModel;
  const candidate = view.site.site.model.candidates[0];
  if (!suggested || !candidate || suggested === view.site.modelId) return undefined;
  const uri = vscode.Uri.file(absoluteFromRoot(root, candidate.definedAt.file));
  const definedDoc = await vscode.workspace.openTextDocument(uri);
  const definedText = definedDoc.getText(spanToRange(candidate.definedAt, range));
  const edit = modelEdit(view.site, suggested, definedText, ctx.store.viewsOfRoot(root).map((v) => v.site));
  if (!edit) return undefined;
  const shared = edit.sharedWith.length;
  const where = candidate.definedAt.file === view.site.site.span.file && shared === 0 ? '' : ` in ${edit.definedAtLabel}`;
  const note = shared > 0 ? ` (shared: also changes ${shared} other call site${shared === 1 ? '' : 's'})` : '';
  const action = new vscode.CodeAction(`Tierwise: use ${suggested} (tier ${view.recommendation?.suggestedTier})${where}${note}`, vscode.CodeActionKind.QuickFix);
  action.edit = workspaceEdit(uri, edit.edit);
  action.diagnostics = [diagnostic];
  action.isPreferred = shared === 0;
  return action;
}

function annotationAction(ctx: TierwiseContext, root: string, doc: vscode.TextDocument, view: SiteView, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const line = Math.min(view.site.site.span.start.line, doc.lineCount - 1);
  const consequence = ctx.store.stateOf(root)?.consequences[view.site.task.task];
  const edit = annotationEdit(view, doc.lineAt(line).text, consequence);
  const verb = view.site.site.annotation ? 'Update' : 'Add';
  const action = new vscode.CodeAction(`Tierwise: ${verb} the \`// tierwise:\` annotation (record task and tier)`, vscode.CodeActionKind.QuickFix);
  action.edit = workspaceEdit(doc.uri, edit);
  action.diagnostics = [diagnostic];
  return action;
}

function configAction(root: string, view: SiteView, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction('Tierwise: Add this call site to tierwise.yml', vscode.CodeActionKind.QuickFix);
  action.command = { command: 'tierwise.addCallSiteToConfig', title: 'Add call site to tierwise.yml', arguments: [view.site.site.id, root] };
  action.diagnostics = [diagnostic];
  return action;
}

function workspaceEdit(uri: vscode.Uri, edit: PlainEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.replace(uri, spanToRange(edit, range), edit.text);
  return we;
}
