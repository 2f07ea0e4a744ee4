/**
 * Label and layout formatting for the webview (pure; no DOM). Money, counts and percentages come
 * from the shared src/format/ module, so the panel reads the same as `tierwise project`.
 */
import type { CostRange, TaskType, TokenRange } from '../../src/engine/model';
import { compactCount, count, usd as formatUsd } from '../../src/format';

/** Money, counts and percentages: the shared convention of every surface (src/format/). */
export { usd as formatUsd, usdDelta as formatUsdDelta, pct as formatPct } from '../../src/format';

/** Counts with grouping (`30,000`), or shortened (`600k`, `2.5M`) when `compact`. */
export function formatCount(value: number, compact = false): string {
  return compact ? compactCount(value) : count(value);
}

/** A monthly cost or `unpriced` when there is none. */
export function formatCost(range: CostRange | null | undefined): string {
  return range ? formatUsd(range.expected) : 'unpriced';
}

/** A cost range as `$1.20 – $4.80` (min – max). */
export function formatCostRange(range: CostRange | null | undefined): string {
  return range ? `${formatUsd(range.min)} – ${formatUsd(range.max)}` : '';
}

/** Token range: `410` when fixed, else `410 (300–2,000)`. */
export function formatTokens(range: TokenRange): string {
  if (range.min === range.max) return formatCount(range.expected);
  return `${formatCount(range.expected)} (${formatCount(range.min)}–${formatCount(range.max)})`;
}

/** Milliseconds as `840 ms` or `2.4 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const TASK_LABELS: Record<TaskType, string> = {
  classification: 'Classification',
  extraction: 'Extraction',
  summarization: 'Summarization',
  rag_answer: 'RAG answer',
  reasoning: 'Reasoning',
  code_generation: 'Code generation',
  chat: 'Chat',
  agent: 'Agent (tool loop)',
  translation: 'Translation',
  generation: 'Generation',
  embedding: 'Embedding',
  other: 'Other',
};

/** Human label of a task type. */
export function taskLabel(task: TaskType): string {
  return TASK_LABELS[task] ?? task;
}

/** `src/tickets/classify.ts:12` (1-based line, as editors show it). */
export function formatLocation(file: string, line0: number): string {
  return `${file}:${line0 + 1}`;
}

/** Parses a user-typed traffic figure (`30000`, `30,000`, `1.5k`, `2M`); undefined when invalid. */
export function parseCount(text: string): number | undefined {
  const cleaned = text.trim().replace(/[,_\s]/g, '').toLowerCase();
  const match = /^(\d+(?:\.\d+)?)([km]?)$/.exec(cleaned);
  if (!match) return undefined;
  const scale = match[2] === 'k' ? 1e3 : match[2] === 'm' ? 1e6 : 1;
  const value = Number(match[1]) * scale;
  return Number.isFinite(value) ? Math.round(value) : undefined;
}

/** Parses a growth percentage typed by the user (`10`, `10%`, `-5`) into a fraction. */
export function parseGrowthPct(text: string): number | undefined {
  const match = /^(-?\d+(?:\.\d+)?)%?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = Number(match[1]) / 100;
  return fraction >= -1 && fraction <= 10 ? fraction : undefined;
}
