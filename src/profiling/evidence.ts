/**
 * Profiling evidence for the recommendation and the projection: every results log under
 * `profiling.resultsDir`, summarised per task x model (the newest result per request counts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TierEvidence, TierwiseConfig } from '../engine/model';
import { configDir } from './inputs';
import { readResultsLog } from './resultsLog';
import type { PriceOf } from './summarize';
import { summarize } from './summarize';
import type { LogRecord } from './types';

/** Every record of every results log of the workspace, oldest file first. */
export function readAllResults(root: string, config: TierwiseConfig): LogRecord[] {
  const dir = join(configDir(root, config), config.profiling.resultsDir);
  if (!existsSync(dir)) return [];
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readResultsLog(join(dir, f)));
  return records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * A cheap fingerprint of the results logs (names, sizes, modification times): equal stamps mean
 * `readEvidence` would read the same records, so a caller may reuse its last answer.
 */
export function resultsStamp(root: string, config: TierwiseConfig): string {
  const dir = join(configDir(root, config), config.profiling.resultsDir);
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => {
      const stat = statSync(join(dir, f));
      return `${f}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('|');
}

/** Measured pass rates and tokens per task x tier, for `tierwise project` and the recommendation. */
export async function readEvidence(root: string, config: TierwiseConfig, priceOf: PriceOf = () => null): Promise<TierEvidence[]> {
  const summary = summarize(readAllResults(root, config), config, priceOf);
  return summary.rows
    .filter((r) => r.graded > 0)
    .map((r) => ({
      task: r.task,
      tier: r.tier,
      model: r.model,
      samples: r.graded,
      passed: r.passed,
      passRate: r.passRate,
      interval: r.interval,
      meanInputTokens: r.meanInputTokens,
      meanOutputTokens: r.meanOutputTokens,
      runAt: r.runAt,
    }));
}
