/** The model catalog's data, token estimates and task inference. Part of the shared data contract re-exported by ../model.ts. */
import type { CallSite, FileProblem, Provider, TaskType } from './callSite';
import type { Fraction } from './units';

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
  batchDiscount?: Fraction;
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
  /** Why `costed` is false: the reason as a code, and as text (also the last of `costReasons`). */
  notCosted?: { code: 'count-tokens' | 'wrapper'; reason: string };
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
