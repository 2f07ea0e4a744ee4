/**
 * Plain, JSON-serializable data shared by every Tierwise layer (engine, CLI, profiling, review,
 * protocol, webview, editor glue). Nothing here may reference ts-morph, TypeScript or `vscode`.
 *
 * Conventions:
 * - Paths in data are workspace-relative, POSIX separators (`src/llm/triage.ts`).
 * - Positions are 0-based (line and character), like LSP and `vscode.Position`.
 * - Money is US dollars (number), token counts are integers.
 * - "Unknown is a value": when something cannot be resolved statically the data says so with a
 *   reason and the expression text; nothing is silently defaulted.
 */

// ---------------------------------------------------------------------------------------------
// Locations

/** A 0-based position in a file. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a workspace file. `file` is workspace-relative with POSIX separators. */
export interface Span {
  file: string;
  start: Position;
  end: Position;
}

// ---------------------------------------------------------------------------------------------
// Providers, SDKs and APIs

/** The organisation that serves the model (decides prices and tier lists). */
export type Provider = 'anthropic' | 'openai' | 'google' | 'unknown';

/** The client library the call goes through. */
export type SdkId = 'anthropic' | 'openai' | 'ai-sdk' | 'langchain' | 'google-genai';

/**
 * What the request does, for costing:
 * - `generate`: a generation request billed on input + output tokens;
 * - `embed`: an embedding request billed on input tokens only;
 * - `count-tokens`: free token counting (reported, never costed);
 * - `batch`: a batch submission (each request inside is costed at the batch discount).
 */
export type Operation = 'generate' | 'embed' | 'count-tokens' | 'batch';

/** The task types Tierwise reasons about (MISSION.md routing table plus chat/embedding/other). */
export type TaskType =
  | 'classification'
  | 'extraction'
  | 'summarization'
  | 'rag_answer'
  | 'reasoning'
  | 'code_generation'
  | 'chat'
  | 'embedding'
  | 'other';

export const TASK_TYPES: readonly TaskType[] = [
  'classification',
  'extraction',
  'summarization',
  'rag_answer',
  'reasoning',
  'code_generation',
  'chat',
  'embedding',
  'other',
];

/** Blast radius of a wrong answer. */
export type Consequence = 'low' | 'medium' | 'high';

/** Tier level: 1 = small, 2 = mid, 3 = frontier. Config may define more tiers; levels are 1-based. */
export type TierLevel = number;

// ---------------------------------------------------------------------------------------------
// Statically resolved values

/** How a candidate value was obtained (one step per hop, in order from the call site outwards). */
export type ValueSourceKind =
  | 'literal'
  | 'const'
  | 'enum-member'
  | 'object-property'
  | 'template'
  | 'env-default'
  | 'conditional'
  | 'parameter-default'
  | 'caller-argument'
  | 'union-type'
  | 'file-read'
  | 'provider-factory'
  | 'client-default';

/** One hop of a resolution chain: what kind of step, the expression text and where it is written. */
export interface ResolutionStep {
  kind: ValueSourceKind;
  /** The source text of the expression at this hop (trimmed to 200 characters). */
  expression: string;
  span: Span;
  /** For `env-default`: the environment variable name. */
  envVar?: string;
  /** Free text, e.g. the condition of a conditional branch. */
  note?: string;
}

/** A value that could not be resolved statically, and why. */
export interface UnknownValue {
  reason: string;
  /** The source text of the expression that could not be resolved (trimmed to 200 characters). */
  expression: string;
  span?: Span;
}

/** One possible value with the chain that produced it. `definedAt` is where an edit would change it. */
export interface Candidate<T> {
  value: T;
  via: ResolutionStep[];
  /** Where the value is literally written (the place a quick fix edits). */
  definedAt: Span;
}

/**
 * The statically resolved value of an expression: zero or more candidates, plus `unknown` entries
 * for branches that could not be resolved. `status` summarises: `resolved` (all branches known),
 * `partial` (some known, some unknown) or `unknown` (none known).
 */
export interface Resolved<T> {
  status: 'resolved' | 'partial' | 'unknown';
  candidates: Candidate<T>[];
  unknown: UnknownValue[];
  /** The expression text at the call site. */
  expression: string;
}

/** The model a call site uses. */
export interface ModelRef extends Resolved<string> {
  /** True when a model id string literal is written directly in the call (not in configuration). */
  hardCoded: boolean;
}

// ---------------------------------------------------------------------------------------------
// Prompts and parameters

/** A piece of prompt text: static text, or a named hole (an interpolated/dynamic expression). */
export type PromptSegment =
  | { kind: 'text'; text: string; source?: { kind: 'inline' | 'const' | 'file'; span?: Span; path?: string } }
  | {
      kind: 'hole';
      /** A stable, human-meaningful name: the identifier or property path (`ticket.body`, `context`). */
      name: string;
      expression: string;
      span?: Span;
    };

/** One message (or the system prompt / single-string prompt) of a request. */
export interface PromptPart {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'developer' | 'input';
  segments: PromptSegment[];
}

/** The statically known shape of a request's prompt. */
export interface PromptShape {
  parts: PromptPart[];
  /** Messages/arrays whose content could not be resolved at all (e.g. `messages: history`). */
  unknown: UnknownValue[];
}

/** Structured output requested from the model. */
export interface StructuredOutput {
  kind: 'json-schema' | 'json-object' | 'zod' | 'tool-choice' | 'other';
  /** Number of leaf fields in the schema, when known. */
  fieldCount?: number;
  /** Compact JSON/text rendering of the schema when statically known (used for output sizing). */
  schemaText?: string;
  /** Enum/label values found in the schema (a closed label set hints classification). */
  labels?: string[];
}

/** Request parameters that drive cost and task inference. */
export interface CallParams {
  /** Output cap (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, `maxTokens`, `maxOutputTokens`). */
  maxTokens?: Resolved<number>;
  temperature?: number;
  tools?: { count: number; schemaText?: string };
  structuredOutput?: StructuredOutput;
  stream: boolean;
  /** Extended thinking / reasoning budget in tokens, when set. */
  thinkingBudget?: Resolved<number>;
  /** Reasoning effort (`low|medium|high`) for models that take one. */
  reasoningEffort?: string;
  /** A prompt-cache marker (`cache_control`) is present; `cachedPrefixText` is the static text before it. */
  promptCache?: { marked: boolean; cachedPrefixText?: string };
  /** The request is submitted through a batch API. */
  batch: boolean;
  /** For OpenAI-compatible clients built with a `baseURL`. */
  baseURL?: Resolved<string>;
}

/** A `// tierwise: key=value ...` annotation attached to a call site (overrides config and inference). */
export interface Annotation {
  task?: TaskType;
  tier?: TierLevel;
  /** Requests per month, normalised from `20000/day`, `600000/month`. */
  trafficPerMonth?: number;
  consequence?: Consequence;
  /** Raw key/values, including ones Tierwise does not interpret. */
  raw: Record<string, string>;
  span: Span;
  /** Problems in the annotation text (unknown key, bad value) with the fix. */
  problems: string[];
}

/** Facts around the call that the readiness audit reads (follows the result variable). */
export interface CallObservability {
  /** The response's served `model` is read or logged after the call. */
  readsResponseModel: boolean;
  /** The response's `usage` is read or logged after the call. */
  readsUsage: boolean;
  /** A task tag travels with the request (metadata, headers, user, a wrapper argument). */
  taskTag?: { how: string; span: Span };
  /** A size check (length/token count comparison) guards the call. */
  contextGuard?: { expression: string; span: Span };
}

// ---------------------------------------------------------------------------------------------
// Call sites

/**
 * Role of a call-site record:
 * - `direct`: an SDK call whose values resolve where it is written;
 * - `wrapper`: an SDK call inside a function whose model (or prompt) comes from its parameters;
 *   its cost is carried by its `invocation` records, so a wrapper is never costed itself when it
 *   has invocations;
 * - `invocation`: a call of a wrapper function, with the values bound at that caller.
 */
export type CallSiteRole = 'direct' | 'wrapper' | 'invocation';

/** One LLM request site, as found and resolved by static analysis. */
export interface CallSite {
  /**
   * Stable identity: `relative/path.ts#EnclosingDecl#ordinal` (ordinal of SDK calls within that
   * declaration). Survives edits elsewhere in the file. Invocations:
   * `caller/path.ts#CallerDecl#ordinal@<wrapper id>`.
   */
  id: string;
  role: CallSiteRole;
  /** For `invocation`: the wrapper call site's id. For `wrapper`: ids of its invocations. */
  wrapperId?: string;
  invocationIds?: string[];
  /** The call expression (for invocations: the wrapper call at the caller). */
  span: Span;
  /** Name of the enclosing function/method/class member (`TicketService.classify`), or `<module>`. */
  enclosing: string;
  sdk: SdkId;
  provider: Provider;
  /** The API path as written in SDK terms: `messages.create`, `chat.completions.parse`, `generateText`, `ChatAnthropic.invoke`. */
  api: string;
  operation: Operation;
  /** The text of the client/receiver expression (`this.llm`, `anthropic`), for explanation. */
  client?: string;
  model: ModelRef;
  prompt: PromptShape;
  params: CallParams;
  annotation?: Annotation;
  observability: CallObservability;
  /** For batch submissions: number of requests when statically known. */
  batchSize?: Resolved<number>;
  /** Why this call was recognised as an LLM call (import chain, type). */
  detection: string[];
}

/** A file that could not be analysed; the scan continues without it. */
export interface FileProblem {
  file: string;
  severity: 'error' | 'warning';
  message: string;
  /** What the user can do about it. */
  fix?: string;
  position?: Position;
}

// ---------------------------------------------------------------------------------------------
// Catalog

/** Price per million tokens, in USD. */
export interface TokenPrices {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  /** Higher prices that apply when the prompt exceeds `aboveInputTokens` (long-context surcharge). */
  tiers?: Array<{ aboveInputTokens: number; inputPerMTok: number; outputPerMTok: number }>;
}

/** One model as the catalog knows it. */
export interface ModelInfo {
  id: string;
  provider: Provider;
  name?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  prices?: TokenPrices;
  /** Fraction off for batch APIs (0.5 = half price). */
  batchDiscount?: number;
  deprecated?: boolean;
  retired?: boolean;
  /** Where the data came from: the bundled catalog, a fetched update, or a config override. */
  source: 'genai-prices' | 'catalog-update' | 'config-override';
  /** Date (YYYY-MM-DD) the price data is valid as of. */
  asOf: string;
}

/** The result of looking a model id up in the catalog. */
export type CatalogLookup =
  | { found: true; model: ModelInfo; matchedAs: string }
  | { found: false; id: string; nearest: string[] };

// ---------------------------------------------------------------------------------------------
// Estimates and inference

/** A token count as a range. */
export interface TokenRange {
  min: number;
  expected: number;
  max: number;
}

/** Size of one prompt hole and where the size came from. */
export interface HoleEstimate {
  name: string;
  tokens: TokenRange;
  source: 'config' | 'default' | 'annotation' | 'samples';
}

/** Token estimate of one call site for one model. */
export interface TokenEstimate {
  input: TokenRange;
  output: TokenRange;
  /** Thinking/reasoning tokens (billed as output), when a budget is set. */
  thinking?: TokenRange;
  /** Tokens of the static prompt text (system + messages + tool/schema definitions). */
  staticInputTokens: number;
  holes: HoleEstimate[];
  /** Tokens of the cacheable static prefix, when a cache marker is present. */
  cachedPrefixTokens?: number;
  /** `tiktoken:o200k_base`, `calibrated:claude`, ... */
  method: string;
  reasons: string[];
}

/** Task type inferred for a call site, with confidence in [0, 1] and its reasons. */
export interface TaskInference {
  task: TaskType;
  confidence: number;
  source: 'annotation' | 'config' | 'inferred';
  reasons: string[];
  /** Runner-up task types with their scores, for explanation. */
  alternatives: Array<{ task: TaskType; confidence: number }>;
}

/** A call site with its estimates, as `tierwise scan` reports it. */
export interface AnalyzedCallSite {
  site: CallSite;
  task: TaskInference;
  /** Model used for the estimate (first resolved candidate), or null when unknown. */
  modelId: string | null;
  model?: ModelInfo;
  /** Set when the model is unknown to the catalog: the nearest known ids. */
  unpriced?: { id: string; nearest: string[] };
  tokens: TokenEstimate;
  /** Cost of 1,000 calls at the expected estimate, when priced. */
  costPer1k?: TokenRange;
  /** Costed units: false for wrappers carried by invocations and for count-tokens calls. */
  costed: boolean;
  /** How the cost was (or was not) computed: model and price source, tier, batch discount, lifecycle flags. */
  costReasons?: string[];
}

/** Result of a workspace scan. */
export interface ScanResult {
  /** Absolute workspace root. */
  root: string;
  filesScanned: number;
  filesWithSdkImports: number;
  callSites: AnalyzedCallSite[];
  problems: FileProblem[];
  catalogAsOf: string;
  /** Milliseconds spent, for progress and benchmarks. */
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Configuration (tierwise.yml), after validation and defaults

/** A request rate, normalised to requests per month (30 days a month). */
export interface TrafficRate {
  perMonth: number;
  /** Where the figure came from, for explanation: `tierwise.yml traffic.tasks.classification`. */
  source: string;
}

/** One tier: a level and the models that belong to it, per provider. */
export interface TierDefinition {
  level: TierLevel;
  name: string;
  models: Partial<Record<Provider, string[]>>;
}

/** Routing strategy for a task (MISSION.md: rule-based, content-based classifier, cascade). */
export type RoutingStrategy = 'rule' | 'classifier' | 'cascade';

/** The task profile audit's columns for one task type. */
export interface TaskPolicy {
  description?: string;
  /** Reference to the quality oracle (file path or built-in name). */
  oracle?: string;
  consequence: Consequence;
  defaultTier: TierLevel;
  escalateWhen?: string;
  /** Expected output tokens for calls of this task (overrides the task-type default). */
  expectedOutputTokens?: number;
  strategy: RoutingStrategy;
  /** Requests of this task can go through a batch API (discounted). */
  batchable: boolean;
}

/** Provider endpoint settings for profiling (keys never live here: only the env var name). */
export interface ProviderEndpoint {
  baseURL?: string;
  apiKeyEnv: string;
  /** Maximum requests in flight to this provider. */
  concurrency: number;
}

/** Validated configuration with defaults applied. */
export interface TierwiseConfig {
  /** Absolute path of the file this came from, or null when defaults only. */
  file: string | null;
  tiers: TierDefinition[];
  tasks: Record<TaskType, TaskPolicy>;
  traffic: {
    default: TrafficRate;
    tasks: Partial<Record<TaskType, TrafficRate>>;
    callSites: Record<string, TrafficRate>;
    paths: Array<{ glob: string; rate: TrafficRate }>;
    /** Monthly growth as a fraction (0.1 = +10%/month), applied by `monthsAhead`. */
    growthPerMonth: number;
    monthsAhead: number;
  };
  routing: {
    /** Pass rate at or above which tier 1 is used. */
    tier1PassRate: number;
    /** Pass rate at or above which tier 1 is used with quality monitoring. */
    monitorPassRate: number;
    /** Fraction of the tier-1 model's context window above which tier 1 is infeasible. */
    contextGuard: number;
    /** Assumed cascade escalation rate when profiling has not measured one. */
    assumedEscalationRate: number;
    /** Per-query cost of a content-based classifier router, USD. */
    classifierCostPerQuery: number;
    /**
     * Fixed monthly cost of operating a classifier router (hosting, upkeep), USD; with the per-query
     * saving it sets the break-even volume. Absent = 0 (then any positive net saving pays off).
     */
    classifierFixedCostPerMonth?: number;
    /**
     * Graded profiling samples each compared tier needs before a routing decision is made
     * (fewer = `insufficient`, e.g. after a cancelled run). Absent = 10.
     */
    minProfilingSamples?: number;
  };
  pricing: {
    /** Per-model overrides; `prices` may set only some fields (the rest come from the catalog). */
    overrides: Record<string, Omit<Partial<ModelInfo>, 'prices'> & { prices?: Partial<TokenPrices> }>;
    /** Fraction of the static prompt prefix served from cache (0..1) where a cache marker is present. */
    cacheHitRate: number;
  };
  /** Hole sizes by name (`context`, `ticket.body`), in tokens. */
  holes: Record<string, TokenRange>;
  /** Default hole size when a hole has no configured size. */
  defaultHole: TokenRange;
  profiling: {
    samplesDir: string;
    resultsDir: string;
    budgetUsd: number;
    confirmAboveUsd: number;
    timeoutMs: number;
    maxRetries: number;
    providers: Partial<Record<Provider, ProviderEndpoint>>;
    /** Cheap model used by the LLM-rubric oracle. */
    graderModel?: string;
  };
}

/** A configuration problem with file:line:column and the fix. */
export interface ConfigProblem {
  file: string;
  /** 1-based line, as printed in `file:line:column` (subtract 1 for an editor position). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path of the offending field (`routing.contextGuard`). */
  field: string;
  message: string;
  fix: string;
}

// ---------------------------------------------------------------------------------------------
// Recommendations and projections

/** Stable codes for findings, shared by CLI, diagnostics and reports. */
export type FindingCode =
  | 'downgrade-opportunity'
  | 'context-guard-risk'
  | 'unknown-model'
  | 'unpriced-model'
  | 'deprecated-model'
  | 'hard-coded-model'
  | 'low-confidence-task'
  | 'quality-gate-needed';

/** A finding about a call site, with the stable code and the message shown to the user. */
export interface Finding {
  code: FindingCode;
  message: string;
  span: Span;
}

/** One rule of the recommendation table that fired, in order. */
export interface RuleHit {
  rule: string;
  detail: string;
}

/** Measured evidence from profiling for one task x tier. */
export interface TierEvidence {
  task: TaskType;
  tier: TierLevel;
  model: string;
  samples: number;
  passed: number;
  passRate: number;
  /** 95% Wilson interval. */
  interval: [number, number];
  meanInputTokens: number;
  meanOutputTokens: number;
  /** ISO timestamp of the run. */
  runAt: string;
}

/** The tier and model Tierwise suggests for a call site, with every rule that produced it. */
export interface Recommendation {
  callSiteId: string;
  currentModel: string | null;
  currentTier: TierLevel | null;
  suggestedTier: TierLevel;
  suggestedModel: string | null;
  strategy: RoutingStrategy;
  /** A validation step is needed before the downstream action, whatever the tier. */
  qualityGate: boolean;
  /** The tier came from profiling's monitoring band: use it with production quality monitoring. */
  monitored?: boolean;
  /** The tiers in which this call is feasible (context guard). */
  feasibleTiers: TierLevel[];
  rules: RuleHit[];
  findings: Finding[];
  evidence?: TierEvidence[];
}

/** Monthly USD cost split by component. `total` = input + output + thinking - savings. */
export interface CostBreakdown {
  input: number;
  output: number;
  thinking: number;
  cacheSavings: number;
  batchSavings: number;
  total: number;
}

/** A monthly cost range. */
export interface CostRange {
  min: number;
  expected: number;
  max: number;
}

/** Projected monthly cost of one costed call site, now and with its recommendation. */
export interface CallSiteProjection {
  callSiteId: string;
  span: Span;
  task: TaskType;
  requestsPerMonth: number;
  trafficSource: string;
  currentModel: string | null;
  recommendedModel: string | null;
  tokens: { input: TokenRange; output: TokenRange };
  current: { breakdown: CostBreakdown; range: CostRange } | null;
  recommended: { breakdown: CostBreakdown; range: CostRange } | null;
  /** current.expected - recommended.expected (null when either is unpriced). */
  savingUsd: number | null;
  savingPct: number | null;
  recommendation: Recommendation;
}

/** Per-task totals. */
export interface TaskProjection {
  task: TaskType;
  callSites: number;
  requestsPerMonth: number;
  current: CostRange;
  recommended: CostRange;
  strategy: RoutingStrategy;
  /** Cascade: tier-1 cost + escalation rate x tier-2 cost; `rateSource` says measured or assumed. */
  cascade?: { monthlyCost: number; escalationRate: number; rateSource: 'profiling' | 'assumption' };
  /** Classifier routing: overhead per month and the volume above which it pays off. */
  classifier?: { overheadPerMonth: number; breakEvenRequestsPerMonth: number | null };
}

/** The cost projection of a workspace. */
export interface Projection {
  generatedAt: string;
  catalogAsOf: string;
  configFile: string | null;
  totals: { current: CostRange; recommended: CostRange; savingUsd: number; savingPct: number };
  byTask: TaskProjection[];
  callSites: CallSiteProjection[];
  /** Call sites left out of the totals, and why (unknown model, unpriced, count-tokens). */
  excluded: Array<{ callSiteId: string; reason: string }>;
  assumptions: string[];
}
