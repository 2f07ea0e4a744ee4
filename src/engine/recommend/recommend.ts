/**
 * `recommend`: the tier and model Tierwise suggests for one call site, with every rule that fired
 * (see ./rules.ts) and the findings a user acts on.
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalyzedCallSite, Finding, Recommendation, TierEvidence, TierwiseConfig } from '../model';
import { billingFor, requestBreakdown } from '../cost/price';
import { buildContext, tierLabel, type RuleContext, type RuleState } from './context';
import { pct, usd } from '../../format';
import { POLICY_CONSTANTS, POLICY_RULES } from './rules';

function chooseModel(ctx: RuleContext, state: RuleState): string | null {
  if (state.keepModel) return ctx.currentModel;
  const choice = ctx.modelFor(state.tier);
  const why = choice
    ? ctx.currentTier === state.tier && choice.id === ctx.currentModel
      ? `${choice.id} is already in ${tierLabel(ctx.config, state.tier)}: kept`
      : `${choice.id}: the ${ctx.provider === 'unknown' ? 'first' : `${ctx.provider}`} model listed in ${tierLabel(ctx.config, state.tier)}`
    : `no ${ctx.provider} model is listed in ${tierLabel(ctx.config, state.tier)}: add one under tiers`;
  state.rules.push({ rule: 'model-choice', detail: why });
  return choice?.id ?? null;
}

/** Expected USD per 1,000 calls at a model, or null when it is unpriced. */
function per1k(ctx: RuleContext, modelId: string | null): number | null {
  if (!modelId) return null;
  const found = ctx.catalog.lookup(modelId, ctx.provider === 'unknown' ? undefined : ctx.provider);
  if (!found.found) return null;
  const cost = requestBreakdown(found.model, ctx.analyzed.tokens, 'expected', billingFor(ctx.analyzed, found.model, ctx.config, false));
  return cost ? cost.total * 1000 : null;
}


function modelFindings(ctx: RuleContext): Finding[] {
  const { site, unpriced, model } = ctx.analyzed;
  const out: Finding[] = [];
  if (!ctx.currentModel) {
    const why = site.model.unknown[0];
    out.push({ code: 'unknown-model', span: site.span, message: `the model of this call cannot be resolved statically${why ? `: ${why.reason} (\`${why.expression}\`)` : ''}; annotate it or make it a constant so it can be costed` });
  }
  if (unpriced) {
    out.push({ code: 'unpriced-model', span: site.span, message: `${unpriced.id} is not in the price catalog${unpriced.nearest.length ? `; nearest known: ${unpriced.nearest.join(', ')}` : ''}. Fix the id or add pricing.overrides.${unpriced.id} in tierwise.yml` });
  }
  if (model?.deprecated || model?.retired) {
    out.push({ code: 'deprecated-model', span: site.span, message: `${model.id} is ${model.retired ? 'retired' : 'deprecated'} in the catalog: move to a current model of the same tier` });
  }
  if (site.model.hardCoded) {
    const at = site.model.candidates[0]?.definedAt ?? site.span;
    out.push({ code: 'hard-coded-model', span: at, message: `the model id ${ctx.currentModel ?? site.model.expression} is a literal at the call site: move it to configuration (a models config object or tierwise.yml tiers) so routing can change without a code edit` });
  }
  return out;
}

function findings(ctx: RuleContext, state: RuleState, suggestedModel: string | null): Finding[] {
  const { site, task } = ctx.analyzed;
  const out = modelFindings(ctx);
  if (task.confidence < POLICY_CONSTANTS.lowConfidence && !site.annotation?.task) {
    out.push({ code: 'low-confidence-task', span: site.span, message: `task type ${task.task} inferred with low confidence (${task.confidence.toFixed(2)}); confirm it with \`// tierwise: task=<type>\`` });
  }
  const guardHit = state.rules.find((r) => r.rule === 'context-guard');
  if (guardHit && !state.feasibleTiers.includes(ctx.levels[0]) && (ctx.currentTier === ctx.levels[0] || state.guardedFrom === ctx.levels[0])) {
    const guard = site.observability.contextGuard;
    const existing = guard ? ` A size check exists (\`${guard.expression}\`, line ${guard.span.start.line + 1}); make sure large inputs bypass tier 1.` : ' Add a context-length guard that routes large inputs to a bigger tier.';
    out.push({ code: 'context-guard-risk', span: site.span, message: `${guardHit.detail}.${existing}` });
  }
  if (state.qualityGate) {
    out.push({ code: 'quality-gate-needed', span: site.span, message: `${ctx.task} has a high consequence: validate the output before the downstream action (separately from the tier choice)` });
  }
  if (ctx.currentTier !== null && state.tier < ctx.currentTier && !state.keepModel) {
    const now = per1k(ctx, ctx.currentModel);
    const then = per1k(ctx, suggestedModel);
    const saving = now !== null && then !== null && now > then ? `: ${usd(then)} instead of ${usd(now)} per 1,000 calls (-${pct((now - then) / now, 0)})` : '';
    out.push({ code: 'downgrade-opportunity', span: site.span, message: `${ctx.task} can use ${tierLabel(ctx.config, state.tier)}${suggestedModel ? ` (${suggestedModel})` : ''}${saving}${state.monitored ? ', with quality monitoring' : ''}` });
  }
  return out;
}

/**
 * Recommends a tier and model for one analysed call site. `evidence` is profiling results (any
 * task; the rules use this call's task). Pure: no I/O.
 */
export function recommend(analyzed: AnalyzedCallSite, config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[] = []): Recommendation {
  const ctx = buildContext(analyzed, config, catalog, evidence);
  const state: RuleState = { tier: ctx.policy.defaultTier, basis: 'default', monitored: false, qualityGate: false, feasibleTiers: ctx.levels, keepModel: false, rules: [] };
  for (const rule of POLICY_RULES) rule.apply(ctx, state);
  if (ctx.currentModel && ctx.currentTier === null && !state.keepModel) {
    state.rules.push({ rule: 'current-tier', detail: `${ctx.currentModel} is in no tier of the configuration: add it to a tier in tierwise.yml to compare tiers` });
  }
  const suggestedModel = chooseModel(ctx, state);
  const strategy = (['rule', 'classifier', 'cascade'] as const).find((s) => s === analyzed.site.annotation?.raw.strategy) ?? ctx.policy.strategy;
  const recommendation: Recommendation = {
    callSiteId: analyzed.site.id,
    currentModel: ctx.currentModel,
    currentTier: ctx.currentTier,
    suggestedTier: state.tier,
    suggestedModel,
    strategy,
    qualityGate: state.qualityGate,
    monitored: state.monitored,
    feasibleTiers: state.feasibleTiers,
    rules: state.rules,
    findings: findings(ctx, state, suggestedModel),
  };
  if (ctx.evidence.length) recommendation.evidence = ctx.evidence;
  return recommendation;
}
