/**
 * `@anthropic-ai/sdk`: `messages.create|stream|parse|countTokens`, `messages.batches.create` (the
 * requests inside it), and the same under `beta.` — on any value that traces to an `Anthropic`
 * client (see clients.ts), never on a look-alike local object.
 */
import type { CallExpression } from 'ts-morph';
import type { Operation } from '../../model';
import { extractRequest } from '../resolve/request';
import type { AnalysisContext, Bindings, DetectedCall, ExtractedRequest, SdkDetector } from '../types';
import { detectionLines, firstArgument, matchClientMethod, receiverText } from './common';

const PACKAGES = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'];
const CLIENT_CLASSES = ['Anthropic', 'AnthropicBedrock', 'AnthropicVertex', 'BaseAnthropic'];
const METHODS = new Set(['create', 'stream', 'parse', 'countTokens']);

/** API path (without `beta.`) -> operation. */
const APIS: Record<string, Operation> = {
  'messages.create': 'generate',
  'messages.stream': 'generate',
  'messages.parse': 'generate',
  'messages.countTokens': 'count-tokens',
  'messages.batches.create': 'batch',
};

/** Detects Anthropic SDK requests. */
export const anthropicDetector: SdkDetector = {
  sdk: 'anthropic',
  packages: PACKAGES,
  match(call, ctx) {
    const matched = matchClientMethod(call, ctx, { packages: PACKAGES, methods: METHODS, classNames: CLIENT_CLASSES });
    if (!matched) return undefined;
    const { origin, member, api } = matched;
    const operation = APIS[api.replace(/^beta\./, '')];
    if (!operation) return undefined;
    const detected: DetectedCall = {
      call,
      sdk: 'anthropic',
      provider: 'anthropic',
      api,
      operation,
      client: receiverText(call, member.path.length),
      detection: detectionLines(api, origin),
      extract: (bindings) => extractOne(call, api, operation === 'batch', ctx, bindings),
    };
    return detected;
  },
};

function extractOne(call: CallExpression, api: string, batch: boolean, ctx: AnalysisContext, bindings?: Bindings): ExtractedRequest {
  // The resolver reads `requests[].params` of a batch itself and sizes the batch.
  const extracted = extractRequest('anthropic-messages', { request: firstArgument(call), api }, ctx, bindings);
  return batch ? { ...extracted, params: { ...extracted.params, batch: true } } : extracted;
}
