/**
 * Hand-made snapshots for the review unit tests. Every cost is computed here, independently of the
 * code under test, as requests/month x (input tokens x $in/M + output tokens x $out/M).
 */
import type { TaskType } from '../../../src/engine/model';
import type { CostSnapshot, SnapshotCallSite } from '../../../src/review/model';

/** $/M tokens (input, output). */
export const PRICES: Record<string, [number, number]> = {
  'claude-opus-4-7': [5, 25],
  'claude-sonnet-4-6': [3, 15],
  'claude-haiku-4-5': [1, 5],
};

/** Monthly cost of a call, written out. */
export function monthly(model: string, input: number, output: number, perMonth: number): number {
  const [pin, pout] = PRICES[model];
  return (perMonth * (input * pin + output * pout)) / 1e6;
}

export interface SiteSpec {
  id: string;
  line?: number;
  task?: TaskType;
  model: string | null;
  input: number;
  output: number;
  perMonth: number;
  /** Suggested model (tier from the PRICES order: haiku 1, sonnet 2, opus 3). */
  suggest?: string;
  costed?: boolean;
}

const TIER: Record<string, number> = { 'claude-haiku-4-5': 1, 'claude-sonnet-4-6': 2, 'claude-opus-4-7': 3 };

function range(n: number) {
  return { min: n, expected: n, max: n };
}

/** One snapshot call-site row. */
export function site(spec: SiteSpec): SnapshotCallSite {
  const file = spec.id.split('#')[0];
  const line = spec.line ?? 10;
  const priced = spec.model !== null && spec.model in PRICES;
  const cost = priced ? monthly(spec.model as string, spec.input, spec.output, spec.perMonth) : null;
  const suggest = spec.suggest ?? spec.model;
  const recCost = suggest && suggest in PRICES ? monthly(suggest, spec.input, spec.output, spec.perMonth) : null;
  return {
    id: spec.id,
    role: 'direct',
    span: { file, start: { line, character: 4 }, end: { line: line + 3, character: 5 } },
    enclosing: spec.id.split('#')[1] ?? '<module>',
    sdk: 'anthropic',
    provider: 'anthropic',
    api: 'messages.create',
    operation: 'generate',
    task: spec.task ?? 'classification',
    taskConfidence: 0.9,
    model: spec.model,
    costed: spec.costed ?? true,
    ...(priced ? {} : { unpriced: { model: spec.model, reason: `model ${spec.model ?? '?'} is not in the price catalog` } }),
    tokens: { input: range(spec.input), output: range(spec.output) },
    requestsPerMonth: spec.perMonth,
    trafficSource: 'tierwise.yml traffic.default',
    monthly: cost === null ? null : range(cost),
    recommendation: {
      currentTier: spec.model ? TIER[spec.model] ?? null : null,
      suggestedTier: suggest ? TIER[suggest] ?? 1 : 1,
      suggestedModel: suggest ?? null,
      strategy: 'rule',
      monthly: recCost === null ? null : range(recCost),
    },
    findings: [],
  };
}

/** A snapshot made of the given sites. */
export function snapshot(sites: SiteSpec[], commit = 'a'.repeat(40), configHash = `sha256:${'0'.repeat(64)}`): CostSnapshot {
  const callSites = sites.map(site);
  const total = callSites.reduce((t, s) => t + (s.monthly?.expected ?? 0), 0);
  return {
    schemaVersion: 1,
    tool: { name: 'tierwise', version: 'test' },
    commit,
    configHash,
    configFile: 'tierwise.yml',
    catalogAsOf: '2026-01-15',
    scan: { filesScanned: 3, filesWithSdkImports: 2, callSites: callSites.length, problems: [] },
    projection: {
      catalogAsOf: '2026-01-15',
      configFile: 'tierwise.yml',
      totals: { current: range(total), recommended: range(total), savingUsd: 0, savingPct: 0 },
      byTask: [],
      callSites: [],
      excluded: [],
      assumptions: [],
    },
    callSites,
    analysis: [],
  };
}
