import { compactCount, pct, usdCompact } from '../../format';
import { savingFraction } from './siteView';
import type { SiteView } from './siteView';

/**
 * The CodeLens title above a call site, e.g.
 * `classification · ~410→8 tok · $2,140/mo on claude-opus-4-7 · tier 1 saves 80%`.
 */
export function lensTitle(view: SiteView): string {
  const { site } = view;
  if (site.site.role === 'wrapper' && (site.site.invocationIds?.length ?? 0) > 0) {
    const n = site.site.invocationIds?.length ?? 0;
    return `${site.task.task} wrapper · cost carried by ${n} caller${n === 1 ? '' : 's'}`;
  }
  if (site.site.operation === 'count-tokens') return 'token count · free';
  const task = site.task.source === 'inferred' && site.task.confidence < 0.6 ? `${site.task.task}?` : site.task.task;
  const tokens = `~${compactCount(site.tokens.input.expected)}→${compactCount(site.tokens.output.expected)} tok`;
  const parts = [task, tokens, costPart(view)];
  const suggestion = suggestionPart(view);
  if (suggestion) parts.push(suggestion);
  return parts.join(' · ');
}

function costPart(view: SiteView): string {
  const { site, projection } = view;
  if (!site.modelId) return 'model unknown';
  if (site.unpriced || !projection?.current) return `${site.modelId} (unpriced)`;
  return `${usdCompact(projection.current.range.expected)}/mo on ${site.modelId}`;
}

function suggestionPart(view: SiteView): string | undefined {
  const { recommendation } = view;
  if (!recommendation) return undefined;
  const tier = recommendation.suggestedTier;
  const current = recommendation.currentTier;
  if (current !== null && tier < current) {
    const fraction = savingFraction(view);
    return fraction !== undefined && fraction > 0 ? `tier ${tier} saves ${pct(fraction, 0)}` : `tier ${tier} suggested`;
  }
  if (current !== null && tier > current) return `needs tier ${tier}`;
  if (current !== null) return `tier ${tier} ✓`;
  return `tier ${tier} suggested`;
}
