/**
 * `openai`: `chat.completions.create|parse|stream` (also under `beta.`), `responses.create|stream|parse`,
 * `embeddings.create` and the legacy `completions.create` on values that trace to an `OpenAI`/`AzureOpenAI` client. Clients built
 * with a `baseURL` (OpenAI-compatible servers) record it in `params.baseURL`; the provider stays
 * `openai` unless the URL names another provider's API host.
 */
import type { CallExpression, NewExpression } from 'ts-morph';
import type { Operation, Provider, Resolved } from '../../../model';
import { extractRequest } from '../../resolve/request';
import type { RequestShape } from '../../resolve/request';
import { OPENAI_CHAT, OPENAI_EMBEDDINGS, OPENAI_RESPONSES } from './request';
import { getProperty, resolveObjectLiteral, resolveString } from '../../resolve/values';
import type { AnalysisContext, SdkDetector } from '../../types';
import { detectionLines, firstArgument, matchClientMethod, receiverText } from '../common';

const PACKAGES = ['openai'];
const CLIENT_CLASSES = ['OpenAI', 'AzureOpenAI'];
const METHODS = new Set(['create', 'parse', 'stream']);

/** API path (without `beta.`) -> request shape and operation. */
const APIS: Record<string, { shape: RequestShape; operation: Operation }> = {
  'chat.completions.create': { shape: OPENAI_CHAT, operation: 'generate' },
  'chat.completions.parse': { shape: OPENAI_CHAT, operation: 'generate' },
  'chat.completions.stream': { shape: OPENAI_CHAT, operation: 'generate' },
  'responses.create': { shape: OPENAI_RESPONSES, operation: 'generate' },
  'responses.stream': { shape: OPENAI_RESPONSES, operation: 'generate' },
  'responses.parse': { shape: OPENAI_RESPONSES, operation: 'generate' },
  'embeddings.create': { shape: OPENAI_EMBEDDINGS, operation: 'embed' },
  // The legacy Completions API (`gpt-3.5-turbo-instruct`, OpenAI-compatible servers): `model`,
  // `prompt`, `max_tokens` read the same way as a chat request's.
  'completions.create': { shape: OPENAI_CHAT, operation: 'generate' },
};

/** Detects OpenAI SDK requests (including OpenAI-compatible servers). */
export const openaiDetector: SdkDetector = {
  sdk: 'openai',
  packages: PACKAGES,
  match(call, ctx) {
    const matched = matchClientMethod(call, ctx, { packages: PACKAGES, methods: METHODS, classNames: CLIENT_CLASSES });
    if (!matched) return undefined;
    const { origin, member, api } = matched;
    const entry = APIS[api.replace(/^beta\./, '')];
    if (!entry) return undefined;
    const baseURL = baseURLOf(member.creation, ctx);
    const detection = detectionLines(api, origin);
    if (baseURL) detection.push(`client built with baseURL \`${baseURL.expression}\` (OpenAI-compatible server)`);
    return {
      call,
      sdk: 'openai',
      provider: providerFor(baseURL),
      api,
      operation: entry.operation,
      client: receiverText(call, member.path.length),
      detection,
      extract: (bindings) => {
        const extracted = extractRequest(entry.shape, { request: firstArgument(call as CallExpression), api }, ctx, bindings);
        return baseURL ? { ...extracted, params: { ...extracted.params, baseURL } } : extracted;
      },
    };
  },
};

/** The `baseURL` option of `new OpenAI({ baseURL })`, resolved. */
function baseURLOf(creation: NewExpression | undefined, ctx: AnalysisContext): Resolved<string> | undefined {
  const options = firstArgument(creation);
  const obj = options ? resolveObjectLiteral(options, ctx) : undefined;
  const value = obj ? getProperty(obj, 'baseURL', ctx) : undefined;
  return value ? resolveString(value, ctx) : undefined;
}

/** `openai` unless every resolved baseURL points at another provider's API host. */
export function providerFor(baseURL: Resolved<string> | undefined): Provider {
  if (!baseURL || baseURL.candidates.length === 0) return 'openai';
  const hosts = baseURL.candidates.map((c) => hostOf(c.value));
  if (hosts.every((h) => h.endsWith('anthropic.com'))) return 'anthropic';
  if (hosts.every((h) => h.endsWith('googleapis.com'))) return 'google';
  return 'openai';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
