/**
 * `extractRequest`: model, prompt and parameters of one SDK request, per request style. Detectors
 * pass the nodes they found (the options object, an explicit model expression, a LangChain
 * `.invoke` argument, a `withStructuredOutput` schema); bindings come from wrapper expansion.
 */
import { Node } from 'ts-morph';
import type { AnalysisContext, Bindings, ExtractedRequest } from '../types';
import type { CallParams, ModelRef, Resolved, StructuredOutput } from '../../model';
import { emptyResolved, exprText, initialState, toResolved } from './common';
import type { EvalState } from './common';
import { followToLiteral } from './objects';
import type { Located } from './objects';
import { modelIn, numberIn, stringIn } from './values';
import { PromptBuilder, addContent, addMessages, addSystem } from './prompt';
import { firstOf, maxTokensOf, objectAt, readPath, singleNumber, singleString, streamFlag, structuredOutputOf, toolsOf } from './params';
import type { RequestObject } from './params';
import { describeSchema } from './schema';
import { unwrap } from './symbols';
import { literalRes } from './common';

/** The request shapes Tierwise understands (one per SDK API family). */
export type RequestStyle = 'anthropic-messages' | 'openai-chat' | 'openai-responses' | 'openai-embeddings' | 'ai-sdk' | 'langchain' | 'google-genai';

/** What a detector found at the call. */
export interface RequestFields {
  /** The request/options object expression (for LangChain: the constructor options). */
  request?: Node;
  /** An explicit model expression (AI SDK factory call or id, LangChain `model`/`modelName`). */
  model?: Node;
  /** LangChain `.invoke(x)` / `.stream(x)` argument. */
  messagesArg?: Node;
  /** LangChain `withStructuredOutput(schema)` argument. */
  schema?: Node;
  /** The API as written (`messages.stream`, `streamText`, `embedMany`); stream APIs set `stream`. */
  api?: string;
  /**
   * Anthropic batch: read only request `batchElement` (0-based) of a literal `requests` array (see
   * `batchElementNodes`). The result is that one request, so it carries no `batchSize`.
   */
  batchElement?: number;
  /** Google Gen AI chat session: the argument of `chat.sendMessage(...)` (`{ message, config }`). */
  chatMessage?: Node;
}

/** Resolves model, prompt and params of one request. */
export function extractRequest(style: RequestStyle, fields: RequestFields, ctx: AnalysisContext, bindings?: Bindings): ExtractedRequest {
  const st = initialState(ctx, bindings);
  const located = fields.request ? followToLiteral(fields.request, st) : undefined;
  let req: RequestObject | undefined = located && Node.isObjectLiteralExpression(located.node) ? { node: located.node, st: located.st } : undefined;
  let batchSize: Resolved<number> | undefined;
  if (style === 'anthropic-messages' && req && !readPath(req, 'model') && readPath(req, 'requests')) {
    const batch = batchRequest(req, fields.batchElement ?? 0);
    req = batch.params;
    batchSize = fields.batchElement === undefined ? batch.size : undefined;
  }
  const model = modelOf(style, fields, req, st);
  const builder = new PromptBuilder(st);
  if (fields.request && !req) builder.unresolved(`the request \`${exprText(fields.request)}\` is not a statically known object`, fields.request);
  buildPrompt(style, req, fields, builder, st);
  const params = paramsOf(style, req, fields, st);
  if (builder.cache) params.promptCache = builder.cache;
  return { model, prompt: builder.shape(), params, batchSize };
}

function modelOf(style: RequestStyle, fields: RequestFields, req: RequestObject | undefined, st: EvalState): ModelRef {
  if (fields.model) return modelIn(fields.model, st);
  const found = readPath(req, 'model') ?? (style === 'langchain' ? readPath(req, 'modelName') : undefined);
  if (found) return modelIn(found.node, found.st);
  const expression = fields.request ? exprText(fields.request) : '';
  return { ...emptyResolved<string>(missingModelReason(fields.request, req), expression), hardCoded: false };
}

/**
 * Why no model was found: the request is not a readable object (a parameter, a runtime value), an
 * unreadable spread may carry it, or the request truly sets none.
 */
function missingModelReason(request: Node | undefined, req: RequestObject | undefined): string {
  if (request && !req) {
    return `the request \`${exprText(request)}\` is not an object Tierwise can read (a parameter or a value built at runtime), so its \`model\` is not statically known`;
  }
  const spreads = req ? opaqueSpreads(req.node, req.st) : [];
  if (spreads.length > 0) {
    return `\`model\` is not written in the request; it may come from ${spreads.map((s) => `\`...${s}\``).join(', ')}, which is not statically known`;
  }
  return 'the request sets no `model` (the SDK or server default applies)';
}

/** Spread expressions of an object literal (and of the literals it spreads) that do not resolve to an object literal. */
function opaqueSpreads(obj: Node, st: EvalState, depth = 0): string[] {
  if (!Node.isObjectLiteralExpression(obj) || depth > 5) return [];
  const out: string[] = [];
  for (const prop of obj.getProperties()) {
    if (!Node.isSpreadAssignment(prop)) continue;
    const spread = followToLiteral(prop.getExpression(), st);
    if (spread && Node.isObjectLiteralExpression(spread.node)) out.push(...opaqueSpreads(spread.node, spread.st, depth + 1));
    else out.push(exprText(prop.getExpression()));
  }
  return out;
}

function buildPrompt(style: RequestStyle, req: RequestObject | undefined, fields: RequestFields, b: PromptBuilder, st: EvalState): void {
  const at = (path: string) => readPath(req, path);
  // AI SDK agents (`new ToolLoopAgent({ instructions })`) name their system prompt `instructions`.
  const system = style === 'google-genai' ? at('config.systemInstruction') : style === 'openai-responses' ? at('instructions') : (at('system') ?? (style === 'ai-sdk' ? at('instructions') : undefined));
  if (fields.chatMessage) {
    addChatTurn(b, req, fields.chatMessage, st);
    return;
  }
  if (system) addSystem(b, system.node, system.st);
  if (style === 'langchain') {
    if (fields.messagesArg) addMessages(b, fields.messagesArg, st);
    return;
  }
  if (style === 'openai-embeddings' || (style === 'ai-sdk' && (at('value') || at('values')))) {
    const input = at('input') ?? at('value') ?? at('values');
    if (input) addEmbeddingInput(b, input.node, input.st);
    return;
  }
  const prompt = at('prompt');
  if (prompt) addContent(b, 'user', prompt.node, prompt.st);
  const messages = style === 'openai-responses' ? at('input') : style === 'google-genai' ? at('contents') : at('messages');
  if (messages) addMessages(b, messages.node, messages.st, 'user');
}

/**
 * A Gemini chat turn: the session's system instruction (a per-message `config` one wins) and
 * `history` from `chats.create`, then the `message` of `sendMessage({ message })` as the user part.
 */
function addChatTurn(b: PromptBuilder, session: RequestObject | undefined, sent: Node, st: EvalState): void {
  const turn = chatTurnObject(sent, st);
  const system = readPath(turn, 'config.systemInstruction') ?? readPath(session, 'config.systemInstruction');
  if (system) addSystem(b, system.node, system.st);
  const history = readPath(session, 'history');
  if (history) addMessages(b, history.node, history.st, 'user');
  const message = readPath(turn, 'message');
  if (message) addContent(b, 'user', message.node, message.st);
  else if (turn) b.unresolved(`the chat message \`${exprText(sent)}\` sets no \`message\``, sent);
  else b.unresolved(`the chat message \`${exprText(sent)}\` is not a statically known \`{ message }\` object`, sent);
}

/** The `{ message, config }` object passed to `chat.sendMessage`, when statically known. */
function chatTurnObject(sent: Node | undefined, st: EvalState): RequestObject | undefined {
  const literal = sent ? followToLiteral(sent, st) : undefined;
  return literal && Node.isObjectLiteralExpression(literal.node) ? { node: literal.node, st: literal.st } : undefined;
}

function addEmbeddingInput(b: PromptBuilder, node: Node, st: EvalState): void {
  const literal = followToLiteral(node, st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    for (const element of literal.node.getElements()) addContent(b, 'input', element, literal.st);
    return;
  }
  addContent(b, 'input', node, st);
}

function paramsOf(style: RequestStyle, req: RequestObject | undefined, fields: RequestFields, st: EvalState): CallParams {
  const config = style === 'google-genai' ? objectAt(req, 'config') : undefined;
  // A chat turn's own `config` (sendMessage({ message, config })) overrides the session's.
  const turnConfig = fields.chatMessage ? objectAt(chatTurnObject(fields.chatMessage, st), 'config') : undefined;
  const scopes = [req, turnConfig, config];
  const params: CallParams = { stream: streamFlag(scopes) || (fields.api ?? '').toLowerCase().includes('stream'), batch: false };
  const maxTokens = maxTokensOf(scopes);
  if (maxTokens) params.maxTokens = maxTokens;
  const temperature = singleNumber(firstOf(scopes, ['temperature']));
  if (temperature !== undefined) params.temperature = temperature;
  const tools = toolsOf(firstOf(scopes, ['tools', 'functions']));
  if (tools) params.tools = tools;
  const structured = structuredOf(style, req, config, fields, st);
  if (structured) params.structuredOutput = structured;
  const thinking = firstOf(scopes, [
    'thinking.budget_tokens', 'thinking.budgetTokens', 'providerOptions.anthropic.thinking.budgetTokens', 'thinkingConfig.thinkingBudget',
    'providerOptions.google.thinkingConfig.thinkingBudget',
  ]);
  if (thinking) params.thinkingBudget = numberIn(thinking.node, thinking.st);
  const effort = singleString(firstOf(scopes, ['reasoning_effort', 'reasoning.effort', 'reasoningEffort', 'providerOptions.openai.reasoningEffort']));
  if (effort) params.reasoningEffort = effort;
  return params;
}

function structuredOf(style: RequestStyle, req: RequestObject | undefined, config: RequestObject | undefined, fields: RequestFields, st: EvalState) {
  if (fields.schema) return structuredOutputOf({ node: fields.schema, st });
  if (style === 'google-genai') {
    const configs = [fields.chatMessage ? objectAt(chatTurnObject(fields.chatMessage, st), 'config') : undefined, config];
    const schema = firstOf(configs, ['responseSchema', 'responseJsonSchema']);
    if (schema) return describeSchema(schema.node, schema.st, 'json-schema');
    return singleString(firstOf(configs, ['responseMimeType'])) === 'application/json' ? { kind: 'json-object' as const } : undefined;
  }
  if (style === 'ai-sdk') {
    const schema = firstOf([req], ['schema', 'output.schema', 'experimental_output.schema']);
    if (schema) return structuredOutputOf(schema);
    const helper = outputHelperOf(firstOf([req], ['output', 'experimental_output']));
    if (helper) return helper;
    return singleString(firstOf([req], ['output'])) === 'no-schema' ? { kind: 'json-object' as const } : undefined;
  }
  return structuredOutputOf(firstOf([req], ['response_format', 'text.format', 'output_format', 'output_config.format']));
}

/**
 * AI SDK 5/6 output helpers: `output: Output.object({ schema })`, `Output.array({ element })`,
 * `Output.choice({ options: [...] })` (a closed label set), `Output.json()`; `Output.text()` is plain text.
 */
function outputHelperOf(found: Located | undefined): StructuredOutput | undefined {
  const target = found ? unwrap(found.node) : undefined;
  if (!found || !target || !Node.isCallExpression(target)) return undefined;
  const callee = unwrap(target.getExpression());
  const helper = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const arg = target.getArguments()[0];
  const literal = arg ? followToLiteral(arg, found.st) : undefined;
  const options: RequestObject | undefined = literal && Node.isObjectLiteralExpression(literal.node) ? { node: literal.node, st: literal.st } : undefined;
  if (helper === 'object' || helper === 'array') {
    const schema = readPath(options, helper === 'object' ? 'schema' : 'element');
    return schema ? structuredOutputOf(schema) : { kind: 'other', schemaText: exprText(target) };
  }
  if (helper === 'choice') {
    const labels = readPath(options, 'options');
    const values = labels ? stringsOf(labels) : [];
    return { kind: 'other', schemaText: exprText(target), ...(values.length > 0 ? { labels: values } : {}) };
  }
  if (helper === 'json') return { kind: 'json-object' };
  return undefined;
}

/** The string values of an array literal (`['positive', 'negative']`), resolved element by element. */
function stringsOf(found: Located): string[] {
  const literal = followToLiteral(found.node, found.st);
  if (!literal || !Node.isArrayLiteralExpression(literal.node)) return [];
  return literal.node.getElements().flatMap((element) => stringIn(element, literal.st).candidates.map((c) => c.value));
}

/**
 * `messages.batches.create({ requests: [...] })` or `requests: items.map((x) => ({ custom_id, params }))`:
 * the `params` of one request (they share a shape) and the number of requests when known.
 */
function batchRequest(req: RequestObject, element: number): { params: RequestObject | undefined; size: Resolved<number> } {
  const requests = readPath(req, 'requests');
  const expression = requests ? exprText(requests.node) : 'requests';
  if (!requests) return { params: undefined, size: emptyResolved('the batch has no `requests`', expression) };
  const literal = followToLiteral(requests.node, requests.st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    const chosen = literal.node.getElements()[element];
    const chosenObj = chosen ? followToLiteral(chosen, literal.st) : undefined;
    const params = chosenObj && Node.isObjectLiteralExpression(chosenObj.node) ? objectAt({ node: chosenObj.node, st: chosenObj.st }, 'params') : undefined;
    const size = toResolved(literalRes(literal.node.getElements().length, literal.node, literal.st), expression);
    return { params, size };
  }
  const mapped = unwrap(requests.node);
  const size = mappedSize(mapped, requests.st, expression);
  if (Node.isCallExpression(mapped)) {
    const callback = mapped.getArguments()[0];
    if (callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback))) {
      const body = callback.getBody();
      const returned = Node.isBlock(body) ? body.getStatements().find(Node.isReturnStatement)?.getExpression() : body;
      const obj = returned ? followToLiteral(returned, requests.st) : undefined;
      if (obj && Node.isObjectLiteralExpression(obj.node)) return { params: objectAt({ node: obj.node, st: obj.st }, 'params'), size };
    }
  }
  return { params: undefined, size };
}

/**
 * The size of `requests: LIST.map(...)`: the length of LIST when it is an array literal (a const
 * table of regions, locales, ...) without spreads; otherwise unknown with the reason.
 */
function mappedSize(mapped: Node, st: EvalState, expression: string): Resolved<number> {
  const callee = Node.isCallExpression(mapped) ? unwrap(mapped.getExpression()) : undefined;
  if (callee && Node.isPropertyAccessExpression(callee) && callee.getName() === 'map') {
    const list = followToLiteral(callee.getExpression(), st);
    if (list && Node.isArrayLiteralExpression(list.node) && !list.node.getElements().some(Node.isSpreadElement)) {
      return toResolved(literalRes(list.node.getElements().length, list.node, list.st), expression);
    }
  }
  return emptyResolved<number>(`the number of batch requests depends on \`${expression}\` at run time`, expression);
}

/**
 * The request elements of `messages.batches.create({ requests: [a, b, ...] })` when `requests` is an
 * array literal of two or more request objects (literals or consts naming them), in order; empty
 * otherwise (one request, a spread, a `.map(...)` template or a runtime value: one record sizes it).
 */
export function batchElementNodes(request: Node | undefined, ctx: AnalysisContext): Node[] {
  const st = initialState(ctx);
  const located = request ? followToLiteral(request, st) : undefined;
  if (!located || !Node.isObjectLiteralExpression(located.node)) return [];
  const requests = readPath({ node: located.node, st: located.st }, 'requests');
  const literal = requests ? followToLiteral(requests.node, requests.st) : undefined;
  if (!literal || !Node.isArrayLiteralExpression(literal.node)) return [];
  const elements = literal.node.getElements();
  const objects = elements.filter((element) => {
    const obj = Node.isSpreadElement(element) ? undefined : followToLiteral(element, literal.st);
    return obj !== undefined && Node.isObjectLiteralExpression(obj.node);
  });
  return objects.length >= 2 && objects.length === elements.length ? elements : [];
}
