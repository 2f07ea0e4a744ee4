/**
 * `@google/genai`: `new GoogleGenAI()` then `models.generateContent|generateContentStream|
 * embedContent|countTokens` and `interactions.create` (the Interactions API), on values that trace
 * to a `GoogleGenAI` client; and chat sessions:
 * `const chat = ai.chats.create({ model, config, history })` then `chat.sendMessage({ message })` /
 * `sendMessageStream` is one call site per send (api `chats.sendMessage`), with the model, config
 * and history of the `chats.create` options traced through the variable.
 */
import type { CallExpression, Node } from 'ts-morph';
import type { Operation } from '../../../model';
import type { Origin } from '../../clients';
import { extractRequest } from '../../resolve/request';
import { GEMINI_CHAT, GEMINI_GENERATE, GEMINI_INTERACTIONS } from './request';
import { getProperty, resolveObjectLiteral } from '../../resolve/values';
import type { AnalysisContext, DetectedCall, SdkDetector } from '../../types';
import { calleeName, calleeOrigin, detectionLines, firstArgument, matchClientMethod, receiverText } from '../common';

const PACKAGES = ['@google/genai'];
const APIS: Record<string, Operation> = {
  'models.generateContent': 'generate',
  'models.generateContentStream': 'generate',
  'models.embedContent': 'embed',
  'models.countTokens': 'count-tokens',
  // The Interactions API: `{ model | agent, input, system_instruction, generation_config, tools }`.
  'interactions.create': 'generate',
};
const METHODS = new Set(Object.keys(APIS).map((api) => api.split('.')[1]));
const CHAT_METHODS = new Set(['sendMessage', 'sendMessageStream']);
const CLIENT_NAMES = new Set(['GoogleGenAI', 'default', '*']);

/** Detects Google Gen AI SDK requests. */
export const googleGenaiDetector: SdkDetector = {
  sdk: 'google-genai',
  packages: PACKAGES,
  match(call, ctx) {
    const chat = matchChatSend(call, ctx);
    if (chat) return chat;
    const matched = matchClientMethod(call, ctx, { packages: PACKAGES, methods: METHODS, classNames: ['GoogleGenAI'] });
    if (!matched) return undefined;
    const { origin, member, api } = matched;
    const operation = APIS[api];
    if (!operation) return undefined;
    const detection = detectionLines(api, origin);
    if (api === 'interactions.create' && agentOf(call, ctx)) detection.push(AGENT_INTERACTION_NOTE);
    return {
      call,
      sdk: 'google-genai',
      provider: 'google',
      api,
      operation,
      client: receiverText(call, member.path.length),
      detection,
      extract: (bindings) => extractRequest(api === 'interactions.create' ? GEMINI_INTERACTIONS : GEMINI_GENERATE, { request: firstArgument(call), api }, ctx, bindings),
    };
  },
};

const AGENT_INTERACTION_NOTE = 'an agent interaction (`agent`): the server runs the agent loop, which may make many model requests; this site describes the call';

/** The `agent` option of `interactions.create({ agent })`, when written. */
function agentOf(call: CallExpression, ctx: AnalysisContext): Node | undefined {
  const body = firstArgument(call);
  const obj = body ? resolveObjectLiteral(body, ctx) : undefined;
  return obj ? getProperty(obj, 'agent', ctx) : undefined;
}

/** `chat.sendMessage(...)` on a value that traces to `new GoogleGenAI().chats.create(options)`. */
function matchChatSend(call: CallExpression, ctx: AnalysisContext): DetectedCall | undefined {
  const method = calleeName(call);
  if (!method || !CHAT_METHODS.has(method)) return undefined;
  const origin = calleeOrigin(call, PACKAGES, ctx);
  const create = origin ? chatsCreateCall(origin, method) : undefined;
  if (!origin || !create) return undefined;
  const api = `chats.${method}`;
  return {
    call,
    sdk: 'google-genai',
    provider: 'google',
    api,
    operation: 'generate',
    client: receiverText(call, 1),
    detection: [...detectionLines(api, origin), `chat session options from \`chats.create(...)\` (${ctx.span(create).file}:${create.getStartLineNumber()})`],
    extract: (bindings) => extractRequest(GEMINI_CHAT, { request: firstArgument(create), chatMessage: firstArgument(call), api }, ctx, bindings),
  };
}

/** The `chats.create(...)` call of an origin shaped `new GoogleGenAI()` `.chats.create(...)` `.<method>`. */
function chatsCreateCall(origin: Origin, method: string): CallExpression | undefined {
  if (!CLIENT_NAMES.has(origin.exportName) || origin.steps.length !== 5) return undefined;
  const [created, chats, create, invoked, send] = origin.steps;
  const shaped =
    created.kind === 'new' &&
    chats.kind === 'prop' && chats.name === 'chats' &&
    create.kind === 'prop' && create.name === 'create' &&
    send.kind === 'prop' && send.name === method;
  return shaped && invoked.kind === 'call' ? invoked.node : undefined;
}
