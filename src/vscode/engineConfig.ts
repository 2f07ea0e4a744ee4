/** tierwise.yml as the editor uses it: the file (or defaults) with the `tierwise.*` settings applied. */
import { loadConfig } from '../engine/api';
import type { TierwiseConfig } from '../engine/api';
import type { EditorOverrides, WorkspaceState } from './engineTypes';

/** A loaded configuration and its problems. */
export interface EditorConfig {
  config: TierwiseConfig;
  problems: WorkspaceState['configProblems'];
}

/** tierwise.yml (or defaults) with the editor settings that override it for this session. */
export async function loadEditorConfig(root: string, overrides: EditorOverrides): Promise<EditorConfig> {
  const { config, problems } = await loadConfig(root);
  return { config: applyOverrides(config, overrides), problems };
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

