import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, readSettings } from '../config';
import type { TierwiseContext } from '../context';
import { absoluteFromRoot, spanToRange } from '../convert';
import { diagnosticSpan, diagnosticSpecs, severityNumber } from '../present/findings';
import type { DiagnosticSpec } from '../present/findings';

const range = (a: number, b: number, c: number, d: number): vscode.Range => new vscode.Range(a, b, c, d);

/** Looks up the finding behind a Tierwise diagnostic (code actions use it to find the call site). */
export interface FindingIndex {
  /** `file` is relative to `root` (the document's workspace folder). */
  find(root: string, file: string, diagnostic: vscode.Diagnostic): DiagnosticSpec | undefined;
}

/**
 * Publishes findings as diagnostics with stable codes (`FindingCode`), severity from the
 * `tierwise.diagnostics.severity` setting, and configuration problems as diagnostics in each
 * folder's tierwise.yml itself (always errors: the config is not used until they are fixed; an
 * unsaved tierwise.yml is checked as it is typed). Every workspace folder publishes its own.
 */
export function registerDiagnostics(ctx: TierwiseContext): FindingIndex {
  const findings = ctx.track(vscode.languages.createDiagnosticCollection('tierwise'));
  const config = ctx.track(vscode.languages.createDiagnosticCollection('tierwise-config'));
  /** Specs per absolute file path (`absoluteFromRoot`), over every analysed folder. */
  let specsByFile = new Map<string, DiagnosticSpec[]>();

  const publish = (): void => {
    const severity = severityNumber(readSettings().severity);
    const previous = specsByFile;
    specsByFile = new Map();
    for (const root of ctx.store.roots) {
      for (const spec of diagnosticSpecs(ctx.store.viewsOfRoot(root))) {
        const file = absoluteFromRoot(root, spec.span.file);
        specsByFile.set(file, [...(specsByFile.get(file) ?? []), spec]);
      }
    }
    // Replace per file (never clear-then-set): the Problems panel and the quick-fix lightbulb never
    // see a moment without the diagnostics that are still true.
    for (const file of previous.keys()) {
      if (!specsByFile.has(file) || severity === null) findings.delete(vscode.Uri.file(file));
    }
    if (severity !== null) {
      for (const [file, specs] of specsByFile) {
        const uri = vscode.Uri.file(file);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
        findings.set(uri, specs.map((s) => toDiagnostic(s, severity, doc)));
      }
    }
    publishConfigProblems(ctx, config);
  };
  ctx.track(ctx.store.onDidChangeAnalysis(publish));
  ctx.track(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tierwise') && publish()));
  return {
    find(root, file, diagnostic) {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      return specsByFile
        .get(absoluteFromRoot(root, file))
        ?.find((s) => s.code === code && s.span.start.line === diagnostic.range.start.line && s.span.start.character === diagnostic.range.start.character);
    },
  };
}

function toDiagnostic(spec: DiagnosticSpec, severity: 0 | 1 | 2 | 3, doc: vscode.TextDocument | undefined): vscode.Diagnostic {
  const line = spec.span.start.line;
  const lineLength = doc && line < doc.lineCount ? doc.lineAt(line).text.length : undefined;
  const diagnostic = new vscode.Diagnostic(spanToRange(diagnosticSpan(spec.span, lineLength), range), spec.message, severity as vscode.DiagnosticSeverity);
  diagnostic.source = 'tierwise';
  diagnostic.code = spec.code;
  return diagnostic;
}

/** Each analysed folder's configuration problems, in the configuration file they belong to. */
function publishConfigProblems(ctx: TierwiseContext, collection: vscode.DiagnosticCollection): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const root of ctx.store.roots) {
    const state = ctx.store.stateOf(root);
    if (!state || state.configProblems.length === 0) continue;
    const file = state.configFile ?? absoluteFromRoot(root, CONFIG_FILE_NAME);
    const diagnostics = state.configProblems.map((p) => {
      // ConfigProblem lines/columns are 1-based (file:line:column as printed).
      const line = Math.max(0, p.line - 1);
      const column = Math.max(0, p.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, column, line, column + 1000), `${p.message} (${p.field}). Fix: ${p.fix}`, vscode.DiagnosticSeverity.Error);
      d.source = 'tierwise';
      d.code = 'config';
      return d;
    });
    byFile.set(file, [...(byFile.get(file) ?? []), ...diagnostics]);
  }
  collection.clear();
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
}
