/**
 * `diffSnapshots(base, head)`: how a change moves the projected monthly bill. Pure data in, pure
 * data out: call sites matched by stable identity (./match.ts), per-site changes (./changes.ts),
 * monthly deltas per site, per task type and in total, recommendations the change ignores and
 * call sites it leaves unpriced.
 */
import type { TaskType } from '../engine/model';
import { siteChanges } from './changes';
import type { SitePair } from './match';
import { matchCallSites } from './match';
import { COST_DIFF_SCHEMA_VERSION } from './model';
import { usd } from '../format';
import type {
  CallSideState,
  CallSiteDiff,
  CallSiteDiffStatus,
  CostDiff,
  CostSnapshot,
  IgnoredRecommendation,
  NewUnpriced,
  SnapshotCallSite,
  TaskCostDelta,
} from './model';

/** Options of `diffSnapshots`. */
export interface DiffOptions {
  /** File renames between the revisions (base path -> head path, root-relative), from `git diff -M`. */
  renames?: ReadonlyMap<string, string>;
  /** Labels for the two revisions (`origin/main`, `working tree`); default: the commits or `base`/`head`. */
  baseLabel?: string;
  headLabel?: string;
}

const STATUS_ORDER: CallSiteDiffStatus[] = ['added', 'changed', 'removed', 'moved', 'unchanged'];

function side(site: SnapshotCallSite): CallSideState {
  return {
    id: site.id,
    span: site.span,
    model: site.model,
    task: site.task,
    inputTokens: site.tokens.input.expected,
    outputTokens: site.tokens.output.expected,
    requestsPerMonth: site.requestsPerMonth,
    monthly: site.monthly?.expected ?? null,
  };
}

function pairDiff(pair: SitePair): CallSiteDiff {
  const { base, head } = pair;
  const main = (head ?? base) as SnapshotCallSite;
  const baseState = base ? side(base) : null;
  const headState = head ? side(head) : null;
  const changes = base && head ? siteChanges(base, head) : [];
  let status: CallSiteDiffStatus;
  if (!base) status = 'added';
  else if (!head) status = 'removed';
  else if (changes.some((c) => c.kind !== 'moved')) status = 'changed';
  else status = changes.length > 0 ? 'moved' : 'unchanged';
  const priced = (state: CallSideState | null) => (state === null ? 0 : state.monthly);
  const before = priced(baseState);
  const after = priced(headState);
  return {
    id: main.id,
    status,
    ...(pair.matchedBy ? { matchedBy: pair.matchedBy } : {}),
    task: main.task,
    enclosing: main.enclosing,
    span: main.span,
    base: baseState,
    head: headState,
    changes,
    deltaUsd: before === null || after === null ? null : after - before,
  };
}

function sumMonthly(sites: SnapshotCallSite[]): number {
  return sites.reduce((total, site) => total + (site.monthly?.expected ?? 0), 0);
}

function byTask(base: SnapshotCallSite[], head: SnapshotCallSite[]): TaskCostDelta[] {
  const rows = new Map<TaskType, TaskCostDelta>();
  const row = (task: TaskType) => {
    let r = rows.get(task);
    if (!r) rows.set(task, (r = { task, base: 0, head: 0, deltaUsd: 0, callSites: { base: 0, head: 0 } }));
    return r;
  };
  for (const site of base) {
    if (!site.monthly) continue;
    const r = row(site.task);
    r.base += site.monthly.expected;
    r.callSites.base += 1;
  }
  for (const site of head) {
    if (!site.monthly) continue;
    const r = row(site.task);
    r.head += site.monthly.expected;
    r.callSites.head += 1;
  }
  for (const r of rows.values()) r.deltaUsd = r.head - r.base;
  return [...rows.values()].sort((a, b) => Math.abs(b.deltaUsd) - Math.abs(a.deltaUsd) || a.task.localeCompare(b.task));
}

function ignoredRecommendation(diff: CallSiteDiff, site: SnapshotCallSite): IgnoredRecommendation | undefined {
  const rec = site.recommendation;
  if (!rec || diff.status === 'unchanged' || diff.status === 'moved' || diff.status === 'removed') return undefined;
  const cheaperModel = rec.suggestedModel !== null && rec.suggestedModel !== site.model;
  const lowerTier = rec.currentTier !== null && rec.suggestedTier < rec.currentTier;
  const now = site.monthly?.expected ?? null;
  const recommended = rec.monthly?.expected ?? null;
  const saving = now !== null && recommended !== null ? now - recommended : null;
  if (!cheaperModel || (!lowerTier && !(saving !== null && saving > 1e-9))) return undefined;
  const because = diff.status === 'added' ? 'added' : 'changed';
  const tier = rec.currentTier !== null ? ` (tier ${rec.currentTier})` : '';
  const savingText = saving !== null ? `: saves ${usd(saving)}/month` : '';
  return {
    callSiteId: site.id,
    span: site.span,
    task: site.task,
    because,
    currentModel: site.model,
    currentTier: rec.currentTier,
    suggestedTier: rec.suggestedTier,
    suggestedModel: rec.suggestedModel,
    monthlyNow: now,
    monthlyRecommended: recommended,
    savingUsd: saving,
    text: `${because === 'added' ? 'new' : 'changed'} ${site.task} call on ${site.model ?? 'an unknown model'}${tier}; ` +
      `Tierwise recommends tier ${rec.suggestedTier} (${rec.suggestedModel})${savingText}`,
  };
}

function newUnpriced(diff: CallSiteDiff, site: SnapshotCallSite): NewUnpriced | undefined {
  if (!site.unpriced) return undefined;
  const wasPriced = diff.base !== null && diff.base.monthly !== null;
  if (diff.status !== 'added' && !wasPriced) return undefined;
  return { callSiteId: site.id, span: site.span, model: site.unpriced.model, reason: site.unpriced.reason };
}

/** The cost diff of two snapshots of the same workspace (base = before the change, head = after). */
export function diffSnapshots(base: CostSnapshot, head: CostSnapshot, options: DiffOptions = {}): CostDiff {
  const baseSites = base.callSites.filter((s) => s.costed);
  const headSites = head.callSites.filter((s) => s.costed);
  const headById = new Map(headSites.map((s) => [s.id, s]));
  const callSites = matchCallSites(baseSites, headSites, options.renames).map(pairDiff);
  callSites.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      Math.abs(b.deltaUsd ?? 0) - Math.abs(a.deltaUsd ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<CallSiteDiffStatus, number>;
  const ignored: IgnoredRecommendation[] = [];
  const unpriced: NewUnpriced[] = [];
  for (const diff of callSites) {
    counts[diff.status] += 1;
    const site = diff.head ? headById.get(diff.head.id) : undefined;
    if (!site) continue;
    const ignoredRec = ignoredRecommendation(diff, site);
    if (ignoredRec) ignored.push(ignoredRec);
    const lost = newUnpriced(diff, site);
    if (lost) unpriced.push(lost);
  }
  const totalBase = sumMonthly(baseSites);
  const totalHead = sumMonthly(headSites);
  return {
    schemaVersion: COST_DIFF_SCHEMA_VERSION,
    base: { label: options.baseLabel ?? base.commit ?? 'base', commit: base.commit, configHash: base.configHash, catalogAsOf: base.catalogAsOf },
    head: { label: options.headLabel ?? head.commit ?? 'head', commit: head.commit, configHash: head.configHash, catalogAsOf: head.catalogAsOf },
    totals: {
      base: totalBase,
      head: totalHead,
      deltaUsd: totalHead - totalBase,
      deltaPct: totalBase > 0 ? ((totalHead - totalBase) / totalBase) * 100 : null,
    },
    byTask: byTask(baseSites, headSites),
    callSites,
    counts,
    ignoredRecommendations: ignored.sort((a, b) => (b.savingUsd ?? 0) - (a.savingUsd ?? 0) || a.callSiteId.localeCompare(b.callSiteId)),
    newUnpriced: unpriced.sort((a, b) => a.callSiteId.localeCompare(b.callSiteId)),
    configChanged: base.configHash !== head.configHash,
  };
}
