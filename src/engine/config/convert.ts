/**
 * Applies a validated (and pruned) `tierwise.yml` object over `defaultConfig()`. Sections merge
 * field by field, except `tiers`, which replaces the default tier list when given (tier membership
 * is a reviewed decision, never half-inherited).
 */
import type { Provider, TaskPolicy, TaskType, TierDefinition, TierwiseConfig, TokenPrices, TokenRange, TrafficRate } from '../model';
import { TASK_TYPES } from '../model';
import { defaultConfig } from './defaults';
import { parseTrafficRate } from './traffic';

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const section = (value: unknown): Raw => (isObject(value) ? value : {});
const PROVIDERS: Provider[] = ['anthropic', 'openai', 'google'];

function pick<T extends object>(target: T, source: Raw, keys: ReadonlyArray<keyof T & string>): void {
  for (const key of keys) if (source[key] !== undefined) (target as Record<string, unknown>)[key] = source[key];
}

function tiers(raw: unknown): TierDefinition[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: TierDefinition[] = [];
  raw.forEach((tier: unknown, index) => {
    if (!isObject(tier)) return;
    const models: TierDefinition['models'] = {};
    for (const provider of PROVIDERS) {
      const ids = section(tier.models)[provider];
      if (Array.isArray(ids)) models[provider] = ids.filter((id): id is string => typeof id === 'string');
    }
    const level = typeof tier.level === 'number' ? tier.level : index + 1;
    out.push({ level, name: typeof tier.name === 'string' ? tier.name : `tier ${level}`, models });
  });
  return out.length ? out.sort((a, b) => a.level - b.level) : undefined;
}

function tasks(config: TierwiseConfig, raw: Raw): void {
  for (const task of TASK_TYPES) {
    const entry = raw[task];
    if (!isObject(entry)) continue;
    const policy: TaskPolicy = { ...config.tasks[task] };
    pick(policy, entry, ['description', 'oracle', 'consequence', 'defaultTier', 'escalateWhen', 'expectedOutputTokens', 'strategy', 'batchable']);
    config.tasks[task] = policy;
  }
}

function rateMap(raw: unknown, source: string): Record<string, TrafficRate> {
  const out: Record<string, TrafficRate> = {};
  for (const [key, value] of Object.entries(section(raw))) {
    const rate = parseTrafficRate(value, `${source}.${key}`);
    if (rate) out[key] = rate;
  }
  return out;
}

function traffic(config: TierwiseConfig, raw: Raw): void {
  const t = config.traffic;
  const fallback = parseTrafficRate(raw.default, 'tierwise.yml traffic.default');
  if (fallback) t.default = fallback;
  t.tasks = rateMap(raw.tasks, 'tierwise.yml traffic.tasks') as Partial<Record<TaskType, TrafficRate>>;
  t.callSites = rateMap(raw.callSites, 'tierwise.yml traffic.callSites');
  t.paths = Object.entries(rateMap(raw.paths, 'tierwise.yml traffic.paths')).map(([glob, rate]) => ({ glob, rate }));
  pick(t, raw, ['growthPerMonth', 'monthsAhead']);
}

function tokenRange(value: unknown): TokenRange | undefined {
  if (typeof value === 'number') return { min: value, expected: value, max: value };
  if (!isObject(value) || typeof value.expected !== 'number') return undefined;
  const expected = value.expected;
  const min = typeof value.min === 'number' ? value.min : expected;
  const max = typeof value.max === 'number' ? value.max : expected;
  return { min: Math.min(min, expected), expected, max: Math.max(max, expected) };
}

type PriceOverride = TierwiseConfig['pricing']['overrides'][string];

/** Only the price fields the user wrote are set: an input-only override keeps the catalog's output price. */
function override(raw: Raw): PriceOverride {
  const out: PriceOverride = { source: 'config-override' };
  pick(out, raw, ['provider', 'contextWindow', 'maxOutputTokens', 'batchDiscount']);
  const prices: Partial<TokenPrices> = {};
  pick(prices, raw, ['inputPerMTok', 'outputPerMTok', 'cacheReadPerMTok', 'cacheWritePerMTok']);
  if (Object.keys(prices).length > 0) out.prices = prices;
  return out;
}

function profiling(config: TierwiseConfig, raw: Raw): void {
  const p = config.profiling;
  pick(p, raw, ['samplesDir', 'resultsDir', 'budgetUsd', 'confirmAboveUsd', 'timeoutMs', 'maxRetries', 'graderModel']);
  for (const provider of PROVIDERS) {
    const entry = section(raw.providers)[provider];
    if (!isObject(entry)) continue;
    const endpoint = { ...(p.providers[provider] ?? { apiKeyEnv: `${provider.toUpperCase()}_API_KEY`, concurrency: 4 }) };
    pick(endpoint, entry, ['baseURL', 'apiKeyEnv', 'concurrency']);
    p.providers[provider] = endpoint;
  }
}

/** Builds the effective configuration from a validated object; `file` is the absolute source path. */
export function toConfig(data: Raw, file: string | null): TierwiseConfig {
  const config = defaultConfig();
  config.file = file;
  config.tiers = tiers(data.tiers) ?? config.tiers;
  tasks(config, section(data.tasks));
  traffic(config, section(data.traffic));
  pick(config.routing, section(data.routing), ['tier1PassRate', 'monitorPassRate', 'contextGuard', 'assumedEscalationRate', 'classifierCostPerQuery', 'classifierFixedCostPerMonth', 'minProfilingSamples']);
  const pricing = section(data.pricing);
  pick(config.pricing, pricing, ['cacheHitRate']);
  for (const [id, value] of Object.entries(section(pricing.overrides))) if (isObject(value)) config.pricing.overrides[id] = override(value);
  for (const [name, value] of Object.entries(section(data.holes))) {
    const range = tokenRange(value);
    if (range) config.holes[name] = range;
  }
  config.defaultHole = tokenRange(data.defaultHole) ?? config.defaultHole;
  profiling(config, section(data.profiling));
  return config;
}
