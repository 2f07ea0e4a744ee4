/** Findings, recommendations and cost projections. Part of the shared data contract re-exported by ../model.ts. */
import type { Span, TaskType, TierLevel } from './callSite';
import type { RoutingStrategy } from './config';
import type { TokenRange } from './estimates';

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
