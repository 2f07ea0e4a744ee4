/**
 * What the recommendation rules read about one call site: the effective task, policy and
 * consequence (annotations win), the current model and the tier it belongs to, and the tier
 * models of the call's provider resolved through the catalog.
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalyzedCallSite, Consequence, ModelInfo, Provider, RuleHit, TaskPolicy, TaskType, TierDefinition, TierEvidence, TierLevel, TierwiseConfig } from '../model';

/** Inputs of every rule (read-only). */
export interface RuleContext {
  analyzed: AnalyzedCallSite;
  config: TierwiseConfig;
  catalog: Catalog;
  task: TaskType;
  policy: TaskPolicy;
  consequence: Consequence;
  provider: Provider;
  currentModel: string | null;
  currentTier: TierLevel | null;
  /** Tier levels ascending. */
  levels: TierLevel[];
  /** Profiling evidence for this task. */
  evidence: TierEvidence[];
  /** The preferred model of the call's provider in a tier (the current model when it is in that tier). */
  modelFor(level: TierLevel): { id: string; info?: ModelInfo } | null;
}

/** What the rules decide, in order. */
export interface RuleState {
  tier: TierLevel;
  /** What set the tier last: defaults, output awareness, evidence or an annotation. */
  basis: 'default' | 'output' | 'evidence' | 'annotation';
  monitored: boolean;
  qualityGate: boolean;
  feasibleTiers: TierLevel[];
  /** The tier before the context guard moved it, when it did. */
  guardedFrom?: TierLevel;
  /** Keep the current model (embeddings are not tiered). */
  keepModel: boolean;
  rules: RuleHit[];
}

function canonical(catalog: Catalog, id: string, provider: Provider): string {
  const found = catalog.lookup(id, provider === 'unknown' ? undefined : provider);
  return (found.found ? found.model.id : id).toLowerCase();
}

/** The tier whose model list (of any provider) contains `modelId`, aliases and snapshots included. */
export function tierOf(tiers: readonly TierDefinition[], catalog: Catalog, modelId: string, provider: Provider): TierLevel | null {
  const wanted = canonical(catalog, modelId, provider);
  for (const tier of tiers) {
    for (const [p, ids] of Object.entries(tier.models)) {
      if ((ids ?? []).some((id) => id.toLowerCase() === modelId.toLowerCase() || canonical(catalog, id, p as Provider) === wanted)) return tier.level;
    }
  }
  return null;
}

/** Builds the context of one call site. */
export function buildContext(analyzed: AnalyzedCallSite, config: TierwiseConfig, catalog: Catalog, evidence: readonly TierEvidence[]): RuleContext {
  const annotation = analyzed.site.annotation;
  const task = annotation?.task ?? analyzed.task.task;
  const policy = config.tasks[task];
  const provider: Provider = analyzed.model && analyzed.model.provider !== 'unknown' ? analyzed.model.provider : analyzed.site.provider;
  const currentModel = analyzed.modelId;
  const currentTier = currentModel ? tierOf(config.tiers, catalog, currentModel, provider) : null;
  const modelFor = (level: TierLevel): { id: string; info?: ModelInfo } | null => {
    const tier = config.tiers.find((t) => t.level === level);
    if (!tier) return null;
    const ids = provider === 'unknown' ? Object.values(tier.models).flat() : tier.models[provider] ?? [];
    const id = currentModel && currentTier === level ? currentModel : ids[0];
    if (!id) return null;
    const found = catalog.lookup(id, provider === 'unknown' ? undefined : provider);
    return found.found ? { id, info: found.model } : { id };
  };
  return {
    analyzed, config, catalog, task, policy, provider, currentModel, currentTier, modelFor,
    consequence: annotation?.consequence ?? policy.consequence,
    levels: config.tiers.map((t) => t.level).sort((a, b) => a - b),
    evidence: evidence.filter((e) => e.task === task),
  };
}

/** `tier 1 (small)`. */
export function tierLabel(config: TierwiseConfig, level: TierLevel): string {
  const tier = config.tiers.find((t) => t.level === level);
  return tier ? `tier ${level} (${tier.name})` : `tier ${level}`;
}
