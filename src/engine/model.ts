/**
 * Plain, JSON-serializable data shared by every Tierwise layer (engine, CLI, profiling, review,
 * protocol, webview, editor glue). Nothing here may reference ts-morph, TypeScript or `vscode`.
 *
 * Conventions:
 * - Paths in data are workspace-relative, POSIX separators (`src/llm/triage.ts`).
 * - Positions are 0-based (line and character), like LSP and `vscode.Position`.
 * - Money is US dollars (number), token counts are integers.
 * - Shares are `Fraction`s (0.8 = 80%) unless the field is named `...Pct` and typed `Percent`
 *   (80 = 80%); formatting (`src/format/`) takes fractions.
 * - "Unknown is a value": when something cannot be resolved statically the data says so with a
 *   reason and the expression text; nothing is silently defaulted.
 */

export * from './data/units';
export * from './data/callSite';
export * from './data/estimates';
export * from './data/config';
export * from './data/projection';
