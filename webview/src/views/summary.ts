/**
 * The three headline figures: monthly cost now, with the recommendations, and the saving.
 */
import type { CostRange } from '../../../src/engine/model';
import { h, replaceChildren } from '../dom';
import { formatCostRange, formatPct, formatUsd } from '../format';
import type { WhatIfResult } from '../whatIf';

function card(figure: string, label: string, value: string, detail: string, tone = ''): HTMLElement {
  return h('div', { class: `card ${tone}`, attrs: { 'data-figure': figure } },
    h('div', { class: 'card-label', text: label }),
    h('div', { class: 'card-value', text: value }),
    h('div', { class: 'card-detail', text: detail }));
}

function range(r: CostRange): string {
  return r.min === r.max ? 'per month' : `per month · range ${formatCostRange(r)}`;
}

/** Renders the cards into `el` (replacing its content). */
export function renderSummary(el: HTMLElement, totals: WhatIfResult['totals'], whatIfActive: boolean): void {
  const suffix = whatIfActive ? ' (what-if)' : '';
  replaceChildren(el,
    card('current', `Now${suffix}`, formatUsd(totals.current.expected), range(totals.current)),
    card('recommended', `Recommended${suffix}`, formatUsd(totals.recommended.expected), range(totals.recommended)),
    card('saving', `Saving${suffix}`, formatUsd(totals.savingUsd), totals.savingFraction === null ? 'per month' : `${formatPct(totals.savingFraction)} less per month`, totals.savingUsd > 0 ? 'good' : ''));
}
