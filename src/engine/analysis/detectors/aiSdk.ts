/**
 * Vercel AI SDK (`ai`): `generateText`, `streamText`, `generateObject`, `streamObject`, `embed`,
 * `embedMany`, however the function is imported. The provider comes from the model's factory
 * (`anthropic('…')`, `openai.chat('…')`, `createAnthropic({...})('…')`, `google('…')`,
 * `openai.embedding('…')`), traced to its `@ai-sdk/*` package; a gateway string
 * (`'anthropic/claude-…'`) names its provider in the prefix. The model id itself is resolved by the
 * resolver, which understands provider factories.
 */
import type { CallExpression, Node } from 'ts-morph';
import type { Operation, Provider } from '../../model';
import { traceOrigin } from '../clients';
import { extractRequest } from '../resolve/request';
import { getProperty, resolveObjectLiteral, resolveString } from '../resolve/values';
import type { AnalysisContext, SdkDetector } from '../types';
import { calleeName, calleeOrigin, detectionLines, firstArgument, providerFromModelIds } from './common';

const FUNCTIONS: Record<string, Operation> = {
  generateText: 'generate',
  streamText: 'generate',
  generateObject: 'generate',
  streamObject: 'generate',
  embed: 'embed',
  embedMany: 'embed',
};

const PROVIDER_PACKAGES: Record<string, Provider> = {
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/azure': 'openai',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'google',
};

/** Detects AI SDK requests. */
export const aiSdkDetector: SdkDetector = {
  sdk: 'ai-sdk',
  packages: ['ai', ...Object.keys(PROVIDER_PACKAGES)],
  match(call, ctx) {
    const name = calleeName(call);
    if (!name || !(name in FUNCTIONS)) return undefined;
    const origin = calleeOrigin(call, ['ai'], ctx);
    if (!origin || origin.steps.length > 0 || !(origin.exportName in FUNCTIONS)) return undefined;
    const api = origin.exportName;
    const model = modelExpression(call, ctx);
    const provider = model ? providerOf(model, ctx) : { provider: 'unknown' as Provider, why: 'no `model` option found' };
    return {
      call,
      sdk: 'ai-sdk',
      provider: provider.provider,
      api,
      operation: FUNCTIONS[api],
      client: model?.getText().replace(/\s+/g, ' '),
      detection: [...detectionLines(api, origin), provider.why],
      extract: (bindings) => extractRequest('ai-sdk', { request: firstArgument(call), api }, ctx, bindings),
    };
  },
};

function modelExpression(call: CallExpression, ctx: AnalysisContext): Node | undefined {
  const options = firstArgument(call);
  const obj = options ? resolveObjectLiteral(options, ctx) : undefined;
  return obj ? getProperty(obj, 'model', ctx) : undefined;
}

/** The provider of a model expression: its factory's package, or a gateway id's prefix. */
function providerOf(model: Node, ctx: AnalysisContext): { provider: Provider; why: string } {
  const origin = traceOrigin(model, { packages: Object.keys(PROVIDER_PACKAGES), ctx });
  if (origin) {
    const pkg = Object.keys(PROVIDER_PACKAGES).find((p) => origin.module === p || origin.module.startsWith(`${p}/`));
    if (pkg) return { provider: PROVIDER_PACKAGES[pkg], why: `model built by \`${origin.exportName}\` of '${origin.module}'` };
  }
  const ids = resolveString(model, ctx).candidates.map((c) => c.value);
  const prefixes = new Set(ids.map((id) => id.split('/')[0]));
  if (ids.length > 0 && prefixes.size === 1 && ids.every((id) => id.includes('/'))) {
    const prefix = [...prefixes][0];
    const provider: Provider = prefix === 'anthropic' || prefix === 'openai' || prefix === 'google' ? prefix : 'unknown';
    return { provider, why: `gateway model id with provider prefix '${prefix}'` };
  }
  const byId = providerFromModelIds(ids);
  if (byId !== 'unknown') return { provider: byId, why: `provider inferred from the model id \`${ids[0]}\`` };
  return { provider: 'unknown', why: `the provider of \`${model.getText().replace(/\s+/g, ' ')}\` is not statically known` };
}
