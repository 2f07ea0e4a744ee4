/** tierwise.yml as the editor uses it: the file (or defaults) with the `tierwise.*` settings applied. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, loadConfig, parseConfig } from '../engine/api';
import type { LoadedConfig, TierwiseConfig } from '../engine/api';
import type { ConfigBuffer, EditorOverrides, WorkspaceState } from './engineTypes';

/** A loaded configuration and its problems. */
export interface EditorConfig {
  config: TierwiseConfig;
  problems: WorkspaceState['configProblems'];
}

/**
 * tierwise.yml (or defaults) with the editor settings that override it for this session. An
 * unsaved buffer of the file the engine would read (same lookup order as `loadConfig`) is parsed
 * instead of the file on disk.
 */
export async function loadEditorConfig(root: string, overrides: EditorOverrides, buffers: readonly ConfigBuffer[] = []): Promise<EditorConfig> {
  const { config, problems } = bufferedConfig(root, buffers) ?? (await loadConfig(root));
  return { config: applyOverrides(config, overrides), problems };
}

/** The buffer of the configuration file in effect at `root`, when that file has one. */
export function effectiveBuffer(root: string, buffers: readonly ConfigBuffer[]): ConfigBuffer | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(root, name);
    const buffer = buffers.find((b) => b.file === file);
    if (buffer) return buffer;
    if (existsSync(file)) return undefined;
  }
  return undefined;
}

function bufferedConfig(root: string, buffers: readonly ConfigBuffer[]): LoadedConfig | undefined {
  const buffer = effectiveBuffer(root, buffers);
  return buffer ? parseConfig(buffer.text, buffer.file) : undefined;
}

/** Applies the `tierwise.*` editor settings over a configuration (0 / -1 / '' mean "not set"). */
export function applyOverrides(config: TierwiseConfig, overrides: EditorOverrides): TierwiseConfig {
  const traffic = { ...config.traffic };
  if (overrides.defaultTrafficPerMonth > 0) traffic.default = { perMonth: overrides.defaultTrafficPerMonth, source: 'editor setting tierwise.traffic.defaultPerMonth' };
  if (overrides.monthsAhead >= 0) traffic.monthsAhead = overrides.monthsAhead;
  const profiling = { ...config.profiling, providers: { ...config.profiling.providers } };
  if (overrides.budgetUsd > 0) profiling.budgetUsd = overrides.budgetUsd;
  for (const provider of ['anthropic', 'openai'] as const) {
    const url = overrides.endpoints[provider];
    if (url) profiling.providers[provider] = { apiKeyEnv: '', concurrency: 4, ...profiling.providers[provider], baseURL: url };
  }
  return { ...config, traffic, profiling };
}

