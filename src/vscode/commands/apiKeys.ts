import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import type { CommandFactory } from './types';

/** Providers whose keys Tierwise stores. */
export const KEY_PROVIDERS = ['anthropic', 'openai', 'google'] as const;
export type KeyProvider = (typeof KEY_PROVIDERS)[number];

const secretName = (provider: KeyProvider): string => `tierwise.apiKey.${provider}`;

/** The stored keys (SecretStorage only; never settings, logs or the webview). */
export async function readApiKeys(ctx: TierwiseContext): Promise<Partial<Record<KeyProvider, string>>> {
  const keys: Partial<Record<KeyProvider, string>> = {};
  for (const provider of KEY_PROVIDERS) {
    const key = await ctx.secrets.get(secretName(provider));
    if (key) keys[provider] = key;
  }
  return keys;
}

async function pickProvider(arg: unknown, title: string): Promise<KeyProvider | undefined> {
  if (typeof arg === 'string' && (KEY_PROVIDERS as readonly string[]).includes(arg)) return arg as KeyProvider;
  const picked = await vscode.window.showQuickPick([...KEY_PROVIDERS], { title, placeHolder: 'Provider' });
  return picked as KeyProvider | undefined;
}

/** `Tierwise: Set API Key`: stores a provider key in SecretStorage. Args (automation): provider, key. */
export const setApiKey: CommandFactory = ({ ctx }) => async (providerArg?: unknown, keyArg?: unknown) => {
  const provider = await pickProvider(providerArg, 'Tierwise: Set API Key');
  if (!provider) return false;
  const key =
    typeof keyArg === 'string'
      ? keyArg
      : await vscode.window.showInputBox({ title: `Tierwise: ${provider} API key`, password: true, ignoreFocusOut: true, prompt: 'Stored in the editor\'s secret storage; used only for profiling batches.' });
  if (!key) return false;
  await ctx.secrets.store(secretName(provider), key.trim());
  ctx.output.info(`API key for ${provider} stored in secret storage`);
  void vscode.window.showInformationMessage(`Tierwise: ${provider} API key saved in the editor's secret storage.`);
  return true;
};

/** `Tierwise: Clear API Key`: removes a provider key from SecretStorage. */
export const clearApiKey: CommandFactory = ({ ctx }) => async (providerArg?: unknown) => {
  const provider = await pickProvider(providerArg, 'Tierwise: Clear API Key');
  if (!provider) return false;
  await ctx.secrets.delete(secretName(provider));
  ctx.output.info(`API key for ${provider} removed from secret storage`);
  void vscode.window.showInformationMessage(`Tierwise: ${provider} API key removed.`);
  return true;
};
