/**
 * The one door into the Tierwise engine. The CLI, the editor glue, profiling and review import
 * engine functionality from here only; everything that crosses it is plain serializable data
 * (see ./model.ts). No ts-morph Node/Type/Project is ever exported from here.
 */
export * from './model';
export { TierwiseError, isTierwiseError } from './errors';

// --- analysis (scan, incremental file analysis) ---
/** The engine: `createEngine()` then `scan(root)` / `analyzeFile(root, file, unsavedText)` / `dispose()`. */
export { createEngine } from './engine';
export type { Engine, EngineOptions, EngineScanOptions } from './engine';
/** Progress callback of a scan: (files done, files total, workspace-relative file). */
export type { ProgressCallback } from './analysis/scanner';

// --- sizing: tokens, task inference, catalog ---
/** Token counting (tiktoken encodings; calibrated estimates for Claude and Gemini). */
export { createTokenCounter, encodingForModel } from './tokens/counter';
export type { TokenCounter, TokenCount, TokenCountMemo, TokenCounterOptions, TokenizerBackend, EncodingName } from './tokens/counter';
/** The calibration table used for providers whose tokenizer is not public. */
export { CALIBRATION } from './tokens/calibration';
/** Input/output/thinking token estimate of one call site for one model. */
export { estimateTokens } from './tokens/estimate';
/** Task-type inference with confidence, reasons and alternatives. */
export { inferTask } from './tasks/infer';
/** The model catalog (genai-prices + cached updates + configuration overrides). */
export { createCatalog } from './catalog/catalog';
export type { Catalog, CatalogOptions, CatalogOverrides } from './catalog/catalog';
/** `tierwise catalog update`: fetch, validate and cache newer price data. */
export { updateCatalog } from './catalog/update';
export type { CatalogUpdateOptions, CatalogUpdateResult } from './catalog/update';
/** Where the catalog cache lives (`TIERWISE_CACHE_DIR`, `XDG_CACHE_HOME`, `~/.cache/tierwise`). */
export { catalogCacheDir } from './catalog/cache';
/** Cost of one request for a model's prices (long-context tiers, cache read/write prices). */
export { requestCost, pricesForInput } from './cost/price';
export type { RequestUsage } from './cost/price';
/** The one traffic function: a call site's (or a task's) monthly requests, rule, base rate and growth. */
export { resolveTraffic, growthFactor } from './cost/traffic';
/** Per-call analysis: task, model, catalog entry, tokens and cost per 1,000 calls. */
export { sizeAndPriceCallSite } from './sizeAndPrice';
export type { SizingDeps } from './sizeAndPrice';

// --- configuration, recommendation, projection ---
/** A fresh default configuration (tiers, task table, traffic, routing thresholds, profiling). */
export { defaultConfig, DAYS_PER_MONTH } from './config/defaults';
/** Load `tierwise.yml` from a workspace root / parse its text: config + problems (file:line:column, field, fix). */
export { loadConfig, parseConfig, formatConfigProblem, CONFIG_FILE_NAMES } from './config/load';
export type { LoadedConfig } from './config/load';
/** Edit values of an existing `tierwise.yml`, keeping comments and formatting. */
export { updateConfigFile } from './config/write';
export type { ConfigEdit } from './config/write';
/** Traffic rates (`20000/day`, `600000/month`) to requests per month; path globs. */
export { parseTrafficRate, parseTrafficText, matchesGlob } from './config/traffic';
/** The commented starter `tierwise.yml` written from a scan (`tierwise init`, the editor's Open Configuration). */
export { starterConfig } from './config/starter';
/** The JSON Schema of `tierwise.yml` (also published as schemas/tierwise.schema.json). */
export { TIERWISE_SCHEMA } from './config/schema';
/** The tier and model suggested for one call site, with every rule that fired and the findings. */
export { recommend } from './recommend/recommend';
/** The recommendation policy table (ordered rules) and its fixed constants. */
export { POLICY_RULES, POLICY_CONSTANTS } from './recommend/rules';
/** Monthly cost now vs. recommended, per call site, per task and in total (pure). */
export { projectCosts } from './projection/project';
