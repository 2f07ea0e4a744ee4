/**
 * Builds the webview's `ViewSnapshot` from engine data (pure: plain data in, plain data out; no
 * `vscode`). The host calls `buildViewSnapshot` after every scan/projection and posts the result.
 */
import type {
  AnalyzedCallSite,
  CallSiteProjection,
  CostRange,
  Projection,
  ScanResult,
  TierwiseConfig,
} from '../engine/model';
import type { CallSiteRow, DiffView, ProfilingSummaryView, TrafficAssumptions, TrafficRule, ViewId, ViewSnapshot } from './messages';

/** What the host has when it builds a snapshot. */
export interface SnapshotInput {
  revision: number;
  workspace: string;
  projection: Projection;
  /** The scan the projection came from (task reasons, enclosing names, prompt previews). */
  scan?: ScanResult;
  config: Pick<TierwiseConfig, 'traffic' | 'file'>;
  profiling?: ProfilingSummaryView;
  diff?: DiffView;
  focusCallSiteId?: string;
  focusView?: ViewId;
}

/** Growth factor applied to base traffic: (1 + g)^months. */
export function growthFactor(growthPerMonth: number, monthsAhead: number): number {
  return Math.pow(1 + growthPerMonth, monthsAhead);
}

function divideRange(range: CostRange | null | undefined, by: number): CostRange | null {
  if (!range || !(by > 0)) return null;
  return { min: range.min / by, expected: range.expected / by, max: range.max / by };
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-6, Math.abs(b) * 1e-9);
}

/**
 * Which traffic rule gave a call site its rate, following the config's resolution order
 * (annotation > traffic.callSites > traffic.paths > traffic.tasks > traffic.default).
 */
export function trafficRuleOf(cs: CallSiteProjection, site: AnalyzedCallSite | undefined, traffic: TierwiseConfig['traffic'], baseRate: number): TrafficRule {
  if (site?.site.annotation?.trafficPerMonth !== undefined) return 'annotation';
  if (Object.prototype.hasOwnProperty.call(traffic.callSites, cs.callSiteId)) return 'call-site';
  // The projection records the rate's `source`; match it against the config's rules first.
  if (traffic.paths.some((p) => p.rate.source === cs.trafficSource)) return 'path';
  const taskRate = traffic.tasks[cs.task];
  if (taskRate && taskRate.source === cs.trafficSource) return 'task';
  if (traffic.default.source === cs.trafficSource) return 'default';
  // Fall back to the rate itself when sources are worded differently.
  if (/\bpaths?\b/.test(cs.trafficSource)) return 'path';
  if (taskRate) return near(baseRate, taskRate.perMonth) ? 'task' : 'path';
  return near(baseRate, traffic.default.perMonth) ? 'default' : 'path';
}

function promptPreview(site: AnalyzedCallSite | undefined): string | undefined {
  if (!site) return undefined;
  const text = site.site.prompt.parts
    .flatMap((part) => part.segments.map((seg) => (seg.kind === 'text' ? seg.text : `{${seg.name}}`)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, 240) : undefined;
}

function reasonsOf(cs: CallSiteProjection, site: AnalyzedCallSite | undefined): string[] {
  return [
    ...(site?.task.reasons ?? []),
    ...cs.recommendation.rules.map((rule) => rule.detail),
    ...cs.recommendation.findings.map((finding) => finding.message),
  ];
}

/** One table row from a projected call site and (when available) its scan record. */
export function buildRow(cs: CallSiteProjection, site: AnalyzedCallSite | undefined, traffic: TierwiseConfig['traffic']): CallSiteRow {
  const factor = growthFactor(traffic.growthPerMonth, traffic.monthsAhead);
  const baseRequestsPerMonth = cs.requestsPerMonth / factor;
  const per1kCurrent = site?.costPer1k ? divideRange(site.costPer1k, 1000) : null;
  return {
    id: cs.callSiteId,
    span: cs.span,
    enclosing: site?.site.enclosing ?? '',
    task: cs.task,
    taskConfidence: site?.task.confidence ?? 1,
    currentModel: cs.currentModel,
    recommendedModel: cs.recommendedModel,
    currentTier: cs.recommendation.currentTier,
    suggestedTier: cs.recommendation.suggestedTier,
    strategy: cs.recommendation.strategy,
    qualityGate: cs.recommendation.qualityGate,
    tokens: cs.tokens,
    requestsPerMonth: cs.requestsPerMonth,
    baseRequestsPerMonth,
    trafficRule: trafficRuleOf(cs, site, traffic, baseRequestsPerMonth),
    trafficSource: cs.trafficSource,
    perRequest: {
      current: divideRange(cs.current?.range, cs.requestsPerMonth) ?? (cs.current ? per1kCurrent : null),
      recommended: divideRange(cs.recommended?.range, cs.requestsPerMonth),
    },
    current: cs.current?.range ?? null,
    recommended: cs.recommended?.range ?? null,
    reasons: reasonsOf(cs, site),
    promptPreview: promptPreview(site),
  };
}

function trafficAssumptions(config: SnapshotInput['config']): TrafficAssumptions {
  const tasks: TrafficAssumptions['tasks'] = {};
  for (const [task, rate] of Object.entries(config.traffic.tasks)) {
    if (rate) tasks[task as keyof typeof tasks] = rate.perMonth;
  }
  return {
    defaultPerMonth: config.traffic.default.perMonth,
    tasks,
    growthPerMonth: config.traffic.growthPerMonth,
    monthsAhead: config.traffic.monthsAhead,
    configFile: config.file,
  };
}

/** The full snapshot the host posts to the webview. */
export function buildViewSnapshot(input: SnapshotInput): ViewSnapshot {
  const sites = new Map((input.scan?.callSites ?? []).map((s) => [s.site.id, s] as const));
  return {
    revision: input.revision,
    workspace: input.workspace,
    projection: input.projection,
    rows: input.projection.callSites.map((cs) => buildRow(cs, sites.get(cs.callSiteId), input.config.traffic)),
    traffic: trafficAssumptions(input.config),
    profiling: input.profiling,
    diff: input.diff,
    focusCallSiteId: input.focusCallSiteId,
    focusView: input.focusView,
  };
}
