/**
 * What every view receives: the host's snapshot, the UI state, the what-if numbers, and the
 * actions it may take.
 */
import type { ViewSnapshot, WebviewToHost } from '../../../src/protocol/messages';
import type { UiState } from '../state';
import type { WhatIfResult } from '../whatIf';

/** Data for one render. */
export interface ViewContext {
  snapshot: ViewSnapshot;
  ui: UiState;
  whatIf: WhatIfResult;
}

/** What a view may do. */
export interface ViewActions {
  /** Updates UI state (persisted) and re-renders. */
  setUi(update: (ui: UiState) => UiState): void;
  /** Updates UI state (persisted) WITHOUT re-rendering (scroll position). */
  remember(update: (ui: UiState) => UiState): void;
  /** Sends an intent to the host. */
  post(message: WebviewToHost): void;
}

/** A view: built once, updated with every snapshot or UI change. */
export interface View {
  readonly element: HTMLElement;
  update(ctx: ViewContext): void;
}
