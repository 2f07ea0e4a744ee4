import type { Projection } from '../../engine/model';
import { formatPct, formatUsd } from './format';

/** Status bar text and tooltip for the workspace's projected monthly cost now -> recommended. */
export function statusBarText(projection: Projection | undefined, analyzing: boolean): { text: string; tooltip: string } {
  if (!projection) {
    return { text: analyzing ? '$(sync~spin) Tierwise' : '$(graph) Tierwise', tooltip: analyzing ? 'Tierwise: analysing the workspace…' : 'Tierwise: no projection yet' };
  }
  const { current, recommended, savingUsd } = projection.totals;
  const text = `$(graph) ${formatUsd(current.expected)}/mo → ${formatUsd(recommended.expected)}/mo`;
  const pct = current.expected > 0 ? formatPct(savingUsd / current.expected) : '0%';
  const tooltip = [
    `Tierwise projected LLM cost per month: ${formatUsd(current.expected)} now, ${formatUsd(recommended.expected)} with the suggested tiers (saves ${formatUsd(savingUsd)}, ${pct}).`,
    `${projection.callSites.length} costed call sites; ${projection.excluded.length} left out. Prices as of ${projection.catalogAsOf}.`,
    'Click to open the cost projection.',
  ].join('\n');
  return { text, tooltip };
}
