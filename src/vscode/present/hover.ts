import type { AnalyzedCallSite, TokenRange } from '../../engine/model';
import { compactCount, pct, perMonth, usdCompact } from '../../format';
import { savingFraction } from './siteView';
import type { SiteView } from './siteView';

/**
 * The hover's Markdown: the full breakdown of one call site with the reasons behind every number
 * (task type, token estimate split into static text and holes, price source and date, the
 * recommendation's rules, findings). Code-derived strings are escaped: the hover is rendered as
 * untrusted Markdown.
 */
export function hoverMarkdown(view: SiteView): string {
  const { site } = view;
  const lines: string[] = [];
  lines.push(`**Tierwise** · ${code(site.site.api)} (${esc(site.site.sdk)}) · ${esc(site.site.enclosing)}`, '');
  lines.push(...taskSection(site), '');
  lines.push(...tokenSection(site), '');
  lines.push(...priceSection(view), '');
  lines.push(...recommendationSection(view));
  return lines.join('\n').trim();
}

function taskSection(site: AnalyzedCallSite): string[] {
  const t = site.task;
  const out = [`**Task:** ${t.task} (${pct(t.confidence, 0)} confidence, ${t.source})`];
  for (const reason of t.reasons) out.push(`- ${esc(reason)}`);
  if (t.alternatives.length > 0) {
    out.push(`- runner-up: ${t.alternatives.map((a) => `${a.task} ${pct(a.confidence, 0)}`).join(', ')}`);
  }
  return out;
}

function tokenSection(site: AnalyzedCallSite): string[] {
  const tk = site.tokens;
  const out = [
    `**Tokens:** input ${range(tk.input)}, output ${range(tk.output)}${tk.thinking ? `, thinking ${range(tk.thinking)}` : ''} (${esc(tk.method)})`,
    `- static prompt text: ${compactCount(tk.staticInputTokens)} tokens`,
  ];
  for (const hole of tk.holes) out.push(`- hole ${code(hole.name)}: ${range(hole.tokens)} (${hole.source})`);
  if (tk.cachedPrefixTokens) out.push(`- cacheable prefix: ${compactCount(tk.cachedPrefixTokens)} tokens`);
  for (const reason of tk.reasons) out.push(`- ${esc(reason)}`);
  return out;
}

function priceSection(view: SiteView): string[] {
  const { site, projection } = view;
  if (!site.modelId) {
    const why = site.site.model.unknown.map((u) => `${esc(u.reason)} (${code(u.expression)})`).join('; ');
    return [`**Model:** unknown${why ? ` — ${why}` : ''}`];
  }
  const out = [`**Model:** ${code(site.modelId)}${site.site.model.hardCoded ? ' (hard-coded at the call site)' : ''}`];
  if (site.model?.prices) {
    const p = site.model.prices;
    out.push(`- price: $${p.inputPerMTok}/M input, $${p.outputPerMTok}/M output — source ${site.model.source}, as of ${site.model.asOf}`);
  } else if (site.unpriced) {
    out.push(`- not in the price catalog${site.unpriced.nearest.length ? `; nearest: ${site.unpriced.nearest.map(esc).join(', ')}` : ''}`);
  }
  if (projection?.current) {
    const c = projection.current;
    out.push(
      `- ${perMonth(projection.requestsPerMonth)} requests (${esc(projection.trafficSource)})`,
      `- monthly: **${usdCompact(c.range.expected)}** (${usdCompact(c.range.min)}–${usdCompact(c.range.max)}): input ${usdCompact(c.breakdown.input)}, output ${usdCompact(c.breakdown.output)}${c.breakdown.thinking ? `, thinking ${usdCompact(c.breakdown.thinking)}` : ''}`,
    );
  } else if (view.excludedReason) {
    out.push(`- not in the projection: ${esc(view.excludedReason)}`);
  }
  return out;
}

function recommendationSection(view: SiteView): string[] {
  const rec = view.recommendation;
  if (!rec) return [];
  const saving = savingFraction(view);
  const target = rec.suggestedModel ? ` → ${code(rec.suggestedModel)}` : '';
  const out = [
    `**Suggested:** tier ${rec.suggestedTier}${target} (${rec.strategy} routing)${saving !== undefined && saving > 0 && view.projection?.recommended ? `, ${usdCompact(view.projection.recommended.range.expected)}/mo, saves ${pct(saving, 0)}` : ''}`,
  ];
  for (const hit of rec.rules) out.push(`- ${esc(hit.rule)}: ${esc(hit.detail)}`);
  if (rec.qualityGate) out.push('- a validation step is needed before the downstream action, whatever the tier');
  for (const finding of rec.findings) out.push(`- ⚠ ${esc(finding.message)} (\`${finding.code}\`)`);
  return out;
}

function range(r: TokenRange): string {
  return r.min === r.max ? compactCount(r.expected) : `~${compactCount(r.expected)} (${compactCount(r.min)}–${compactCount(r.max)})`;
}

/** Escapes Markdown control characters in code-derived text. */
export function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

/** A Markdown code span for code-derived text (backslash escapes do not work inside code spans). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}
