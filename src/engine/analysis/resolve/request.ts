/**
 * `extractRequest`: model, prompt and parameters of one SDK request, read by the request's shape.
 * Each SDK folder (`analysis/sdks/<sdk>/request.ts`) owns the `RequestShape` tables of its API
 * families (where the model, system prompt, messages and config are written) and the readers of
 * anything SDK-specific (a batch submission, a LangChain run's input, a Gemini chat turn); this
 * module reads any request through such a table. Detectors pass the nodes they found (the options
 * object, an explicit model expression, a `withStructuredOutput` schema); bindings come from
 * wrapper expansion.
 */
import { Node } from 'ts-morph';
import type { AnalysisContext, Bindings, ExtractedRequest } from '../types';
import type { CallParams, ModelRef, Resolved, StructuredOutput } from '../../model';
import { emptyResolved, exprText, initialState } from './common';
import type { EvalState } from './common';
import { followToLiteral } from './objects';
import { modelIn, numberIn } from './values';
import { PromptBuilder, addContent, addMessages, addSystem } from './prompt';
import { firstOf, maxTokensOf, objectAt, readPath, singleNumber, singleString, streamFlag, structuredOutputOf, toolsOf } from './params';
import type { RequestObject } from './params';

/** What a detector found at the call (an SDK's shape may ask for more: see `RequestShape`'s `F`). */
export interface RequestFields {
  /** The request/options object expression (for LangChain: the constructor options). */
  request?: Node;
  /** An explicit model expression (AI SDK factory call or id, LangChain `model`/`modelName`). */
  model?: Node;
  /** An explicit structured-output schema (LangChain `withStructuredOutput(schema)` argument). */
  schema?: Node;
  /** The API as written (`messages.stream`, `streamText`, `embedMany`); stream APIs set `stream`. */
  api?: string;
  /**
   * A batch: read only request `batchElement` (0-based) of a literal list of requests (Anthropic's
   * `requests`, the inputs of LangChain's `.batch([...])`). The result is that one request, so it
   * carries no `batchSize`.
   */
  batchElement?: number;
}

/** The request of a call as the shape's readers see it. */
export interface ShapeRequest<F extends RequestFields> {
  /** The request object, when it is a statically known object literal. */
  req: RequestObject | undefined;
  fields: F;
  st: EvalState;
}

/**
 * How one SDK API family writes a request: a table of where each fact is written, plus the SDK's
 * own readers where a path is not enough. Owned by the SDK's folder (`sdks/<sdk>/request.ts`).
 */
export interface RequestShape<F extends RequestFields = RequestFields> {
  /** The family's name (`anthropic-messages`, `openai-responses`), for explanation and tests. */
  name: string;
  /** Where the model id is written; the first path found wins. */
  modelPaths: readonly string[];
  /** A field naming a server-side agent instead of a model (its absence of a model is then explained). */
  agentPath?: string;
  /** Where the system prompt is written; the first path found wins. */
  systemPaths: readonly string[];
  /** A single prompt string, sent as the user's turn before the messages. */
  promptPath?: string;
  /** The message list. */
  messagesPath?: string;
  /**
   * An embedding request: its input is the first of `paths` found; with `when`, only requests that
   * set one of those fields are embedding requests (AI SDK `embed({ value })`).
   */
  embedding?: { paths: readonly string[]; when?: readonly string[] };
  /** A nested generation config whose parameters count too (`config`, `generation_config`). */
  configPath?: string;
  /**
   * A batch submission: which request's `params` this is and how many requests it carries, or
   * undefined when the request is not a batch (Anthropic's `requests`).
   */
  batch?: (req: RequestObject, fields: F) => { params: RequestObject | undefined; size?: Resolved<number> } | undefined;
  /**
   * Reads the input (after the system prompt) the SDK's own way instead of `promptPath` /
   * `messagesPath` / `embedding`; may report how many requests one call makes (`.batch(...)`).
   */
  input?: (b: PromptBuilder, request: ShapeRequest<F>) => { batchSize?: Resolved<number> } | void;
  /** Parameters set on this call itself that win over `configPath`'s (a Gemini chat turn's `config`). */
  turnConfig?: (request: ShapeRequest<F>) => RequestObject | undefined;
  /**
   * Structured output the SDK's own way; without it: `response_format`, `text.format`,
   * `output_format`, `output_config.format`.
   */
  structuredOutput?: (scopes: { req: RequestObject | undefined; config: RequestObject | undefined; turnConfig: RequestObject | undefined }) => StructuredOutput | undefined;
}

/** Resolves model, prompt and params of one request written in `shape`. */
export function extractRequest<F extends RequestFields>(shape: RequestShape<F>, fields: F, ctx: AnalysisContext, bindings?: Bindings): ExtractedRequest {
  const st = initialState(ctx, bindings);
  const located = fields.request ? followToLiteral(fields.request, st) : undefined;
  let req: RequestObject | undefined = located && Node.isObjectLiteralExpression(located.node) ? { node: located.node, st: located.st } : undefined;
  let batchSize: Resolved<number> | undefined;
  const batch = req && shape.batch ? shape.batch(req, fields) : undefined;
  if (batch) {
    req = batch.params;
    batchSize = batch.size;
  }
  const model = modelOf(shape, fields, req, st);
  const builder = new PromptBuilder(st);
  if (fields.request && !req) builder.unresolved(`the request \`${exprText(fields.request)}\` is not a statically known object`, fields.request);
  const request: ShapeRequest<F> = { req, fields, st };
  const runSize = buildPrompt(shape, request, builder);
  if (runSize) batchSize = runSize;
  const params = paramsOf(shape, request);
  if (builder.cache) params.promptCache = builder.cache;
  return { model, prompt: builder.shape(), params, batchSize };
}

/** The first of `paths` written in `req`. */
function firstPath(req: RequestObject | undefined, paths: readonly string[]) {
  for (const path of paths) {
    const found = readPath(req, path);
    if (found) return found;
  }
  return undefined;
}

function modelOf<F extends RequestFields>(shape: RequestShape<F>, fields: F, req: RequestObject | undefined, st: EvalState): ModelRef {
  if (fields.model) return modelIn(fields.model, st);
  const found = firstPath(req, shape.modelPaths);
  if (found) return modelIn(found.node, found.st);
  const expression = fields.request ? exprText(fields.request) : '';
  const agent = shape.agentPath ? readPath(req, shape.agentPath) : undefined;
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

/** The system prompt, then the input; returns the number of requests the call makes when the input says so. */
function buildPrompt<F extends RequestFields>(shape: RequestShape<F>, request: ShapeRequest<F>, b: PromptBuilder): Resolved<number> | undefined {
  const { req } = request;
  const system = firstPath(req, shape.systemPaths);
  if (system) addSystem(b, system.node, system.st);
  if (shape.input) return shape.input(b, request)?.batchSize ?? undefined;
  const embedding = shape.embedding;
  if (embedding && (!embedding.when || embedding.when.some((path) => readPath(req, path)))) {
    const input = firstPath(req, embedding.paths);
    if (input) addEmbeddingInput(b, input.node, input.st);
    return undefined;
  }
  const prompt = shape.promptPath ? readPath(req, shape.promptPath) : undefined;
  if (prompt) addContent(b, 'user', prompt.node, prompt.st);
  const messages = shape.messagesPath ? readPath(req, shape.messagesPath) : undefined;
  if (messages) addMessages(b, messages.node, messages.st, 'user');
  return undefined;
}

function addEmbeddingInput(b: PromptBuilder, node: Node, st: EvalState): void {
  const literal = followToLiteral(node, st);
  if (literal && Node.isArrayLiteralExpression(literal.node)) {
    for (const element of literal.node.getElements()) addContent(b, 'input', element, literal.st);
    return;
  }
  addContent(b, 'input', node, st);
}

function paramsOf<F extends RequestFields>(shape: RequestShape<F>, request: ShapeRequest<F>): CallParams {
  const { req, fields } = request;
  const config = shape.configPath ? objectAt(req, shape.configPath) : undefined;
  const turnConfig = shape.turnConfig?.(request);
  const scopes = [req, turnConfig, config];
  const params: CallParams = { stream: streamFlag(scopes) || (fields.api ?? '').toLowerCase().includes('stream'), batch: false };
  const maxTokens = maxTokensOf(scopes);
  if (maxTokens) params.maxTokens = maxTokens;
  const temperature = singleNumber(firstOf(scopes, ['temperature']));
  if (temperature !== undefined) params.temperature = temperature;
  const tools = toolsOf(firstOf(scopes, ['tools', 'functions']));
  if (tools) params.tools = tools;
  const structured = fields.schema
    ? structuredOutputOf({ node: fields.schema, st: request.st })
    : shape.structuredOutput
      ? shape.structuredOutput({ req, config, turnConfig })
      : structuredOutputOf(firstOf([req], ['response_format', 'text.format', 'output_format', 'output_config.format']));
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
