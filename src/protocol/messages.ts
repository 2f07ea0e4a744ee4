/**
 * The typed protocol between the extension host and the cost projection webview.
 *
 * Rules (docs/ARCHITECTURE.md "Webview contract"):
 * - the host sends FULL snapshots (`snapshot`), never deltas; the webview keeps only UI state;
 * - everything the webview sends is untrusted: the host validates it with `parseWebviewMessage`
 *   (./guards.ts) and drops (and logs) anything that does not match `WebviewToHost` exactly;
 * - every type here is plain JSON. This module has no runtime dependencies and never imports `vscode`.
 */
import type {
  CallSiteProjection,
  CostRange,
  Fraction,
  Projection,
  RoutingStrategy,
  TaskType,
  TierEvidence,
  TierLevel,
  TokenRange,
  TrafficRule,
} from '../engine/model';

/** The views (tabs) of the panel. */
export type ViewId = 'projection' | 'whatIf' | 'profiling' | 'diff';

/** All view ids, in tab order. */
export const VIEW_IDS: readonly ViewId[] = ['projection', 'whatIf', 'profiling', 'diff'];

/** Which traffic rule produced a call site's request rate (the projection's `CallSiteProjection.trafficRule`). */
export type { TrafficRule };

/**
 * One row of the call-site table: the projection's numbers plus the scan's details the table
 * shows. Strings here come from analysed code and are rendered as text only.
 */
export interface CallSiteRow {
  /** `CallSite.id`: the stable identity (used by `revealCallSite`). */
  id: string;
  /** Where the call is written (workspace-relative file, 0-based positions). */
  span: CallSiteProjection['span'];
  /** Enclosing declaration, e.g. `TicketService.classify`. */
  enclosing: string;
  task: TaskType;
  /** Task inference confidence in [0, 1]. */
  taskConfidence: number;
  currentModel: string | null;
  recommendedModel: string | null;
  currentTier: TierLevel | null;
  suggestedTier: TierLevel;
  strategy: RoutingStrategy;
  qualityGate: boolean;
  tokens: { input: TokenRange; output: TokenRange };
  /** Projected requests per month (growth applied), as in the projection. */
  requestsPerMonth: number;
  /** Requests per month before growth (what `tierwise.yml` states). */
  baseRequestsPerMonth: number;
  trafficRule: TrafficRule;
  trafficSource: string;
  /**
   * Cost of ONE request, now and with the recommendation (min/expected/max), so the webview can
   * recompute every figure when traffic changes without re-scanning. Null when unpriced.
   */
  perRequest: { current: CostRange | null; recommended: CostRange | null };
  /** Monthly cost at the projected traffic (null when unpriced). */
  current: CostRange | null;
  recommended: CostRange | null;
  /** Why: task inference reasons, then the recommendation's rule details, then findings. */
  reasons: string[];
  /** Short preview of the static prompt text (first characters), for the detail line. */
  promptPreview?: string;
}

/** The traffic assumptions in effect (from tierwise.yml or defaults). */
export interface TrafficAssumptions {
  /** Requests per month per call site when nothing more specific applies. */
  defaultPerMonth: number;
  /** Per-task requests per month per call site, as configured (tasks absent use the default). */
  tasks: Partial<Record<TaskType, number>>;
  /** Monthly growth as a fraction (0.1 = +10%/month). */
  growthPerMonth: number;
  /** Months of growth applied to the projection. */
  monthsAhead: number;
  /** The config file the assumptions come from, or null when defaults only. */
  configFile: string | null;
}

/** Measured results of one task on one tier. */
export interface ProfilingTierResult extends Omit<TierEvidence, 'task' | 'runAt'> {
  latencyMs: { p50: number; p95: number };
  /** What this tier's share of the run cost, USD. */
  costUsd: number;
  errors: number;
}

/** The routing decision profiling supports for one task. */
export interface ProfilingDecision {
  tier: TierLevel;
  model: string | null;
  /** `route`: the lowest tier meeting the routing bar; `monitor`: the lowest meeting the monitoring bar; `escalate`: no profiled tier meets either, `tier` is the best one (improve the prompt or oracle, or profile a higher tier). */
  kind: 'route' | 'monitor' | 'escalate' | 'insufficient-data';
  reason: string;
  /** True when `tierwise.yml` already states this decision. */
  applied: boolean;
}

/** Profiling results for one task. */
export interface ProfilingTaskResult {
  task: TaskType;
  oracle: string | null;
  tiers: ProfilingTierResult[];
  decision: ProfilingDecision;
}

/** A summary of one profiling run, shaped for the Profiling view. */
export interface ProfilingSummaryView {
  runAt: string;
  resultsFile: string;
  totalCostUsd: number;
  durationMs: number;
  /** Thresholds from `routing` (tier1PassRate, monitorPassRate), drawn as lines. */
  thresholds: { route: number; monitor: number };
  tasks: ProfilingTaskResult[];
}

/** How one call site changed between base and head. */
export type DiffChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One call site in a cost diff. */
export interface DiffCallSite {
  id: string;
  kind: DiffChangeKind;
  task: TaskType;
  file: string;
  line: number;
  baseModel: string | null;
  headModel: string | null;
  /** Monthly expected cost at base / head (null when absent or unpriced). */
  baseMonthly: number | null;
  headMonthly: number | null;
  /** What changed, in words (`model claude-haiku-4-5 -> claude-opus-4-7`, `prompt +420 tokens`). */
  changes: string[];
}

/** A cost diff (base vs head), shaped for the Diff view. */
export interface DiffView {
  baseRef: string;
  headRef: string;
  /** `deltaFraction`: -0.045 = -4.5%, null when the base is 0 (review's `CostDiff.deltaPct` is the same in percent). */
  totals: { base: number; head: number; deltaUsd: number; deltaFraction: Fraction | null };
  byTask: Array<{ task: TaskType; base: number; head: number; deltaUsd: number }>;
  callSites: DiffCallSite[];
}

/** Everything the webview shows. Theme-independent data only; sent whole on every change. */
export interface ViewSnapshot {
  /** Increments with every snapshot the host sends (lets tests and the UI tell snapshots apart). */
  revision: number;
  /** Workspace name for the header. */
  workspace: string;
  projection: Projection;
  rows: CallSiteRow[];
  traffic: TrafficAssumptions;
  profiling?: ProfilingSummaryView;
  diff?: DiffView;
  /** A call site to scroll to and highlight (set when opened from a CodeLens). */
  focusCallSiteId?: string;
  /** A view to show (set by the profiling and compare commands). */
  focusView?: ViewId;
}

// ---------------------------------------------------------------------------------------------
// Host -> webview

/** Host -> webview: the complete state to render. Sent after `ready`, after every re-scan or
 * config change, and when the panel is asked to focus a call site or view. */
export interface SnapshotMessage {
  type: 'snapshot';
  state: ViewSnapshot;
}

/** Host -> webview: the outcome of an intent (saved to tierwise.yml, could not apply, refreshing),
 * shown as a status line. Sent after `saveTraffic`, `applyProfilingDecision` and `requestRefresh`. */
export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}

/** Everything the host sends. */
export type HostToWebview = SnapshotMessage | NoticeMessage;

// ---------------------------------------------------------------------------------------------
// Webview -> host (untrusted: validated by ./guards.ts)

/** Webview -> host: the webview has loaded and wants a snapshot. Sent once per page load. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview -> host: open the editor at this call site. Sent when a row is clicked or Enter is
 * pressed on it. */
export interface RevealCallSiteMessage {
  type: 'revealCallSite';
  callSiteId: string;
}

/** Webview -> host: write these traffic assumptions to `tierwise.yml` (`traffic.tasks.<task>` as
 * requests per month, `traffic.growthPerMonth`). Sent when the user presses "Save to tierwise.yml"
 * in the What-if view. */
export interface SaveTrafficMessage {
  type: 'saveTraffic';
  tasks: Partial<Record<TaskType, number>>;
  growthPerMonth: number;
}

/** Webview -> host: write profiling's decision for this task to `tierwise.yml`. Sent by the
 * "Apply" button of a task in the Profiling view. */
export interface ApplyProfilingDecisionMessage {
  type: 'applyProfilingDecision';
  task: TaskType;
}

/** Webview -> host: re-scan and send a fresh snapshot. Sent by the "Refresh" button. */
export interface RequestRefreshMessage {
  type: 'requestRefresh';
}

/** Everything the webview may send. */
export type WebviewToHost =
  | ReadyMessage
  | RevealCallSiteMessage
  | SaveTrafficMessage
  | ApplyProfilingDecisionMessage
  | RequestRefreshMessage;

/** Limits the guard enforces on webview input. */
export const PROTOCOL_LIMITS = {
  /** Longest call-site id accepted (ids are `path#decl#ordinal[@wrapper]`). */
  maxIdLength: 2048,
  /** Largest traffic figure accepted (requests per month). */
  maxPerMonth: 1e12,
  /** Growth per month accepted, as a fraction. */
  minGrowth: -1,
  maxGrowth: 10,
} as const;
