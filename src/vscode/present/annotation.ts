import type { Consequence, Position } from '../../engine/model';
import type { SiteView } from './siteView';

/** A text edit as plain data: replace `[start, end)` of a file with `text` (insert when equal). */
export interface PlainEdit {
  start: Position;
  end: Position;
  text: string;
}

/**
 * The `// tierwise:` annotation that records the current decision for a call site: the task type
 * (as inferred, unless annotated), the suggested tier, the traffic in use and the consequence.
 * Keys Tierwise does not interpret are kept from an existing annotation.
 */
export function annotationText(view: SiteView, consequence: Consequence | undefined): string {
  const { site, projection, recommendation } = view;
  const existing = site.site.annotation;
  const values = new Map<string, string>(Object.entries(existing?.raw ?? {}));
  values.set('task', existing?.task ?? site.task.task);
  const tier = existing?.tier ?? recommendation?.suggestedTier;
  if (tier !== undefined) values.set('tier', String(tier));
  const traffic = existing?.trafficPerMonth ?? projection?.requestsPerMonth;
  if (traffic !== undefined && !values.has('traffic')) values.set('traffic', `${Math.round(traffic)}/month`);
  const chosen = existing?.consequence ?? consequence;
  if (chosen) values.set('consequence', chosen);
  const order = ['task', 'tier', 'traffic', 'consequence'];
  const keys = [...order.filter((k) => values.has(k)), ...[...values.keys()].filter((k) => !order.includes(k))];
  return `// tierwise: ${keys.map((k) => `${k}=${values.get(k)}`).join(' ')}`;
}

/**
 * The edit that inserts the annotation on its own line above the line where the call starts
 * (indented like that line), or replaces an existing annotation comment in place.
 */
export function annotationEdit(view: SiteView, callLineText: string, consequence: Consequence | undefined): PlainEdit {
  const text = annotationText(view, consequence);
  const existing = view.site.site.annotation;
  if (existing) return { start: existing.span.start, end: existing.span.end, text };
  const line = view.site.site.span.start.line;
  const indent = /^\s*/.exec(callLineText)?.[0] ?? '';
  const at = { line, character: 0 };
  return { start: at, end: at, text: `${indent}${text}\n` };
}
