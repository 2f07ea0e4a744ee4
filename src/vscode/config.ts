import * as vscode from 'vscode';
import type { EditorOverrides } from '../editorEngine/engineTypes';
import type { SeveritySetting } from './present/findings';

/** The `tierwise.*` settings, read fresh on every use (they can change at any time). */
export interface TierwiseSettings {
  codeLensEnabled: boolean;
  severity: SeveritySetting;
  debounceMs: number;
  overrides: EditorOverrides;
}

/** Reads the `tierwise.*` settings of the workspace. API keys are never settings (SecretStorage). */
export function readSettings(): TierwiseSettings {
  const c = vscode.workspace.getConfiguration('tierwise');
  return {
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    severity: c.get<SeveritySetting>('diagnostics.severity', 'information'),
    debounceMs: Math.max(50, c.get<number>('analysis.debounceMs', 300)),
    overrides: {
      defaultTrafficPerMonth: c.get<number>('traffic.defaultPerMonth', 0),
      monthsAhead: c.get<number>('traffic.monthsAhead', -1),
      budgetUsd: c.get<number>('profiling.budgetUsd', 0),
      endpoints: {
        anthropic: c.get<string>('providers.anthropic.baseURL', ''),
        openai: c.get<string>('providers.openai.baseURL', ''),
      },
    },
  };
}

/** Languages whose documents Tierwise analyses. */
export const ANALYSED_LANGUAGES: readonly string[] = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** The configuration file's name at the workspace root. */
export const CONFIG_FILE_NAME = 'tierwise.yml';
