/**
 * API keys and endpoints per provider. Keys come from the caller (the CLI reads the environment,
 * the editor reads SecretStorage); endpoints from tierwise.yml or the SDKs' standard variables.
 * A missing key is a TierwiseError naming the variable, raised before any request is sent.
 */
import { TierwiseError } from '../engine/errors';
import type { TierwiseConfig } from '../engine/model';
import type { ProviderAccess } from './providers/types';
import type { ProfilingProvider } from './types';

/** The SDKs' standard key variables. */
export const KEY_ENV: Record<ProfilingProvider, string> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };
/** The SDKs' standard endpoint variables. */
export const BASE_URL_ENV: Record<ProfilingProvider, string> = { anthropic: 'ANTHROPIC_BASE_URL', openai: 'OPENAI_BASE_URL' };

/** Keys and endpoint overrides handed to the runner by the front end. */
export interface Credentials {
  keys: Partial<Record<ProfilingProvider, string>>;
  baseURLs?: Partial<Record<ProfilingProvider, string>>;
}

/** The variable that holds a provider's key (config `profiling.providers.<p>.apiKeyEnv`, else the SDK default). */
export function keyEnvName(config: TierwiseConfig, provider: ProfilingProvider): string {
  return config.profiling.providers[provider]?.apiKeyEnv || KEY_ENV[provider];
}

/** Reads keys and base URLs from an environment (the CLI's source of credentials). */
export function credentialsFromEnv(config: TierwiseConfig, env: Record<string, string | undefined>): Credentials {
  const keys: Credentials['keys'] = {};
  const baseURLs: NonNullable<Credentials['baseURLs']> = {};
  for (const provider of ['anthropic', 'openai'] as const) {
    const key = env[keyEnvName(config, provider)];
    if (key) keys[provider] = key;
    const url = env[BASE_URL_ENV[provider]];
    if (url) baseURLs[provider] = url;
  }
  return { keys, baseURLs };
}

/** Resolves access for every provider a plan uses; throws before anything runs when a key is missing. */
export function resolveAccess(
  providers: Iterable<ProfilingProvider>,
  config: TierwiseConfig,
  credentials: Credentials,
): Partial<Record<ProfilingProvider, ProviderAccess>> {
  const access: Partial<Record<ProfilingProvider, ProviderAccess>> = {};
  for (const provider of new Set(providers)) {
    const endpoint = config.profiling.providers[provider];
    const apiKey = credentials.keys[provider];
    if (!apiKey) {
      const variable = keyEnvName(config, provider);
      throw new TierwiseError(
        'missing-api-key',
        `No API key for ${provider}: the environment variable ${variable} is not set`,
        `export ${variable}=<your key> (in the editor: run "Tierwise: Set API Key"), or leave ${provider} models out with --tier/--task`,
        { file: config.file ?? undefined, field: `profiling.providers.${provider}.apiKeyEnv` },
      );
    }
    access[provider] = {
      provider,
      apiKey,
      baseURL: credentials.baseURLs?.[provider] ?? endpoint?.baseURL,
      concurrency: Math.max(1, endpoint?.concurrency ?? 4),
    };
  }
  return access;
}
