/**
 * `@google/genai`: `new GoogleGenAI()` then `models.generateContent|generateContentStream|
 * embedContent|countTokens`, on values that trace to a `GoogleGenAI` client.
 */
import type { Operation } from '../../model';
import { extractRequest } from '../resolve/request';
import type { SdkDetector } from '../types';
import { detectionLines, firstArgument, matchClientMethod, receiverText } from './common';

const PACKAGES = ['@google/genai'];
const APIS: Record<string, Operation> = {
  'models.generateContent': 'generate',
  'models.generateContentStream': 'generate',
  'models.embedContent': 'embed',
  'models.countTokens': 'count-tokens',
};
const METHODS = new Set(Object.keys(APIS).map((api) => api.split('.')[1]));

/** Detects Google Gen AI SDK requests. */
export const googleGenaiDetector: SdkDetector = {
  sdk: 'google-genai',
  packages: PACKAGES,
  match(call, ctx) {
    const matched = matchClientMethod(call, ctx, { packages: PACKAGES, methods: METHODS, classNames: ['GoogleGenAI'] });
    if (!matched) return undefined;
    const { origin, member, api } = matched;
    const operation = APIS[api];
    if (!operation) return undefined;
    return {
      call,
      sdk: 'google-genai',
      provider: 'google',
      api,
      operation,
      client: receiverText(call, member.path.length),
      detection: detectionLines(api, origin),
      extract: (bindings) => extractRequest('google-genai', { request: firstArgument(call), api }, ctx, bindings),
    };
  },
};
