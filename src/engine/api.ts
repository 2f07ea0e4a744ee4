/**
 * The one door into the Tierwise engine. The CLI, the editor glue, profiling and review import
 * engine functionality from here only; everything that crosses it is plain serializable data
 * (see ./model.ts). No ts-morph Node/Type/Project is ever exported from here.
 */
export * from './model';
export { TierwiseError, isTierwiseError } from './errors';

// --- analysis (scan, incremental file analysis) ---

// --- sizing: tokens, task inference, catalog ---
/** Token counting (tiktoken encodings; calibrated estimates for Claude and Gemini). */
export { createTokenCounter, encodingForModel } from './tokens/counter';
export type { TokenCounter, TokenCount, TokenizerBackend, EncodingName } from './tokens/counter';
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
export { requestCost, pricesForInput } from './catalog/pricing';
export type { RequestUsage } from './catalog/pricing';
/** Per-call analysis: task, model, catalog entry, tokens and cost per 1,000 calls. */
export { analyzeCallSite } from './analyze';
export type { AnalyzeDeps } from './analyze';

// --- configuration, recommendation, projection ---
/** A fresh default configuration (tiers, task table, traffic, routing thresholds, profiling). */
export { defaultConfig, DAYS_PER_MONTH } from './config/defaults';
