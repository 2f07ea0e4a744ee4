import type { Projection } from '../../engine/model';
import { pct, usdCompact } from '../../format';

/** Status bar text and tooltip for the workspace's projected monthly cost now -> recommended. */
export function statusBarText(projection: Projection | undefined, analyzing: boolean): { text: string; tooltip: string } {
  if (!projection) {
    return { text: analyzing ? '$(sync~spin) Tierwise' : '$(graph) Tierwise', tooltip: analyzing ? 'Tierwise: analysing the workspace…' : 'Tierwise: no projection yet' };
  }
  const { current, recommended, savingUsd } = projection.totals;
  const text = `$(graph) ${usdCompact(current.expected)}/mo → ${usdCompact(recommended.expected)}/mo`;
  const share = current.expected > 0 ? pct(savingUsd / current.expected, 0) : '0%';
  const tooltip = [
    `Tierwise projected LLM cost per month: ${usdCompact(current.expected)} now, ${usdCompact(recommended.expected)} with the suggested tiers (saves ${usdCompact(savingUsd)}, ${share}).`,
    `${projection.callSites.length} costed call sites; ${projection.excluded.length} left out. Prices as of ${projection.catalogAsOf}.`,
    'Click to open the cost projection.',
  ].join('\n');
  return { text, tooltip };
}

/** One workspace folder's figures for the status bar: undefined projection = not analysed (yet). */
export interface FolderProjection {
  name: string;
  projection: Projection | undefined;
}

/** Workspace totals summed over folders (expected values; a folder's range is its own). */
export interface WorkspaceTotals {
  current: number;
  recommended: number;
  savingUsd: number;
  callSites: number;
  excluded: number;
}

/** Sums the expected monthly cost now / recommended over the folders that have a projection. */
export function sumFolderTotals(folders: readonly FolderProjection[]): WorkspaceTotals {
  const out: WorkspaceTotals = { current: 0, recommended: 0, savingUsd: 0, callSites: 0, excluded: 0 };
  for (const { projection } of folders) {
    if (!projection) continue;
    out.current += projection.totals.current.expected;
    out.recommended += projection.totals.recommended.expected;
    out.savingUsd += projection.totals.savingUsd;
    out.callSites += projection.callSites.length;
    out.excluded += projection.excluded.length;
  }
  return out;
}

/**
 * Status bar text and tooltip for the whole workspace. One folder: exactly `statusBarText`. Several
 * folders: the sum of the folders' totals, and a tooltip with each folder's figures (in workspace
 * folder order) so the total can be traced to its parts.
 */
export function workspaceStatusText(folders: readonly FolderProjection[], analyzing: boolean): { text: string; tooltip: string } {
  if (folders.length <= 1) return statusBarText(folders[0]?.projection, analyzing);
  const projected = folders.filter((f) => f.projection);
  if (projected.length === 0) return statusBarText(undefined, analyzing);
  const t = sumFolderTotals(folders);
  const share = t.current > 0 ? pct(t.savingUsd / t.current, 0) : '0%';
  const lines = folders.map(({ name, projection: p }) => {
    if (!p) return `• ${name}: ${analyzing ? 'analysing…' : 'not analysed yet'}`;
    if (p.callSites.length === 0 && p.excluded.length === 0) return `• ${name}: no LLM call sites`;
    const left = p.excluded.length > 0 ? `, ${p.excluded.length} left out` : '';
    return `• ${name}: ${usdCompact(p.totals.current.expected)}/mo → ${usdCompact(p.totals.recommended.expected)}/mo (${p.callSites.length} costed call site${p.callSites.length === 1 ? '' : 's'}${left})`;
  });
  const asOf = projected[0].projection?.catalogAsOf;
  return {
    text: `$(graph) ${usdCompact(t.current)}/mo → ${usdCompact(t.recommended)}/mo`,
    tooltip: [
      `Tierwise projected LLM cost per month across ${folders.length} workspace folders: ${usdCompact(t.current)} now, ${usdCompact(t.recommended)} with the suggested tiers (saves ${usdCompact(t.savingUsd)}, ${share}).`,
      ...lines,
      `Prices as of ${asOf}.`,
      'Click to open the cost projection of a folder.',
    ].join('\n'),
  };
}
