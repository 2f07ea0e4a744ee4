/**
 * `extractRequest`: model, prompt and parameters of one SDK request, per request style. Detectors
 * pass the nodes they found (the options object, an explicit model expression, a LangChain
 * `.invoke` argument, a `withStructuredOutput` schema); bindings come from wrapper expansion.
 */
import { Node } from 'ts-morph';
import type { AnalysisContext, Bindings, ExtractedRequest } from '../types';
import type { CallParams, ModelRef, Resolved, StructuredOutput } from '../../model';
import { emptyResolved, exprText, initialState, literalRes, toResolved } from './common';
import { batchRequest } from './batch';
import type { EvalState } from './common';
import { followToLiteral } from './objects';
import type { Located } from './objects';
import { modelIn, numberIn, stringIn } from './values';
import { PromptBuilder, addContent, addMessages, addSystem } from './prompt';
import { addPromptTemplate } from './promptTemplate';
import type { TemplateFields } from './promptTemplate';
import { firstOf, maxTokensOf, objectAt, readPath, singleNumber, singleString, streamFlag, structuredOutputOf, toolsOf } from './params';
import type { RequestObject } from './params';
import { describeSchema } from './schema';
import { unwrap } from './symbols';

/** The request shapes Tierwise understands (one per SDK API family). */
export type RequestStyle =
  | 'anthropic-messages' | 'openai-chat' | 'openai-responses' | 'openai-embeddings' | 'ai-sdk' | 'langchain' | 'google-genai'
  /** Gemini Interactions API: `{ model | agent, input, system_instruction, generation_config, previous_interaction_id }`. */
  | 'google-interactions';

/** What a detector found at the call. */
export interface RequestFields {
  /** The request/options object expression (for LangChain: the constructor options). */
  request?: Node;
  /** An explicit model expression (AI SDK factory call or id, LangChain `model`/`modelName`). */
  model?: Node;
  /** LangChain `.invoke(x)` / `.stream(x)` argument, or the list of inputs of `.batch([...])` (`batchInputs`). */
  messagesArg?: Node;
  /** LangChain `.batch(inputs)`: `messagesArg` is a list with one input per request; `batchElement` picks one. */
  batchInputs?: boolean;
  /** LangChain chain: the prompt template that formats the model's input from the run's input. */
  template?: TemplateFields;
  /** LangChain chain: the model's input is the output of an earlier step; the reason its prompt is unknown. */
  opaqueInput?: { reason: string; node: Node };
  /** LangChain `withStructuredOutput(schema)` argument. */
  schema?: Node;
  /** The API as written (`messages.stream`, `streamText`, `embedMany`); stream APIs set `stream`. */
  api?: string;
  /**
   * A batch: read only request `batchElement` (0-based) of a literal `requests` array (Anthropic, see
   * `batchElementNodes`) or of the literal inputs of LangChain's `.batch([...])`. The result is that
   * one request, so it carries no `batchSize`.
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
  const run = style === 'langchain' ? runInputOf(fields, st) : {};
  if (run.size) batchSize = run.size;
  buildPrompt(style, req, fields, builder, st, run);
  const params = paramsOf(style, req, fields, st);
  if (builder.cache) params.promptCache = builder.cache;
  return { model, prompt: builder.shape(), params, batchSize };
}

function modelOf(style: RequestStyle, fields: RequestFields, req: RequestObject | undefined, st: EvalState): ModelRef {
  if (fields.model) return modelIn(fields.model, st);
  const found = readPath(req, 'model') ?? (style === 'langchain' ? readPath(req, 'modelName') : undefined);
  if (found) return modelIn(found.node, found.st);
  const expression = fields.request ? exprText(fields.request) : '';
  const agent = style === 'google-interactions' ? readPath(req, 'agent') : undefined;
  if (agent) {
    const reason = `an agent interaction (\`agent: ${exprText(agent.node)}\`) names no \`model\`: the agent chooses its models on the server`;
    return { ...emptyResolved<string>(reason, expression), hardCoded: false };
  }
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

function buildPrompt(style: RequestStyle, req: RequestObject | undefined, fields: RequestFields, b: PromptBuilder, st: EvalState, run: RunInput): void {
  const at = (path: string) => readPath(req, path);
  // AI SDK agents (`new ToolLoopAgent({ instructions })`) name their system prompt `instructions`.
  const system = style === 'google-genai' ? at('config.systemInstruction') : style === 'google-interactions' ? at('system_instruction')
    : style === 'openai-responses' ? at('instructions') : (at('system') ?? (style === 'ai-sdk' ? at('instructions') : undefined));
  if (fields.chatMessage) {
    addChatTurn(b, req, fields.chatMessage, st);
    return;
  }
  if (system) addSystem(b, system.node, system.st);
  if (style === 'google-interactions') {
    addInteractionInput(b, req);
    return;
  }
  if (style === 'langchain') {
    addLangchainInput(b, fields, run);
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

/** The input one LangChain request receives, and for `.batch(...)` the number of inputs. */
interface RunInput {
  input?: Located;
  size?: Resolved<number>;
  /** Why the input is not known (a `.batch` list built at run time). */
  missing?: { reason: string; node: Node };
}

/** The `.invoke(x)` / `.stream(x)` argument, or input `batchElement` of `.batch([...])` (all of them counted). */
function runInputOf(fields: RequestFields, st: EvalState): RunInput {
  const arg = fields.messagesArg;
  if (!arg) return {};
  if (!fields.batchInputs) return { input: { node: arg, st } };
  const expression = exprText(arg);
  const list = followToLiteral(arg, st);
  if (list && Node.isArrayLiteralExpression(list.node) && !list.node.getElements().some(Node.isSpreadElement)) {
    const elements = list.node.getElements();
    const element = elements[fields.batchElement ?? 0];
    const size = fields.batchElement === undefined ? toResolved(literalRes(elements.length, list.node, list.st), expression) : undefined;
    return { input: element ? { node: element, st: list.st } : undefined, ...(size ? { size } : {}) };
  }
  return {
    size: emptyResolved<number>(`the number of inputs of \`.batch(${expression})\` is known only at run time (one request per input)`, expression),
    missing: { reason: `the inputs of \`.batch(${expression})\` are known only at run time`, node: arg },
  };
}

/** A LangChain request's prompt: a chain's prompt template filled from the input, else the input as messages. */
function addLangchainInput(b: PromptBuilder, fields: RequestFields, run: RunInput): void {
  if (fields.opaqueInput) b.unresolved(fields.opaqueInput.reason, fields.opaqueInput.node);
  else if (fields.template) addPromptTemplate(b, fields.template, run.input, b.state);
  else if (run.input) addMessages(b, run.input.node, run.input.st);
  else if (run.missing) b.unresolved(run.missing.reason, run.missing.node);
}

/**
 * A Gemini interaction's `input`: a string, content blocks (`{ type: 'text', text }`, images as
 * holes) or steps (`{ type: 'user_input', content }`). A continued interaction
 * (`previous_interaction_id`) also sends the earlier turns the server keeps: unknown here.
 */
function addInteractionInput(b: PromptBuilder, req: RequestObject | undefined): void {
  const input = readPath(req, 'input');
  if (input) addContent(b, 'user', input.node, input.st);
  const previous = readPath(req, 'previous_interaction_id');
  if (previous) b.unresolved(`the earlier turns of interaction \`${exprText(previous.node)}\` are kept by the server and sent as input too`, previous.node);
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
  const config = style === 'google-genai' ? objectAt(req, 'config') : style === 'google-interactions' ? objectAt(req, 'generation_config') : undefined;
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
  const effort = singleString(firstOf(scopes, ['reasoning_effort', 'reasoning.effort', 'reasoningEffort', 'providerOptions.openai.reasoningEffort', 'thinking_level']));
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
