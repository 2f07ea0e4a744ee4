/**
 * Builds the webview's `ViewSnapshot` from engine data (pure: plain data in, plain data out; no
 * `vscode`). The host calls `buildViewSnapshot` after every scan/projection and posts the result.
 */
import type { AnalyzedCallSite, CallSiteProjection, Projection, ScanResult, TierwiseConfig } from '../engine/model';
import type { CallSiteRow, DiffView, ProfilingSummaryView, TrafficAssumptions, ViewId, ViewSnapshot } from './messages';

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
export function buildRow(cs: CallSiteProjection, site: AnalyzedCallSite | undefined): CallSiteRow {
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
    baseRequestsPerMonth: cs.baseRequestsPerMonth,
    trafficRule: cs.trafficRule,
    trafficSource: cs.trafficSource,
    perRequest: cs.perRequest,
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
    rows: input.projection.callSites.map((cs) => buildRow(cs, sites.get(cs.callSiteId))),
    traffic: trafficAssumptions(input.config),
    profiling: input.profiling,
    diff: input.diff,
    focusCallSiteId: input.focusCallSiteId,
    focusView: input.focusView,
  };
}
