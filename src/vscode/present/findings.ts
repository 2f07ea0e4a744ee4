import type { Finding, FindingCode, Span } from '../../engine/model';
import type { SiteView } from './siteView';

/** The diagnostic severities the `tierwise.diagnostics.severity` setting accepts. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Codes that get a diagnostic (the readiness-only `quality-gate-needed` stays in hovers). */
const DIAGNOSTIC_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'downgrade-opportunity',
  'context-guard-risk',
  'unknown-model',
  'unpriced-model',
  'deprecated-model',
  'hard-coded-model',
  'low-confidence-task',
]);

/** One diagnostic to show, as plain data (converted to `vscode.Diagnostic` in the adapter). */
export interface DiagnosticSpec extends Finding {
  callSiteId: string;
}

/**
 * The findings of the given call sites that become diagnostics, de-duplicated by code and span
 * (a wrapper and its invocations can report the same literal). When the engine produced no
 * recommendation for a site (e.g. its model is unknown), the unknown/unpriced findings are derived
 * from the scan so the user still sees them.
 */
export function diagnosticSpecs(views: SiteView[]): DiagnosticSpec[] {
  const seen = new Set<string>();
  const out: DiagnosticSpec[] = [];
  for (const view of views) {
    for (const finding of findingsOf(view)) {
      if (!DIAGNOSTIC_CODES.has(finding.code)) continue;
      const key = `${finding.code}@${finding.span.file}:${finding.span.start.line}:${finding.span.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...finding, callSiteId: view.site.site.id });
    }
  }
  return out;
}

function findingsOf(view: SiteView): Finding[] {
  if (view.recommendation) return view.recommendation.findings;
  const { site } = view;
  if (!site.costed && site.site.role === 'wrapper') return [];
  if (!site.modelId) {
    const reason = site.site.model.unknown[0]?.reason ?? 'the model id could not be resolved statically';
    return [{ code: 'unknown-model', message: `Model unknown: ${reason}. Add a \`// tierwise:\` annotation or configure the call site in tierwise.yml.`, span: site.site.span }];
  }
  if (site.unpriced) {
    const nearest = site.unpriced.nearest.length ? ` Nearest known: ${site.unpriced.nearest.join(', ')}.` : '';
    return [{ code: 'unpriced-model', message: `Model '${site.unpriced.id}' is not in the price catalog.${nearest} Add a price under pricing.overrides in tierwise.yml.`, span: site.site.span }];
  }
  return [];
}

/** Maps the severity setting to vscode's DiagnosticSeverity numbers (Error 0 … Hint 3); null = off. */
export function severityNumber(setting: SeveritySetting): 0 | 1 | 2 | 3 | null {
  switch (setting) {
    case 'error':
      return 0;
    case 'warning':
      return 1;
    case 'hint':
      return 3;
    case 'off':
      return null;
    default:
      return 2;
  }
}

/**
 * The range a finding's diagnostic underlines: multi-line spans (a whole call expression) are
 * narrowed to their first line so the squiggle marks the call without covering its arguments.
 * `lineLength` is the length of that line when known (else the editor clamps the end).
 */
export function diagnosticSpan(span: Span, lineLength = 10_000): Span {
  if (span.end.line === span.start.line) return span;
  return { file: span.file, start: span.start, end: { line: span.start.line, character: Math.max(span.start.character, lineLength) } };
}
