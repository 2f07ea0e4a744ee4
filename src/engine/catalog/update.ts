import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REMOTE_DATA_JSON_URL } from '@pydantic/genai-prices';
import { TierwiseError } from '../errors';
import { CACHE_FILE, CACHE_FORMAT, catalogCacheDir, readCatalogCache, validateProviderData } from './cache';
import type { CatalogCacheFile } from './cache';
import { BUNDLED_PRICE_DATA } from './sources';

/** Options of `updateCatalog`. */
export interface CatalogUpdateOptions {
  /** Environment: `TIERWISE_CATALOG_URL` overrides the source URL, `TIERWISE_CACHE_DIR` the cache directory. */
  env?: NodeJS.ProcessEnv;
  /** Explicit source URL (wins over the environment). */
  url?: string;
  /** Explicit cache directory (wins over the environment). */
  cacheDir?: string;
  timeoutMs?: number;
  now?: Date;
}

/** What an update did. */
export interface CatalogUpdateResult {
  url: string;
  path: string;
  fetchedAt: string;
  providers: number;
  /** Models of Anthropic, OpenAI and Google in the new data. */
  models: number;
  /** The as-of date of the data used before the update (cache or bundled). */
  previousAsOf: string;
}

/**
 * `tierwise catalog update`: downloads the latest genai-prices data (the URL genai-prices itself
 * uses, `REMOTE_DATA_JSON_URL`, or `TIERWISE_CATALOG_URL`), validates it, and only then replaces the
 * cache file (written to a temporary file and renamed, so a failed update never leaves a broken
 * cache). Throws a TierwiseError naming the URL and the fix when offline or when the data is invalid;
 * the previous data stays in use.
 *
 * genai-prices' own `updatePrices` is not used: it swaps data inside the package's module-level
 * state for the whole process, while Tierwise keeps price data per Catalog instance.
 */
export async function updateCatalog(options: CatalogUpdateOptions = {}): Promise<CatalogUpdateResult> {
  const env = options.env ?? process.env;
  const url = options.url ?? env.TIERWISE_CATALOG_URL ?? REMOTE_DATA_JSON_URL;
  const dir = options.cacheDir ?? catalogCacheDir(env);
  const previous = readCatalogCache(dir).cache;
  const previousAsOf = previous ? previous.fetchedAt.slice(0, 10) : BUNDLED_PRICE_DATA.asOf;
  const keep = `Tierwise keeps using the ${previous ? 'cached' : 'bundled'} catalog as of ${previousAsOf}`;
  let body: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    body = await response.text();
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    throw new TierwiseError('catalog-update-failed', `could not download price data from ${url} (${reason}); ${keep}`, 'check the network connection, or point TIERWISE_CATALOG_URL at a reachable copy of the genai-prices data.json, then re-run `tierwise catalog update`');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new TierwiseError('catalog-update-invalid', `the price data from ${url} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${keep}`, 'check that the URL serves the genai-prices data.json (a JSON array of providers)');
  }
  const valid = validateProviderData(parsed);
  if (!valid.ok) {
    throw new TierwiseError('catalog-update-invalid', `the price data from ${url} was rejected: ${valid.reason}; ${keep}`, 'check that the URL serves the genai-prices data.json (a JSON array of providers)');
  }
  const fetchedAt = (options.now ?? new Date()).toISOString();
  const file: CatalogCacheFile = { format: CACHE_FORMAT, fetchedAt, url, providers: valid.providers };
  const path = join(dir, CACHE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, path);
  } catch (error) {
    throw new TierwiseError('catalog-cache-unwritable', `could not write the catalog cache ${path} (${error instanceof Error ? error.message : String(error)}); ${keep}`, 'make the directory writable or set TIERWISE_CACHE_DIR to a writable directory', { file: path });
  }
  const primary = new Set(['anthropic', 'openai', 'google']);
  const models = valid.providers.filter((p) => primary.has(p.id)).reduce((n, p) => n + p.models.length, 0);
  return { url, path, fetchedAt, providers: valid.providers.length, models, previousAsOf };
}
