/**
 * Plain, JSON-serializable data of the pre-merge cost review: the versioned snapshot of one
 * revision (`CostSnapshot`, schema published at `schemas/snapshot.schema.json`) and the diff of two
 * snapshots (`CostDiff`). The CLI renders `CostDiff` as markdown / JSON / a table, the editor's
 * "Compare Cost with Branch…" command and the webview's Diff view consume it as is.
 *
 * Money is US dollars per month at the projected traffic (the `expected` figure of a range unless
 * the field says otherwise). Paths are workspace-relative with POSIX separators; lines are 0-based
 * in data (renderers print them 1-based).
 */
import type {
  AnalyzedCallSite,
  CostRange,
  FileProblem,
  FindingCode,
  Operation,
  Projection,
  Provider,
  RoutingStrategy,
  SdkId,
  Span,
  TaskType,
  TierLevel,
  TokenRange,
} from '../engine/model';

/** Version of the snapshot JSON layout; bumped on any incompatible change. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Version of the `CostDiff` JSON layout (the `--format json` output). */
export const COST_DIFF_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Snapshot

/** The projection of one call site, flattened for diffing (one row per analyzed call site). */
export interface SnapshotCallSite {
  /** `CallSite.id`: `path#EnclosingDecl#ordinal` (invocations: `...@<wrapper id>`). */
  id: string;
  role: AnalyzedCallSite['site']['role'];
  span: Span;
  enclosing: string;
  sdk: SdkId;
  provider: Provider;
  api: string;
  operation: Operation;
  task: TaskType;
  taskConfidence: number;
  /** The model the call uses (first resolved candidate), or null when it cannot be resolved. */
  model: string | null;
  /** False for wrappers carried by their invocations and for count-tokens calls: never in totals. */
  costed: boolean;
  /** Set when the model is not in the price catalog (or unresolved): why it is out of the totals. */
  unpriced?: { model: string | null; reason: string };
  tokens: { input: TokenRange; output: TokenRange };
  /** Projected requests per month (growth applied); null when the projection left the site out. */
  requestsPerMonth: number | null;
  /** Which setting produced the traffic figure (`tierwise.yml traffic.tasks.classification`). */
  trafficSource: string | null;
  /** Monthly cost now; null when unpriced or not costed. */
  monthly: CostRange | null;
  /** What Tierwise recommends for this site at this revision. */
  recommendation: {
    currentTier: TierLevel | null;
    suggestedTier: TierLevel;
    suggestedModel: string | null;
    strategy: RoutingStrategy;
    /** Monthly cost with the recommended model (null when unpriced). */
    monthly: CostRange | null;
  } | null;
  /** Finding codes on the site (sorted), e.g. `downgrade-opportunity`, `unpriced-model`. */
  findings: FindingCode[];
}

/**
 * The full analysis and projection of one revision, reproducible for the same commit and
 * configuration: no timestamps, no absolute paths, keys and arrays sorted.
 */
export interface CostSnapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: { name: 'tierwise'; version: string };
  /** The git commit analysed, when the root is inside a git repository. */
  commit?: string;
  /** sha256 of the validated configuration (defaults applied), so config changes are visible. */
  configHash: string;
  /** The config file relative to the analysed root (`tierwise.yml`), or null for defaults. */
  configFile: string | null;
  catalogAsOf: string;
  scan: { filesScanned: number; filesWithSdkImports: number; callSites: number; problems: FileProblem[] };
  /** The projection without `generatedAt` (the one timestamp it carries). */
  projection: Omit<Projection, 'generatedAt'>;
  /** One row per analyzed call site, sorted by id. This is what `diffSnapshots` compares. */
  callSites: SnapshotCallSite[];
  /** The engine's full per-site analysis (sorted by id), for tools that want every detail. */
  analysis: AnalyzedCallSite[];
}

// ---------------------------------------------------------------------------------------------
// Diff

/**
 * What changed about a matched call site (a site can have several):
 * - `model`: a different model id;
 * - `prompt`: expected input tokens changed;
 * - `output`: expected output tokens changed (max_tokens, schema);
 * - `task`: the inferred/annotated task type changed;
 * - `traffic`: requests per month changed (tierwise.yml or annotation);
 * - `price`: same model, tokens and traffic but a different cost (price override or catalog);
 * - `priced`/`unpriced`: the site entered / left the totals because pricing became known / unknown;
 * - `moved`: same identity at a different place (line, or a renamed file). Never a cost change.
 */
export type SiteChangeKind = 'model' | 'prompt' | 'output' | 'task' | 'traffic' | 'price' | 'priced' | 'unpriced' | 'moved';

/** One change of a matched call site, with the values before and after and a sentence. */
export interface SiteChange {
  kind: SiteChangeKind;
  from: string | number | null;
  to: string | number | null;
  /** Human text: `model claude-haiku-4-5 → claude-opus-4-7`, `prompt +420 tokens`. */
  text: string;
}

/**
 * Status of a call site across the two revisions. `moved` = matched and only its location changed
 * (no cost-relevant change); `changed` = at least one change other than `moved`.
 */
export type CallSiteDiffStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

/** How a head call site was paired with its base counterpart. */
export type MatchMethod = 'id' | 'rename' | 'declaration';

/** One side (base or head) of a call site in the diff. */
export interface CallSideState {
  id: string;
  span: Span;
  model: string | null;
  task: TaskType;
  inputTokens: number;
  outputTokens: number;
  requestsPerMonth: number | null;
  /** Monthly expected cost, null when unpriced. */
  monthly: number | null;
}

/** One call site in the diff. Exactly one of `base`/`head` is null for added/removed sites. */
export interface CallSiteDiff {
  /** The head id (the base id for removed sites). */
  id: string;
  status: CallSiteDiffStatus;
  /** How it was matched (absent for added/removed). */
  matchedBy?: MatchMethod;
  /** The head task type (base for removed sites): the task the cost is attributed to. */
  task: TaskType;
  enclosing: string;
  /** Where to look: the head location (base location for removed sites). */
  span: Span;
  base: CallSideState | null;
  head: CallSideState | null;
  changes: SiteChange[];
  /** head.monthly - base.monthly, treating an absent side as 0; null when either present side is unpriced. */
  deltaUsd: number | null;
}

/** Monthly cost per task type at base and head (sites grouped by their task at each revision). */
export interface TaskCostDelta {
  task: TaskType;
  base: number;
  head: number;
  deltaUsd: number;
  /** Number of priced call sites of this task at base / head. */
  callSites: { base: number; head: number };
}

/**
 * A recommendation the change ignores: an added or changed call site whose model is more expensive
 * than the one Tierwise recommends for it at head (e.g. a new classification on a frontier model).
 */
export interface IgnoredRecommendation {
  callSiteId: string;
  span: Span;
  task: TaskType;
  /** `added` or `changed`: why the change is responsible for it. */
  because: 'added' | 'changed';
  currentModel: string | null;
  currentTier: TierLevel | null;
  suggestedTier: TierLevel;
  suggestedModel: string | null;
  /** Monthly cost now and with the recommendation; saving = now - recommended (null when unpriced). */
  monthlyNow: number | null;
  monthlyRecommended: number | null;
  savingUsd: number | null;
  text: string;
}

/** A call site the change leaves without a price (new site, or one that lost its price). */
export interface NewUnpriced {
  callSiteId: string;
  span: Span;
  model: string | null;
  reason: string;
}

/** A revision as the diff names it. */
export interface RevisionInfo {
  /** What the user asked for (`origin/main`, `HEAD`, `working tree`, a snapshot file). */
  label: string;
  commit?: string;
  configHash: string;
  catalogAsOf: string;
}

/** How a change moves the projected monthly bill. */
export interface CostDiff {
  schemaVersion: typeof COST_DIFF_SCHEMA_VERSION;
  base: RevisionInfo;
  head: RevisionInfo;
  /**
   * Monthly expected cost of all priced, costed call sites at base and head; `deltaPct` is null
   * when base is 0 (any increase from nothing is reported in USD only).
   */
  totals: { base: number; head: number; deltaUsd: number; deltaPct: number | null };
  /** Per task type, sorted by |deltaUsd| descending then task name; only tasks present on a side. */
  byTask: TaskCostDelta[];
  /** Every costed call site, sorted: added, changed, removed, moved, unchanged; then by |delta|, id. */
  callSites: CallSiteDiff[];
  counts: Record<CallSiteDiffStatus, number>;
  ignoredRecommendations: IgnoredRecommendation[];
  newUnpriced: NewUnpriced[];
  /** True when the configuration hash differs (tierwise.yml changed). */
  configChanged: boolean;
}
