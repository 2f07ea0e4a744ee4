/**
 * The contract between the small extension bundle and the lazily loaded engine bundle
 * (`dist/engine.js`, built from ./engineEntry.ts). Only types cross it, all plain data, so the
 * extension bundle never pulls ts-morph or TypeScript in; `engineEntry.ts` adapts the engine,
 * profiling and review libraries to it (the glue duplicates none of their logic).
 */
import type {
  ConfigProblem,
  Consequence,
  Projection,
  Recommendation,
  ScanResult,
  TaskType,
  TierLevel,
  TierwiseConfig,
} from '../engine/model';
import type { DiffView, ProfilingSummaryView } from '../protocol/messages';
import type { CostDiff } from '../review/model';

/** Editor settings that override tierwise.yml for this editor session (0 / -1 / '' = not set). */
export interface EditorOverrides {
  defaultTrafficPerMonth: number;
  monthsAhead: number;
  budgetUsd: number;
  endpoints: { anthropic: string; openai: string };
}

/**
 * The unsaved text of a root's `tierwise.yml` (or `.yaml`) open in the editor: analyses use it
 * instead of the file on disk, the way code files are analysed from their buffers.
 */
export interface ConfigBuffer {
  /** Absolute path of the configuration file the buffer belongs to. */
  file: string;
  text: string;
}

/** Per-analysis options from the editor. */
export interface AnalysisOptions {
  /** Dirty configuration buffers of the root (at most one per configuration file name). */
  configBuffers?: readonly ConfigBuffer[];
  signal?: AbortSignal;
}

/** Everything the editor shows about a workspace, recomputed after each (incremental) analysis. */
export interface WorkspaceState {
  /** Absolute workspace root. */
  root: string;
  /** The scan (after an incremental analysis: the last scan with the edited file's sites replaced). */
  scan: ScanResult;
  /** Null when the configuration is invalid (its problems are then in `configProblems`). */
  projection: Projection | null;
  /** One per call site the engine could recommend for (including sites left out of the totals). */
  recommendations: Recommendation[];
  /** Absolute path of tierwise.yml, or null when the workspace has none (defaults apply). */
  configFile: string | null;
  configProblems: ConfigProblem[];
  /** Consequence per task type from the configuration (for annotations). */
  consequences: Partial<Record<TaskType, Consequence>>;
  /** The traffic assumptions in effect (configuration with editor overrides applied). */
  traffic: TierwiseConfig['traffic'];
  /** True when this state came from a full workspace scan (false: only files analysed so far). */
  complete: boolean;
}

/** What a profiling run would do, for the confirmation dialog. */
export interface ProfilingPlanView {
  tasks: TaskType[];
  tiers: TierLevel[];
  requests: number;
  estimatedCostUsd: number;
  estimatedSeconds: number;
  /** Where results are appended (workspace-relative). */
  resultsFile: string;
  /** Lines describing the plan per task x tier (`classification · tier 1 · claude-haiku-4-5 · 40 requests`). */
  lines: string[];
  /** Providers with requests still to send: the run needs a key for each (checked before the confirmation). */
  providers: Array<'anthropic' | 'openai'>;
}

/** Progress of a running profiling batch. */
export interface ProfilingProgressView {
  done: number;
  total: number;
  spentUsd: number;
  errors: number;
  /** Milliseconds of back-off currently applied after a 429/529, when any. */
  backoffMs?: number;
}

/** The outcome of a profiling run (completed, stopped by the budget, or cancelled). */
export interface ProfilingOutcomeView {
  cancelled: boolean;
  completed: number;
  total: number;
  spentUsd: number;
  resultsFile: string;
  /** Null when the run produced nothing to summarise. */
  summary: ProfilingSummaryView | null;
}

/** A planned profiling run that can be started once the user confirmed it. */
export interface ProfilingPlanHandle {
  view: ProfilingPlanView;
  run(options: {
    keys: Partial<Record<'anthropic' | 'openai' | 'google', string>>;
    signal: AbortSignal;
    onProgress: (progress: ProfilingProgressView) => void;
  }): Promise<ProfilingOutcomeView>;
}

/** Tasks that have samples, with the tiers configured for them. */
export interface ProfilingChoices {
  tasks: Array<{ task: TaskType; samples: number; callSites: number }>;
  tiers: Array<{ level: TierLevel; name: string }>;
}

/** The engine as the editor uses it (implemented by engineEntry.ts, created once per session). */
export interface EditorEngine {
  /** Scans a root and projects it (replaces any previous state of that root). */
  analyzeWorkspace(root: string, overrides: EditorOverrides, options?: AnalysisOptions): Promise<WorkspaceState>;
  /** Re-analyses one file of a root from its (unsaved) text and merges it into the root's state. */
  analyzeFile(root: string, relativePath: string, text: string, overrides: EditorOverrides, options?: AnalysisOptions): Promise<WorkspaceState>;
  /** Drops what the editor engine keeps for a root (its workspace folder was removed). */
  forgetRoot(root: string): void;
  /** A starter tierwise.yml for the workspace, pre-filled from its scan. */
  configTemplate(root: string): Promise<string>;
  /**
   * tierwise.yml's new text with the call site listed under `traffic.callSites` (current traffic),
   * edited from the unsaved buffer when one is given.
   */
  addCallSiteToConfig(root: string, callSiteId: string, buffer?: ConfigBuffer): Promise<{ file: string; text: string }>;
  profilingChoices(root: string): Promise<ProfilingChoices>;
  planProfiling(root: string, selection: { tasks: TaskType[]; tiers: TierLevel[] }, overrides: EditorOverrides): Promise<ProfilingPlanHandle>;
  /** Writes per-task traffic and growth into tierwise.yml (webview what-if "save"); returns a confirmation. */
  saveTraffic(root: string, tasks: Partial<Record<TaskType, number>>, growthPerMonth: number): Promise<string>;
  /** Writes the last profiling run's routing decision for a task into tierwise.yml; returns a confirmation. */
  applyProfilingDecision(root: string, task: TaskType): Promise<string>;
  /** The cost diff of the working tree (head) against a git ref (base). */
  compareWithRef(root: string, ref: string): Promise<{ diff: CostDiff; view: DiffView }>;
  dispose(): void;
}

/** What `dist/engine.js` exports. */
export interface EngineModule {
  createEditorEngine(log: (line: string) => void, options?: EditorEngineOptions): EditorEngine;
}

/** Options of the editor's engine. */
export interface EditorEngineOptions {
  /** The extension's global storage directory: token counts are remembered there between sessions. */
  storageDir?: string;
}
