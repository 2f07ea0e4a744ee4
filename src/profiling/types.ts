/**
 * Plain, JSON-serializable data of a profiling run (samples, plans, result records, summaries).
 * Shared by the CLI (`tierwise profile`) and the editor's profiling command through ./api.ts.
 */
import type { AnalyzedCallSite, Fraction, TaskType, TierLevel, TierwiseConfig, TokenPrices } from '../engine/model';

/** Providers the profiling runner can call (Google is not supported for profiling). */
export type ProfilingProvider = 'anthropic' | 'openai';

/** One message of a concrete request. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A fully concrete request: the call site's prompt with every hole filled by a sample. */
export interface ConcreteRequest {
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /**
   * The call site asks for structured output: the system prompt carries the expected shape, and
   * OpenAI-compatible requests set `response_format: json_object` (the SDK helpers that build
   * provider-native schemas, like zodResponseFormat, are not reproducible from static data).
   */
  json?: boolean;
}

/** One line of a samples JSONL file. */
export interface Sample {
  id: string;
  /** Values for the call site's prompt holes, by hole name. */
  vars?: Record<string, unknown>;
  /** Explicit messages (instead of filling a call site's prompt). */
  messages?: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  /** The expected result, read by the oracle. */
  expected?: unknown;
  /** Which call site's prompt to fill, when the task has several. */
  callSite?: string;
  /** Workspace-relative file and 1-based line the sample was read from. */
  file: string;
  line: number;
}

/** Result of grading one output. */
export interface OracleVerdict {
  pass: boolean;
  /** In [0, 1]. */
  score: number;
  reason: string;
  /** Cost of grading (LLM-rubric oracle only), reported separately from the run. */
  graderCostUsd?: number;
}

/** A quality oracle: the versioned, executable definition of "correct" for one task. */
export interface Oracle {
  /** The spec as written in tierwise.yml (`label-in-set:billing,bug`). */
  spec: string;
  /** Short hash of the spec plus the module/schema source: stored with every result. */
  version: string;
  /** True when grading calls a model (costs money; summaries do not re-grade with it). */
  usesModel: boolean;
  /**
   * Loads the code the oracle runs (a module oracle's import), throwing a TierwiseError when it
   * cannot. Building an oracle never executes user code; the runner calls this before sending.
   */
  prepare?(): Promise<void>;
  grade(output: string, sample: Sample, signal?: AbortSignal): Promise<OracleVerdict>;
}

/** The samples, oracle and call sites of one task, validated. */
export interface TaskInputs {
  task: TaskType;
  /** Workspace-relative samples file. */
  samplesFile: string;
  samples: Sample[];
  /** Call sites of this task in the scan (first by id first), plus any a sample names explicitly. */
  callSites: AnalyzedCallSite[];
  /** Sample id -> id of the call site whose prompt it fills (absent for explicit-messages samples without a site). */
  sampleSites: Record<string, string>;
  oracle: Oracle;
}

/** Everything a plan needs, validated before any request is sent. */
export interface ProfilingInputs {
  root: string;
  config: TierwiseConfig;
  tasks: TaskInputs[];
  /** Tasks with a samples file that could not be used, and why (non-fatal notes). */
  notes: string[];
}

/** One request of a plan: one sample through one model. */
export interface PlannedRequest {
  /** Stable identity `task|sampleId|model`; the resume key in the results log. */
  key: string;
  task: TaskType;
  tier: TierLevel;
  model: string;
  provider: ProfilingProvider;
  sampleId: string;
  callSiteId: string | null;
  request: ConcreteRequest;
  estInputTokens: number;
  /** Estimated cost at the expected output length (USD), null when the model is unpriced. */
  estCostUsd: number | null;
  /** Worst case: input plus `maxTokens` of output (USD); the budget reserves this. */
  maxCostUsd: number | null;
}

/** A model's prices as the plan uses them: the catalog's token prices (long-context tiers too) and the batch discount. */
export interface PlanPrice extends TokenPrices {
  /** Fraction off in batch mode (0.5 = half price). */
  batchDiscount: Fraction;
}

/** The dry run: what a run would do and cost, before anything is sent. */
export interface RunPlan {
  root: string;
  requests: PlannedRequest[];
  tasks: TaskType[];
  tiers: TierLevel[];
  models: Array<{ model: string; provider: ProfilingProvider; tier: TierLevel; price: PlanPrice | null }>;
  /** Requests already finished in the results log (skipped on run). */
  alreadyDone: number;
  estimatedCostUsd: number;
  maxCostUsd: number;
  /** Estimated wall time at the configured concurrency, seconds. */
  estimatedSeconds: number;
  /** How input tokens were counted: `tiktoken:o200k_base` or `anthropic:count_tokens`. */
  tokenMethod: string;
  batch: boolean;
  resultsFile: string;
  oracleVersions: Partial<Record<TaskType, string>>;
  /** Models left out (unsupported provider, unknown) with the reason. */
  skipped: string[];
}

/** Why a request failed. */
export type FailureKind =
  | 'rate-limit'
  | 'overloaded'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'client'
  | 'auth'
  | 'aborted';

/** A line of the results log: one finished request (success or final error). */
/** The identity a result shares with the request it answers (the resume key is `key`). */
export type RequestIdentity = Pick<PlannedRequest, 'key' | 'task' | 'tier' | 'model' | 'provider' | 'sampleId' | 'callSiteId'>;

export interface ResultRecord extends RequestIdentity {
  type: 'result';
  runId: string;
  ok: boolean;
  output?: string;
  /** The output was longer than the log keeps (graded in full, stored truncated; never re-graded). */
  outputTruncated?: boolean;
  /** The model the API says served the request (`response.model`). */
  servedModel?: string;
  error?: { kind: FailureKind; message: string; status?: number };
  pass?: boolean;
  score?: number;
  reason?: string;
  oracleVersion: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costUsd: number;
  graderCostUsd?: number;
  attempts: number;
  batchId?: string;
  at: string;
}

/** A line of the results log: a submitted batch (so a restart polls it instead of resubmitting). */
export interface BatchRecord {
  type: 'batch';
  batchId: string;
  provider: ProfilingProvider;
  model: string;
  /** custom_id -> request key. */
  customIds: Record<string, string>;
  runId: string;
  at: string;
}

/** Any line of the results log. */
export type LogRecord = ResultRecord | BatchRecord;

/** Progress of a run, for the terminal progress line and the editor. */
export interface ProgressEvent {
  done: number;
  total: number;
  errors: number;
  spentUsd: number;
  inFlight: number;
  /** Set while a provider is paused by a 429/529: milliseconds until it resumes. */
  backoff?: { provider: ProfilingProvider; untilMs: number; reason: string };
  /** The last finished request, when the event is about one. */
  last?: { key: string; ok: boolean; pass?: boolean };
}

/** The outcome of `runProfile`. */
export interface RunSummary {
  runId: string;
  resultsFile: string;
  total: number;
  completed: number;
  /** Finished before this run (resumed), not re-sent. */
  skippedDone: number;
  errors: number;
  spentUsd: number;
  graderSpentUsd: number;
  /** Requests not sent because the budget would have been exceeded. */
  budgetSkipped: number;
  cancelled: boolean;
  stoppedReason?: string;
  /** What the user should know that did not stop the run (a server reporting usage above max_tokens...). */
  notes: string[];
  /** Results received but not written to the results log (it could not be written); empty normally. */
  unsaved: ResultRecord[];
}

/** Per task x model measurements. */
export interface TierResult {
  task: TaskType;
  tier: TierLevel;
  model: string;
  samples: number;
  graded: number;
  passed: number;
  errors: number;
  passRate: number;
  /** Wilson 95% interval of the pass rate. */
  interval: [number, number];
  meanScore: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  meanInputTokens: number;
  meanOutputTokens: number;
  costUsd: number;
  graderCostUsd: number;
  /** Requests per month times measured tokens times the model's prices; null when unpriced. */
  projectedMonthlyUsd: number | null;
  oracleVersions: string[];
  runAt: string;
}

/** The routing decision for one task, from the config thresholds. */
export interface TaskDecision {
  task: TaskType;
  tier: TierLevel;
  model: string;
  /**
   * `route`: pass rate >= tier1PassRate; `monitor`: in [monitorPassRate, tier1PassRate); `fallback`: no
   * tier met the bar; `insufficient`: too few graded samples to decide (never applied to the config).
   */
  mode: 'route' | 'monitor' | 'fallback' | 'insufficient';
  passRate: number;
  reason: string;
  projectedMonthlyUsd: number | null;
  requestsPerMonth: number;
}

/** Per task x tier results and the decisions. */
export interface ProfileSummary {
  rows: TierResult[];
  decisions: TaskDecision[];
  totalCostUsd: number;
  graderCostUsd: number;
}
