import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Provider as GenaiProvider } from '@pydantic/genai-prices';

/** Format tag of the cache file written by `tierwise catalog update`. */
export const CACHE_FORMAT = 'tierwise-catalog-cache/1';
export const CACHE_FILE = 'catalog.json';

/** Contents of the catalog cache file. */
export interface CatalogCacheFile {
  format: typeof CACHE_FORMAT;
  /** ISO timestamp of the download. */
  fetchedAt: string;
  url: string;
  providers: GenaiProvider[];
}

/**
 * The directory of the catalog cache: `$TIERWISE_CACHE_DIR`, else `$XDG_CACHE_HOME/tierwise`, else
 * `~/.cache/tierwise`.
 */
export function catalogCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TIERWISE_CACHE_DIR) return env.TIERWISE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tierwise');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks that downloaded data has genai-prices' provider shape (an array of providers, each with an
 * id and models that have an id, a match rule and prices) and covers the providers Tierwise needs.
 * Returns the reason when it does not.
 */
export function validateProviderData(data: unknown): { ok: true; providers: GenaiProvider[] } | { ok: false; reason: string } {
  if (!Array.isArray(data)) return { ok: false, reason: 'expected a JSON array of providers' };
  for (const [i, provider] of data.entries()) {
    if (!isObject(provider) || typeof provider.id !== 'string' || !Array.isArray(provider.models)) {
      return { ok: false, reason: `provider #${i} has no string \`id\` or no \`models\` array` };
    }
    for (const model of provider.models as unknown[]) {
      if (!isObject(model) || typeof model.id !== 'string' || !isObject(model.match) || !(isObject(model.prices) || Array.isArray(model.prices))) {
        return { ok: false, reason: `a model of provider \`${provider.id}\` lacks \`id\`, \`match\` or \`prices\`` };
      }
    }
  }
  const ids = new Set(data.map((p: { id: string }) => p.id));
  const missing = ['anthropic', 'openai', 'google'].filter((id) => !ids.has(id));
  if (missing.length) return { ok: false, reason: `providers missing from the data: ${missing.join(', ')}` };
  return { ok: true, providers: data as GenaiProvider[] };
}

/** Reads and validates the cache file; `undefined` when there is none, `problem` when it is unusable. */
export function readCatalogCache(dir: string): { cache?: CatalogCacheFile; problem?: string } {
  const path = join(dir, CACHE_FILE);
  if (!existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObject(parsed) || parsed.format !== CACHE_FORMAT || typeof parsed.fetchedAt !== 'string' || typeof parsed.url !== 'string') {
      return { problem: `${path} is not a Tierwise catalog cache (format ${CACHE_FORMAT})` };
    }
    const valid = validateProviderData(parsed.providers);
    if (!valid.ok) return { problem: `${path}: ${valid.reason}` };
    return { cache: { format: CACHE_FORMAT, fetchedAt: parsed.fetchedAt, url: parsed.url, providers: valid.providers } };
  } catch (error) {
    return { problem: `${path} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
