/**
 * Presentation formatting shared by every surface (CLI, review markdown, editor, webview): money,
 * counts and percentages, one convention each. Browser-safe: no Node imports, because the webview
 * bundles it too. Surfaces keep only their own layout (table cells, labels) and import these.
 */
export { usd, usdCompact, usdDelta, usdOrUnpriced } from './money';
export { count, compactCount, perMonth } from './numbers';
export { pct, signedPct } from './percent';
