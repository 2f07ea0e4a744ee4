/** Validated `tierwise.yml` configuration and its problems. Part of the shared data contract re-exported by ../model.ts. */
import type { Consequence, Provider, TaskType, TierLevel } from './callSite';
import type { ModelInfo, TokenPrices, TokenRange } from './estimates';
import type { Fraction } from './units';

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
    growthPerMonth: Fraction;
    monthsAhead: number;
  };
  routing: {
    /** Pass rate at or above which tier 1 is used. */
    tier1PassRate: Fraction;
    /** Pass rate at or above which tier 1 is used with quality monitoring. */
    monitorPassRate: Fraction;
    /** Fraction of the tier-1 model's context window above which tier 1 is infeasible. */
    contextGuard: Fraction;
    /** Assumed cascade escalation rate when profiling has not measured one. */
    assumedEscalationRate: Fraction;
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
    cacheHitRate: Fraction;
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
