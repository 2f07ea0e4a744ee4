/**
 * The recommendation policy as a table: each rule reads the context, may move the tier, and records
 * a RuleHit saying why. Rules run in this order; later rules see earlier decisions. Thresholds that
 * are not configuration live in POLICY_CONSTANTS with the reason for their value.
 */
import type { TierEvidence } from '../model';
import { tierLabel, type RuleContext, type RuleState } from './context';

/** Fixed policy numbers (not user configuration: they describe what the rules mean). */
export const POLICY_CONSTANTS = {
  /** Expected output (incl. thinking) at or above which an open-ended call is not a small-model call. */
  largeOpenEndedOutputTokens: 1000,
  /** Task confidence below which the call is flagged `low-confidence-task`. */
  lowConfidence: 0.6,
} as const;

/** One row of the policy table. */
export interface PolicyRule {
  id: string;
  /** What the rule does, for documentation and `--explain`. */
  summary: string;
  apply: (ctx: RuleContext, state: RuleState) => void;
}

const hit = (state: RuleState, rule: string, detail: string): void => {
  state.rules.push({ rule, detail });
};

function taskDefault(ctx: RuleContext, state: RuleState): void {
  const from = ctx.config.file ? `tasks.${ctx.task}.defaultTier in tierwise.yml or the built-in routing table` : 'the built-in routing table';
  state.tier = ctx.policy.defaultTier;
  hit(state, 'task-default', `${ctx.task} starts at ${tierLabel(ctx.config, state.tier)} (${from}); task inferred with confidence ${ctx.analyzed.task.confidence.toFixed(2)} (${ctx.analyzed.task.source})`);
}

function embedding(ctx: RuleContext, state: RuleState): void {
  if (ctx.analyzed.site.operation === 'embed') {
    state.keepModel = true;
    hit(state, 'embedding-untiered', 'embedding models are billed on input tokens only and are not interchangeable with chat tiers: the current model is kept');
    return;
  }
  const baseURL = ctx.analyzed.site.params.baseURL;
  if (ctx.analyzed.unpriced && baseURL) {
    state.keepModel = true;
    hit(state, 'self-hosted', `${ctx.currentModel} is served from a custom baseURL (\`${baseURL.expression}\`) and is not in the catalog: not moved to a hosted tier; add it to a tier and to pricing.overrides to compare`);
  }
}

function outputAwareness(ctx: RuleContext, state: RuleState): void {
  const { tokens, site } = ctx.analyzed;
  const out = tokens.output.expected + (tokens.thinking?.expected ?? 0);
  const cap = site.params.maxTokens?.candidates[0]?.value;
  const capText = cap === undefined ? 'no max_tokens cap' : `max_tokens ${cap}`;
  const thinking = tokens.thinking ? `, thinking budget ~${tokens.thinking.expected}` : '';
  const open = !site.params.structuredOutput;
  if (site.operation === 'embed') return;
  const detail = `expected output ~${tokens.output.expected} tokens${thinking} (${capText}; ${open ? 'open-ended' : 'structured'})`;
  const lowest = ctx.levels[0];
  if (open && out >= POLICY_CONSTANTS.largeOpenEndedOutputTokens && state.tier === lowest && ctx.levels.length > 1) {
    state.tier = ctx.levels[1];
    state.basis = 'output';
    hit(state, 'output-awareness', `${detail}: a large open-ended output is not a small-model task because its prompt is short; moved to ${tierLabel(ctx.config, state.tier)}`);
  } else {
    hit(state, 'output-size', `${detail}: output tokens are priced several times input and drive the cost estimate`);
  }
}

function describeEvidence(e: TierEvidence): string {
  return `tier ${e.tier} (${e.model}) passed ${e.passed}/${e.samples} = ${(e.passRate * 100).toFixed(1)}%`;
}

function profilingEvidence(ctx: RuleContext, state: RuleState): void {
  if (ctx.evidence.length === 0 || state.keepModel) return;
  const { tier1PassRate, monitorPassRate } = ctx.config.routing;
  const sorted = [...ctx.evidence].sort((a, b) => a.tier - b.tier);
  for (const e of sorted) {
    if (e.passRate >= tier1PassRate || e.passRate >= monitorPassRate) {
      state.tier = e.tier;
      state.basis = 'evidence';
      state.monitored = e.passRate < tier1PassRate;
      const band = state.monitored ? `in the monitoring band [${monitorPassRate}, ${tier1PassRate}): use it with quality monitoring` : `>= ${tier1PassRate}: route to it`;
      hit(state, 'profiling-evidence', `${describeEvidence(e)} (run ${e.runAt}), ${band}`);
      return;
    }
  }
  const highest = sorted[sorted.length - 1];
  const next = ctx.levels.find((l) => l > highest.tier) ?? highest.tier;
  state.tier = next;
  state.basis = 'evidence';
  hit(state, 'profiling-evidence', `${sorted.map(describeEvidence).join('; ')}: below ${monitorPassRate}, so ${tierLabel(ctx.config, next)}`);
}

function annotationTier(ctx: RuleContext, state: RuleState): void {
  const tier = ctx.analyzed.site.annotation?.tier;
  if (tier === undefined) return;
  const before = state.tier;
  state.tier = tier;
  state.basis = 'annotation';
  const note = state.rules.some((r) => r.rule === 'profiling-evidence') && before !== tier ? ` (profiling suggested tier ${before})` : '';
  hit(state, 'annotation', `the source annotation sets tier=${tier}${note}`);
}

function consequence(ctx: RuleContext, state: RuleState): void {
  if (ctx.consequence !== 'high') return;
  state.qualityGate = true;
  const held = state.basis === 'default' && ctx.currentTier !== null && state.tier < ctx.currentTier;
  if (held && ctx.currentTier !== null) state.tier = ctx.currentTier;
  const from = ctx.analyzed.site.annotation?.consequence ? 'the source annotation' : `tasks.${ctx.task}.consequence`;
  const detail = held
    ? `consequence high (${from}): not moved down from ${tierLabel(ctx.config, ctx.currentTier ?? state.tier)} on defaults alone; profile it to justify a cheaper tier`
    : `consequence high (${from})`;
  hit(state, 'consequence', `${detail}; a validation step is needed before the downstream action, whatever the tier`);
}

function contextGuard(ctx: RuleContext, state: RuleState): void {
  const maxInput = ctx.analyzed.tokens.input.max;
  const guard = ctx.config.routing.contextGuard;
  const details: string[] = [];
  state.feasibleTiers = ctx.levels.filter((level) => {
    const window = ctx.modelFor(level)?.info?.contextWindow;
    if (!window || maxInput <= guard * window) return true;
    details.push(`${ctx.modelFor(level)?.id} window ${window.toLocaleString('en-US')} x ${guard} = ${Math.floor(window * guard).toLocaleString('en-US')}`);
    return false;
  });
  if (details.length === 0) return;
  const feasible = state.feasibleTiers.find((l) => l >= state.tier) ?? state.feasibleTiers[state.feasibleTiers.length - 1];
  if (feasible !== undefined && feasible !== state.tier) {
    state.guardedFrom = state.tier;
    state.tier = feasible;
  }
  const moved = state.guardedFrom !== undefined ? `; moved to ${tierLabel(ctx.config, state.tier)}` : '';
  hit(state, 'context-guard', `max expected input ${maxInput.toLocaleString('en-US')} tokens exceeds ${details.join('; ')}: infeasible${moved}`);
}

/** The policy table, in evaluation order. */
export const POLICY_RULES: readonly PolicyRule[] = [
  { id: 'task-default', summary: "start from the task type's default tier", apply: taskDefault },
  { id: 'keep-model', summary: 'embeddings and unpriced self-hosted models keep their model', apply: embedding },
  { id: 'output-awareness', summary: 'a large open-ended output is not a small-model call', apply: outputAwareness },
  { id: 'profiling-evidence', summary: 'measured pass rates override defaults using the routing thresholds', apply: profilingEvidence },
  { id: 'annotation', summary: 'a `// tierwise: tier=` annotation overrides the file and the evidence', apply: annotationTier },
  { id: 'consequence', summary: 'high consequence: never moved down on defaults alone; a quality gate is needed', apply: consequence },
  { id: 'context-guard', summary: 'a tier whose model window cannot hold the max input (x guard) is infeasible', apply: contextGuard },
];
