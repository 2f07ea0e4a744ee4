/**
 * Vercel AI SDK (`ai`): `generateText`, `streamText`, `generateObject`, `streamObject`, `embed`,
 * `embedMany`, however the function is imported. The provider comes from the model's factory
 * (`anthropic('…')`, `openai.chat('…')`, `createAnthropic({...})('…')`, `google('…')`,
 * `openai.embedding('…')`), traced to its `@ai-sdk/*` package; a gateway string
 * (`'anthropic/claude-…'`) names its provider in the prefix. Agent runs (`new ToolLoopAgent({...})`
 * then `.generate()` / `.stream()`) are call sites too. The model id itself is resolved by the
 * resolver, which understands provider factories.
 */
import type { CallExpression, NewExpression, Node } from 'ts-morph';
import type { Operation, Provider } from '../../../model';
import { traceOrigin } from '../../clients';
import { extractRequest } from '../../resolve/request';
import { AI_SDK_REQUEST } from './request';
import { getProperty, resolveObjectLiteral, resolveString } from '../../resolve/values';
import type { AnalysisContext, DetectedCall, SdkDetector } from '../../types';
import { AGENT_LOOP_NOTE, calleeName, calleeOrigin, detectionLines, firstArgument, providerFromModelIds } from '../common';

const FUNCTIONS: Record<string, Operation> = {
  generateText: 'generate',
  streamText: 'generate',
  generateObject: 'generate',
  streamObject: 'generate',
  embed: 'embed',
  embedMany: 'embed',
};

/** AI SDK agent classes and their run methods. */
const AGENT_CLASSES = new Set(['ToolLoopAgent', 'Experimental_Agent', 'Agent']);
const AGENT_METHODS: Record<string, true> = { generate: true, stream: true };

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
    if (name && name in AGENT_METHODS) return matchAgentRun(call, ctx);
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
      extract: (bindings) => extractRequest(AI_SDK_REQUEST, { request: firstArgument(call), api }, ctx, bindings),
    };
  },
};

/**
 * An agent run: `agent.generate({ prompt })` / `agent.stream(...)` on `new ToolLoopAgent({ model,
 * instructions, tools, output })` (traced through variables, fields and imports like a client). The
 * model, instructions, tools and output come from the constructor, the prompt from the run. One run
 * may take several model steps (tool loop); the site describes one step.
 */
function matchAgentRun(call: CallExpression, ctx: AnalysisContext): DetectedCall | undefined {
  const origin = calleeOrigin(call, ['ai'], ctx);
  const [creation, method, ...rest] = origin?.steps ?? [];
  if (!origin || !AGENT_CLASSES.has(origin.exportName) || rest.length > 0) return undefined;
  if (creation?.kind !== 'new' || method?.kind !== 'prop' || !(method.name in AGENT_METHODS)) return undefined;
  const options = firstArgument(creation.node);
  const api = `${origin.exportName}.${method.name}`;
  const model = options ? modelExpression(creation.node, ctx) : undefined;
  const provider = model ? providerOf(model, ctx) : { provider: 'unknown' as Provider, why: 'no `model` option found on the agent' };
  return {
    call,
    sdk: 'ai-sdk',
    provider: provider.provider,
    api,
    operation: 'generate',
    client: model?.getText().replace(/\s+/g, ' '),
    detection: [...detectionLines(api, origin), provider.why, AGENT_LOOP_NOTE],
    extract: (bindings) => {
      const agent = extractRequest(AI_SDK_REQUEST, { request: options, api }, ctx, bindings);
      const run = extractRequest(AI_SDK_REQUEST, { request: firstArgument(call), api: method.name === 'stream' ? 'streamText' : 'generateText' }, ctx, bindings);
      const prompt = { parts: [...agent.prompt.parts, ...run.prompt.parts], unknown: [...agent.prompt.unknown, ...run.prompt.unknown] };
      return { ...agent, prompt, params: { ...agent.params, stream: run.params.stream } };
    },
  };
}

function modelExpression(call: CallExpression | NewExpression | undefined, ctx: AnalysisContext): Node | undefined {
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
