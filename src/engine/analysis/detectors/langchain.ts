/**
 * LangChain JS chat models: `new ChatAnthropic({ model | modelName })`, `ChatOpenAI`,
 * `ChatGoogleGenerativeAI`, called with `.invoke/.stream/.batch`, also through
 * `.withStructuredOutput(schema)` / `.bind(...)` / `.withConfig(...)`, and `OpenAIEmbeddings`
 * (`embedQuery`/`embedDocuments`). The instance is traced through variables, fields and imports.
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { Operation, Provider } from '../../model';
import type { Origin } from '../clients';
import { extractRequest } from '../resolve/request';
import type { SdkDetector } from '../types';
import { calleeName, calleeOrigin, detectionLines, firstArgument } from './common';

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
    if (!origin || !info || !shape || Boolean(info.embeddings) !== (METHODS[method] === 'embed')) return undefined;
    const api = `${origin.exportName}.${shape.via.length ? `${shape.via.join('.')}.` : ''}${method}`;
    return {
      call,
      sdk: 'langchain',
      provider: info.provider,
      api,
      operation: METHODS[method],
      client: receiverOf(call),
      detection: detectionLines(api, origin),
      extract: (bindings) =>
        extractRequest('langchain', { request: shape.options, messagesArg: firstArgument(call), schema: shape.schema, api: method }, ctx, bindings),
    };
  },
};

/** `new X(options)` then chainable calls then `.method`; collects the options and a structured-output schema. */
function runnableShape(origin: Origin, method: string): { options?: Node; schema?: Node; via: string[] } | undefined {
  const [first, ...rest] = origin.steps;
  if (!first || first.kind !== 'new') return undefined;
  const last = rest.pop();
  if (!last || last.kind !== 'prop' || last.name !== method) return undefined;
  const via: string[] = [];
  let schema: Node | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const prop = rest[i];
    const invoked = rest[i + 1];
    if (prop.kind !== 'prop' || !CHAINABLE.has(prop.name) || !invoked || invoked.kind !== 'call') return undefined;
    via.push(prop.name);
    if (prop.name === 'withStructuredOutput') schema = firstArgument(invoked.node);
  }
  return { options: firstArgument(first.node), schema, via };
}

function receiverOf(call: CallExpression): string {
  const callee = call.getExpression();
  const receiver = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
  return receiver.getText().replace(/\s+/g, ' ');
}
