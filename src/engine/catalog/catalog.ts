import { calcPrice } from '@pydantic/genai-prices';
import type { ModelInfo as GenaiModel, Provider as GenaiProvider } from '@pydantic/genai-prices';
import type { CatalogLookup, ModelInfo, Provider, TierwiseConfig, TokenPrices } from '../model';
import { catalogCacheDir, readCatalogCache } from './cache';
import { toModelInfo } from './convert';
import { nearestIds } from './nearest';
import { BUNDLED_PRICE_DATA, PRIMARY_PROVIDERS, bundledProviders } from './sources';

/** User overrides from configuration (`pricing.overrides`), keyed by model id. */
export type CatalogOverrides = TierwiseConfig['pricing']['overrides'];

/**
 * The model catalog: prices, context windows, batch discounts and lifecycle flags, from the price
 * map bundled in `@pydantic/genai-prices` (or a newer copy fetched by `tierwise catalog update`),
 * with configuration overrides on top.
 */
export interface Catalog {
  /** Date (YYYY-MM-DD) the price data is valid as of. */
  readonly asOf: string;
  /** Where the base data came from. */
  readonly source: 'genai-prices' | 'catalog-update';
  /** Messages for the user about the data (e.g. an unusable cache file that was ignored). */
  readonly notes: string[];
  /**
   * Looks a model id up. Aliases and dated snapshots resolve to the catalog model (`matchedAs` is
   * the catalog id matched); `provider/model` and `provider:model` prefixes are understood; a
   * provider hint decides between providers that serve the same id. Unknown ids give the nearest ids.
   */
  lookup(id: string, provider?: Provider): CatalogLookup;
  /** Every model of Anthropic, OpenAI and Google, plus models defined only in configuration. */
  all(): ModelInfo[];
}

/** Options of `createCatalog`. */
export interface CatalogOptions {
  overrides?: CatalogOverrides;
  /** Directory of the catalog cache written by `tierwise catalog update` (default: `catalogCacheDir()`). */
  dataDir?: string;
  /** Ignore any cached update (use the bundled data). */
  bundledOnly?: boolean;
  /** The date prices are read for (price changes with a start date); default now. */
  now?: Date;
}

interface BaseData {
  providers: GenaiProvider[];
  source: Catalog['source'];
  asOf: string;
  notes: string[];
}

function loadBase(options: CatalogOptions): BaseData {
  const bundled: BaseData = { providers: bundledProviders(), source: 'genai-prices', asOf: BUNDLED_PRICE_DATA.asOf, notes: [] };
  if (options.bundledOnly) return bundled;
  const { cache, problem } = readCatalogCache(options.dataDir ?? catalogCacheDir());
  if (problem) return { ...bundled, notes: [`ignored the cached catalog update: ${problem}; using the bundled data as of ${bundled.asOf} (run \`tierwise catalog update\` to refresh it)`] };
  if (!cache) return bundled;
  const fetched = cache.fetchedAt.slice(0, 10);
  if (fetched < bundled.asOf) return { ...bundled, notes: [`the cached catalog update (${fetched}) is older than the bundled data (${bundled.asOf}); using the bundled data`] };
  return { providers: cache.providers, source: 'catalog-update', asOf: fetched, notes: [] };
}

const PROVIDER_OF = new Map<string, Provider>(PRIMARY_PROVIDERS.map((p) => [p.genaiId, p.provider]));

/** Splits `anthropic/claude-x`, `openai:gpt-4o`, `models/gemini-2.5-flash` into a provider hint and the bare id. */
function splitId(id: string): { bare: string; hint?: Provider } {
  const trimmed = id.trim().replace(/^models\//, '');
  const m = /^([a-z-]+)[/:](.+)$/.exec(trimmed);
  if (m && m[1] && m[2]) {
    const hint = PROVIDER_OF.get(m[1]) ?? (m[1] === 'gemini' || m[1] === 'vertex' ? 'google' : undefined);
    if (hint) return { bare: m[2], hint };
  }
  return { bare: trimmed };
}

/** Asks genai-prices which model of `provider` an id matches (its own match rules and date handling). */
function matchIn(provider: GenaiProvider, id: string): GenaiModel | undefined {
  try {
    return calcPrice({ input_tokens: 0, output_tokens: 0 }, id, { provider })?.model ?? undefined;
  } catch {
    return undefined;
  }
}

/** Completes partial prices; undefined when input or output price is still missing (the model stays unpriced). */
function completePrices(prices: Partial<TokenPrices> | undefined): TokenPrices | undefined {
  if (!prices || prices.inputPerMTok === undefined || prices.outputPerMTok === undefined) return undefined;
  return { ...prices, inputPerMTok: prices.inputPerMTok, outputPerMTok: prices.outputPerMTok };
}

function applyOverride(info: ModelInfo, override: CatalogOverrides[string]): ModelInfo {
  const prices = override.prices ? completePrices({ ...info.prices, ...override.prices }) : info.prices;
  return { ...info, ...override, id: info.id, prices, source: 'config-override' };
}

function overrideModel(id: string, override: CatalogOverrides[string], asOf: string): ModelInfo {
  return { provider: 'unknown', asOf, ...override, id, prices: completePrices(override.prices), source: 'config-override' };
}

/** Creates a catalog instance (reads the cache file once; lookups are memoised in the instance). */
export function createCatalog(options: CatalogOptions = {}): Catalog {
  const base = loadBase(options);
  const now = options.now ?? new Date();
  const overrides = new Map(Object.entries(options.overrides ?? {}).map(([k, v]) => [k.toLowerCase(), { key: k, value: v }]));
  const providerOf = (genaiId: string): Provider => PROVIDER_OF.get(genaiId) ?? 'unknown';
  const convert = (model: GenaiModel, provider: GenaiProvider): ModelInfo => {
    const mapped = providerOf(provider.id);
    const info = toModelInfo(model, mapped, {
      source: base.source,
      asOf: base.asOf,
      now,
      providerName: mapped === 'unknown' ? provider.name : undefined,
    });
    const override = overrides.get(model.id.toLowerCase());
    return override ? applyOverride(info, override.value) : info;
  };
  const ordered = (hint?: Provider): GenaiProvider[] => {
    const first = base.providers.filter((p) => hint && providerOf(p.id) === hint);
    return [...first, ...base.providers.filter((p) => !first.includes(p))];
  };
  const memo = new Map<string, CatalogLookup>();
  let everything: ModelInfo[] | undefined;
  let everyId: string[] | undefined;
  // Suggestions draw on every provider's ids (a self-hosted `llama3.1:8b` is closest to a hosted
  // Llama's id), while `all()` lists the providers Tierwise prices for tiers.
  const suggestionIds = (): string[] =>
    (everyId ??= [...base.providers.flatMap((p) => p.models.map((m) => m.id)), ...[...overrides.values()].map((o) => o.key)]);

  const all = (): ModelInfo[] => {
    if (!everything) {
      const primary = base.providers.filter((p) => PROVIDER_OF.has(p.id));
      // Google's price list also carries Claude models served on Vertex; Anthropic's entry is canonical.
      const models = primary.flatMap((p) => p.models.filter((m) => !(p.id === 'google' && /claude/i.test(m.id))).map((m) => convert(m, p)));
      const known = new Set(models.map((m) => m.id.toLowerCase()));
      for (const { key, value } of overrides.values()) if (!known.has(key.toLowerCase())) models.push(overrideModel(key, value, base.asOf));
      everything = models.sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
    }
    return everything;
  };

  const lookup = (id: string, provider?: Provider): CatalogLookup => {
    const memoKey = `${provider ?? ''}|${id}`;
    const cached = memo.get(memoKey);
    if (cached) return cached;
    const { bare, hint } = splitId(id);
    let result: CatalogLookup | undefined;
    const direct = overrides.get(bare.toLowerCase());
    for (const p of ordered(hint ?? provider)) {
      const model = matchIn(p, bare);
      if (!model) continue;
      const info = convert(model, p);
      result = { found: true, model: direct ? applyOverride(info, direct.value) : info, matchedAs: model.id };
      break;
    }
    if (!result && direct) result = { found: true, model: overrideModel(direct.key, direct.value, base.asOf), matchedAs: direct.key };
    result ??= { found: false, id, nearest: nearestIds(bare, suggestionIds()) };
    memo.set(memoKey, result);
    return result;
  };

  return { asOf: base.asOf, source: base.source, notes: base.notes, lookup, all };
}
