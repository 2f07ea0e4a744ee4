/**
 * LangChain JS chat models: `new ChatAnthropic({ model | modelName })`, `ChatOpenAI`,
 * `ChatGoogleGenerativeAI`, called with `.invoke/.stream/.batch`, also through
 * `.withStructuredOutput(schema)` / `.bind(...)` / `.withConfig(...)`, and `OpenAIEmbeddings`
 * (`embedQuery`/`embedDocuments`). The instance is traced through variables, fields and imports.
 *
 * Chains are call sites too: `prompt.pipe(model)`, `RunnableSequence.from([prompt, model, parser])`,
 * `model.pipe(parser)`, maps of branches (see runnables.ts), run with `.invoke/.stream/.batch`. The
 * call site is the chain's run; the model comes from the chat-model step (its constructor options,
 * its `withStructuredOutput` schema), the prompt from the prompt template before it, filled from the
 * run's input where that is written. A chain with several model steps makes one request per step.
 *
 * `.batch(inputs)` makes one request per input: a literal list of two or more inputs gives one
 * record per input (like a batch of request literals); any other list gives one record whose
 * `batchSize` says how many inputs, or why that is known only at run time. It is not a provider
 * batch API (no discount).
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { Operation, Provider } from '../../../model';
import { traceOrigin } from '../../clients';
import type { Origin } from '../../clients';
import { followToLiteral } from '../../resolve/objects';
import { initialState } from '../../resolve/common';
import { extractRequest } from '../../resolve/request';
import { LANGCHAIN_RUN } from './request';
import type { LangchainFields } from './request';
import { chainModels } from './runnables';
import type { ModelUse } from './runnables';
import type { AnalysisContext, Bindings, DetectedCall, DetectedElement, SdkDetector } from '../../types';
import { calleeName, calleeOrigin, detectionLines, firstArgument } from '../common';

const CLASSES: Record<string, { module: string; provider: Provider; embeddings?: boolean }> = {
  ChatAnthropic: { module: '@langchain/anthropic', provider: 'anthropic' },
  ChatOpenAI: { module: '@langchain/openai', provider: 'openai' },
  AzureChatOpenAI: { module: '@langchain/openai', provider: 'openai' },
  ChatGoogleGenerativeAI: { module: '@langchain/google-genai', provider: 'google' },
  OpenAIEmbeddings: { module: '@langchain/openai', provider: 'openai', embeddings: true },
};
const PACKAGES = ['@langchain/anthropic', '@langchain/openai', '@langchain/google-genai'];
const METHODS: Record<string, Operation> = { invoke: 'generate', stream: 'generate', batch: 'generate', embedQuery: 'embed', embedDocuments: 'embed' };
/** Methods returning a runnable over the same model. */
const CHAINABLE = new Set(['withStructuredOutput', 'bind', 'bindTools', 'withConfig', 'withRetry']);

/** A chat model as written: `new X(options)` then chainable calls. */
interface ModelShape {
  origin: Origin;
  options?: Node;
  schema?: Node;
  via: string[];
  /** `ChatOpenAI.withStructuredOutput`. */
  label: string;
}

/** Detects LangChain chat model requests. */
export const langchainDetector: SdkDetector = {
  sdk: 'langchain',
  packages: PACKAGES,
  match(call, ctx) {
    const method = calleeName(call);
    if (!method || !(method in METHODS)) return undefined;
    const origin = calleeOrigin(call, PACKAGES, ctx);
    const info = origin ? CLASSES[origin.exportName] : undefined;
    const shape = origin && info ? runnableShape(origin, method) : undefined;
    if (!origin || !info || !shape) return METHODS[method] === 'generate' ? matchChain(call, method, ctx) : undefined;
    if (Boolean(info.embeddings) !== (METHODS[method] === 'embed')) return undefined;
    const api = `${shape.label}.${method}`;
    const use: ModelUse<ModelShape> = { node: call, model: shape, input: { kind: 'input' } };
    return withBatchInputs(
      { call, sdk: 'langchain', provider: info.provider, api, operation: METHODS[method], client: receiverOf(call), detection: detectionLines(api, origin), extract: extractor(call, method, use, ctx) },
      method,
      [use],
      ctx,
    );
  },
};

/** A run of a chain that contains chat-model steps (`prompt.pipe(model).invoke({...})`). */
function matchChain(call: CallExpression, method: string, ctx: AnalysisContext): DetectedCall | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const chain = chainModels(callee.getExpression(), (node) => chatModel(node, ctx));
  if (!chain) return undefined;
  const first = chain.uses[0].model;
  const providers = new Set(chain.uses.map((use) => CLASSES[use.model.origin.exportName].provider));
  const api = `chain(${chain.uses.map((use) => use.model.label).join(', ')}).${method}`;
  const detection = [`\`.${method}(...)\` runs a LangChain chain: ${chain.outline}`];
  if (chain.uses.length === 1) detection.push(`model step \`${short(chain.uses[0].node)}\` (${where(chain.uses[0].node, ctx)})`, ...first.origin.chain);
  else {
    detection.push(`the chain has ${chain.uses.length} model steps: one request each per run`);
    for (const use of chain.uses) detection.push(`model step \`${short(use.node)}\` (${where(use.node, ctx)}): ${created(use.model, ctx)}`);
  }
  const detected: DetectedCall = {
    call,
    sdk: 'langchain',
    provider: providers.size === 1 ? [...providers][0] : 'unknown',
    api,
    operation: 'generate',
    client: receiverOf(call),
    detection,
    extract: extractor(call, method, chain.uses[0], ctx),
  };
  return withBatchInputs(detected, method, chain.uses, ctx);
}

/**
 * One record per request of a run: per model step of the chain and, for `.batch([...])` of two or
 * more literal inputs, per input. A single request keeps the call's record.
 */
function withBatchInputs(detected: DetectedCall, method: string, uses: Array<ModelUse<ModelShape>>, ctx: AnalysisContext): DetectedCall {
  const inputs = method === 'batch' ? literalInputs(detected.call, ctx) : [];
  const perUse = inputs.length >= 2 ? inputs : [undefined];
  const elements: DetectedElement[] = [];
  uses.forEach((use, step) => {
    perUse.forEach((input, index) => {
      const which = [
        uses.length > 1 ? `model step ${step + 1} of ${uses.length} (\`${use.model.label}\`)` : '',
        input ? `input ${index + 1} of ${inputs.length} of \`.batch([...])\`` : '',
      ].filter(Boolean).join(', ');
      const provider = CLASSES[use.model.origin.exportName].provider;
      elements.push({ node: input ?? detected.call, detection: which, provider, extract: extractor(detected.call, method, use, ctx, input ? index : undefined) });
    });
  });
  if (elements.length < 2) {
    if (method === 'batch' && inputs.length === 0) detected.detection.push('`.batch(...)` sends one request per input (not a provider batch API: no discount)');
    return detected;
  }
  return { ...detected, elements };
}

/** The literal inputs of `.batch([a, b, ...])` (no spreads), else empty. */
function literalInputs(call: CallExpression, ctx: AnalysisContext): Node[] {
  const arg = firstArgument(call);
  const list = arg ? followToLiteral(arg, initialState(ctx)) : undefined;
  if (!list || !Node.isArrayLiteralExpression(list.node)) return [];
  const elements = list.node.getElements();
  return elements.some(Node.isSpreadElement) ? [] : elements;
}

/** Extraction of one model step's request (input `batchElement` of a `.batch([...])` when given). */
function extractor(call: CallExpression, method: string, use: ModelUse<ModelShape>, ctx: AnalysisContext, batchElement?: number) {
  return (bindings?: Bindings) => {
    const fields: LangchainFields = { request: use.model.options, schema: use.model.schema, api: method, messagesArg: firstArgument(call), batchInputs: method === 'batch' };
    if (batchElement !== undefined) fields.batchElement = batchElement;
    if (use.input.kind === 'template') fields.template = { node: use.input.node, variables: use.input.variables };
    if (use.input.kind === 'opaque') fields.opaqueInput = { reason: use.input.reason, node: use.input.node };
    return extractRequest(LANGCHAIN_RUN, fields, ctx, bindings);
  };
}

/** A chat model (not embeddings) in a chain step: traced through declarations and imports only. */
function chatModel(node: Node, ctx: AnalysisContext): ModelShape | undefined {
  const origin = traceOrigin(node, { packages: PACKAGES, ctx, declarationsOnly: true });
  const info = origin ? CLASSES[origin.exportName] : undefined;
  if (!origin || !info || info.embeddings) return undefined;
  return modelShape(origin, origin.steps);
}

/** `new X(options)` then chainable calls then `.method`. */
function runnableShape(origin: Origin, method: string): ModelShape | undefined {
  const steps = [...origin.steps];
  const last = steps.pop();
  if (!last || last.kind !== 'prop' || last.name !== method) return undefined;
  return modelShape(origin, steps);
}

/** `new X(options)` then chainable calls; collects the options and a structured-output schema. */
function modelShape(origin: Origin, steps: Origin['steps']): ModelShape | undefined {
  const [first, ...rest] = steps;
  if (!first || first.kind !== 'new') return undefined;
  const via: string[] = [];
  let schema: Node | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const prop = rest[i];
    const invoked = rest[i + 1];
    if (prop.kind !== 'prop' || !CHAINABLE.has(prop.name) || !invoked || invoked.kind !== 'call') return undefined;
    via.push(prop.name);
    if (prop.name === 'withStructuredOutput') schema = firstArgument(invoked.node);
  }
  return { origin, options: firstArgument(first.node), schema, via, label: [origin.exportName, ...via].join('.') };
}

function receiverOf(call: CallExpression): string {
  const callee = call.getExpression();
  const receiver = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
  return receiver.getText().replace(/\s+/g, ' ');
}

/** Where a model step's instance is created: `` `new ChatOpenAI({...})` (src/a.ts:3) of '@langchain/openai' ``. */
function created(model: ModelShape, ctx: AnalysisContext): string {
  const creation = model.origin.steps[0];
  const node = creation?.kind === 'new' ? creation.node : undefined;
  const at = node ? `\`${short(node)}\` (${where(node, ctx)})` : `\`${model.origin.exportName}\``;
  return `${at} of '${model.origin.module}'`;
}

function short(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function where(node: Node, ctx: AnalysisContext): string {
  const span = ctx.span(node);
  return `${span.file}:${span.start.line + 1}`;
}
