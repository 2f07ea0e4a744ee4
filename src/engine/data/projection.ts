/** Findings, recommendations and cost projections. Part of the shared data contract re-exported by ../model.ts. */
import type { Span, TaskType, TierLevel } from './callSite';
import type { RoutingStrategy } from './config';
import type { TokenRange } from './estimates';
import type { Fraction, Percent } from './units';

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
  passRate: Fraction;
  /** 95% Wilson interval. */
  interval: [Fraction, Fraction];
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

/** Which traffic rule of `tierwise.yml` gave a call site its rate (in resolution order). */
export type TrafficRule = 'annotation' | 'call-site' | 'path' | 'task' | 'default';

/** A call site's (or a task's) monthly traffic as `engine/cost/traffic.ts` resolves it. */
export interface TrafficResolution {
  /** Requests per month with growth applied: `basePerMonth x growthFactor`. */
  perMonth: number;
  rule: TrafficRule;
  /** Requests per month the rule states, before growth. */
  basePerMonth: number;
  /** `(1 + traffic.growthPerMonth) ^ traffic.monthsAhead` (1 without growth). */
  growthFactor: number;
  /** The rule's source, for explanation (`tierwise.yml traffic.tasks.classification (20000/day)`). */
  source: string;
}

/** Projected monthly cost of one costed call site, now and with its recommendation. */
export interface CallSiteProjection {
  callSiteId: string;
  span: Span;
  task: TaskType;
  /** Requests per month with growth applied (`baseRequestsPerMonth x growthFactor`). */
  requestsPerMonth: number;
  /** Where the rate came from, for explanation; `trafficRule` is the rule as data. */
  trafficSource: string;
  trafficRule: TrafficRule;
  /** Requests per month the traffic rule states, before growth. */
  baseRequestsPerMonth: number;
  /** Growth applied to the base rate (1 without growth). */
  growthFactor: number;
  /**
   * USD of ONE request now and with the recommendation (min/expected/max), so a surface can
   * re-cost the site under other traffic; null when unpriced.
   */
  perRequest: { current: CostRange | null; recommended: CostRange | null };
  currentModel: string | null;
  recommendedModel: string | null;
  tokens: { input: TokenRange; output: TokenRange };
  current: { breakdown: CostBreakdown; range: CostRange } | null;
  recommended: { breakdown: CostBreakdown; range: CostRange } | null;
  /** current.expected - recommended.expected (null when either is unpriced). */
  savingUsd: number | null;
  /** savingUsd / current.expected in percent (null when either is unpriced or current is 0). */
  savingPct: Percent | null;
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
  cascade?: { monthlyCost: number; escalationRate: Fraction; rateSource: 'profiling' | 'assumption' };
  /** Classifier routing: overhead per month and the volume above which it pays off. */
  classifier?: { overheadPerMonth: number; breakEvenRequestsPerMonth: number | null };
}

/**
 * Why a call site is left out of the projection's totals:
 * - `count-tokens`: token counting is free;
 * - `wrapper`: a wrapper whose cost its invocations carry;
 * - `not-costed`: not a costed request for another reason;
 * - `model-unknown`: the model is not statically known;
 * - `model-unpriced`: the model is not in the catalog or has no token prices;
 * - `recommended-unpriced`: the recommended model is unpriced or missing from the tiers.
 */
export type ExclusionCode = 'count-tokens' | 'wrapper' | 'not-costed' | 'model-unknown' | 'model-unpriced' | 'recommended-unpriced';

/** A call site left out of the totals: the reason as a code, and as text for people. */
export interface Exclusion {
  callSiteId: string;
  code: ExclusionCode;
  reason: string;
}

/** The cost projection of a workspace. */
export interface Projection {
  generatedAt: string;
  catalogAsOf: string;
  configFile: string | null;
  totals: { current: CostRange; recommended: CostRange; savingUsd: number; savingPct: Percent };
  byTask: TaskProjection[];
  callSites: CallSiteProjection[];
  /** Call sites left out of the totals, and why (unknown model, unpriced, count-tokens). */
  excluded: Exclusion[];
  assumptions: string[];
}
