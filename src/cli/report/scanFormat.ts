/**
 * Shared cell formatting of the scan reporters: model (or `unknown: reason (expression)`), task,
 * token ranges and cost per 1,000 calls.
 */
import type { AnalyzedCallSite, ScanResult, TokenRange } from '../../engine/api';
import { compactCount, usd } from '../../format';

/** `min/expected/max` token counts. */
export function tokensText(range: TokenRange): string {
  return `${compactCount(range.min)}/${compactCount(range.expected)}/${compactCount(range.max)}`;
}

/** Workspace location `file:line` (1-based line). */
export function locationText(site: AnalyzedCallSite): string {
  return `${site.site.span.file}:${site.site.span.start.line + 1}`;
}

/** The model cell: the id (plus the other candidates), or `unknown: reason (expression)`. */
export function modelText(site: AnalyzedCallSite): string {
  const model = site.site.model;
  if (site.modelId === null) {
    const why = model.unknown[0];
    return why ? `unknown: ${why.reason} (${why.expression})` : `unknown (${model.expression})`;
  }
  const others = model.candidates.map((c) => c.value).filter((v) => v !== site.modelId);
  let text = site.modelId + (others.length ? ` (or ${others.join(', ')})` : '');
  if (model.unknown.length > 0) text += ' (some branches unknown)';
  if (site.unpriced) text += ` [unpriced; nearest: ${site.unpriced.nearest.join(', ') || 'none'}]`;
  if (site.model?.retired) text += ' [retired]';
  else if (site.model?.deprecated) text += ' [deprecated]';
  return text;
}

/** `classification 0.85` plus `(annotated)` when an annotation set it. */
export function taskText(site: AnalyzedCallSite): string {
  const source = site.task.source === 'inferred' ? '' : ` (${site.task.source})`;
  return `${site.task.task} ${site.task.confidence.toFixed(2)}${source}`;
}

/** Cost per 1,000 calls: expected (min-max), or why there is none. */
export function costText(site: AnalyzedCallSite): string {
  if (site.site.role === 'wrapper' && !site.costed) return `via ${site.site.invocationIds?.length ?? 0} invocations`;
  if (site.site.operation === 'count-tokens') return 'free (count)';
  if (!site.costPer1k) return site.modelId === null ? 'not costed (model unknown)' : 'not costed (unpriced)';
  const c = site.costPer1k;
  return c.min === c.max ? usd(c.expected) : `${usd(c.expected)} (${usd(c.min)}-${usd(c.max)})`;
}

/** The API cell: `messages.create`, with the role for wrappers and invocations. */
export function apiText(site: AnalyzedCallSite): string {
  const role = site.site.role === 'direct' ? '' : ` [${site.site.role}]`;
  return `${site.site.sdk} ${site.site.api}${role}`;
}

/** The one-line summary of a scan. */
export function summaryLine(result: ScanResult): string {
  const sites = result.callSites;
  const files = new Set(sites.map((s) => s.site.span.file)).size;
  const unknown = sites.filter((s) => s.modelId === null && s.costed !== false).length;
  const unpriced = sites.filter((s) => s.unpriced).length;
  const total = sites.filter((s) => s.costed && s.costPer1k).reduce((sum, s) => sum + (s.costPer1k?.expected ?? 0), 0);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const parts = [
    `${sites.length} call sites in ${files} files (${result.filesScanned} files scanned, ${result.filesWithSdkImports} reach an LLM SDK)`,
    `${unknown} with unknown model`,
    `${unpriced} unpriced`,
    `${usd(total)} per 1,000 calls of every costed site`,
    `prices as of ${result.catalogAsOf}`,
  ];
  if (errors > 0) parts.push(`${errors} file problem${errors === 1 ? '' : 's'} (see stderr)`);
  return parts.join('; ');
}
