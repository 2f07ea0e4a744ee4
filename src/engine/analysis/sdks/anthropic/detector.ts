/**
 * `@anthropic-ai/sdk`: `messages.create|stream|parse|countTokens`, `messages.batches.create` (the
 * requests inside it), and the same under `beta.` — on any value that traces to an `Anthropic`
 * client (see clients.ts), never on a look-alike local object. `beta.messages.toolRunner({...})` is
 * an agent loop: its body is read like `messages.create`, and one run may send several requests.
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import type { Operation } from '../../../model';
import { batchElementNodes, batchTemplateNote } from './batch';
import { extractRequest } from '../../resolve/request';
import { ANTHROPIC_MESSAGES } from './request';
import type { AnalysisContext, Bindings, DetectedCall, DetectedElement, ExtractedRequest, SdkDetector } from '../../types';
import { getProperty, resolveNumber, resolveObjectLiteral } from '../../resolve/values';
import { AGENT_LOOP_NOTE, detectionLines, firstArgument, matchClientMethod, receiverText } from '../common';

const PACKAGES = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'];
const CLIENT_CLASSES = ['Anthropic', 'AnthropicBedrock', 'AnthropicVertex', 'BaseAnthropic'];
const METHODS = new Set(['create', 'stream', 'parse', 'countTokens', 'toolRunner']);

/** API path (without `beta.`) -> operation. */
const APIS: Record<string, Operation> = {
  'messages.create': 'generate',
  'messages.stream': 'generate',
  'messages.parse': 'generate',
  'messages.countTokens': 'count-tokens',
  'messages.batches.create': 'batch',
  // Only under `beta.`: the SDK's tool runner (a loop of `messages.create` requests).
  'beta.messages.toolRunner': 'generate',
};

/** Detects Anthropic SDK requests. */
export const anthropicDetector: SdkDetector = {
  sdk: 'anthropic',
  packages: PACKAGES,
  match(call, ctx) {
    const matched = matchClientMethod(call, ctx, { packages: PACKAGES, methods: METHODS, classNames: CLIENT_CLASSES });
    if (!matched) return undefined;
    const { origin, member, api } = matched;
    const operation = APIS[api] ?? APIS[api.replace(/^beta\./, '')];
    if (!operation) return undefined;
    const detection = detectionLines(api, origin);
    if (api === 'beta.messages.toolRunner') detection.push(toolRunnerNote(call, ctx));
    const template = operation === 'batch' ? batchTemplateNote(firstArgument(call), ctx) : undefined;
    if (template) detection.push(template);
    const detected: DetectedCall = {
      call,
      sdk: 'anthropic',
      provider: 'anthropic',
      api,
      operation,
      client: receiverText(call, member.path.length),
      detection,
      extract: (bindings) => extractOne(call, api, operation === 'batch', ctx, bindings),
    };
    if (operation === 'batch') detected.elements = batchElements(call, api, ctx);
    return detected;
  },
};

/** The agent-loop line of a tool runner, with its `max_iterations` cap when written. */
function toolRunnerNote(call: CallExpression, ctx: AnalysisContext): string {
  const body = firstArgument(call);
  const obj = body ? resolveObjectLiteral(body, ctx) : undefined;
  const cap = obj ? getProperty(obj, 'max_iterations', ctx) : undefined;
  const values = cap ? resolveNumber(cap, ctx).candidates.map((c) => c.value) : [];
  const limit = values.length === 1 ? `at most ${values[0]} (\`max_iterations\`)` : 'until the model stops calling tools (no `max_iterations` written)';
  return `${AGENT_LOOP_NOTE}: the tool runner sends one \`messages.create\` request per turn, ${limit}`;
}

function extractOne(call: CallExpression, api: string, batch: boolean, ctx: AnalysisContext, bindings?: Bindings, batchElement?: number): ExtractedRequest {
  // The resolver reads `requests[].params` of a batch itself and sizes the batch.
  const fields = { request: firstArgument(call), api, ...(batchElement !== undefined ? { batchElement } : {}) };
  const extracted = extractRequest(ANTHROPIC_MESSAGES, fields, ctx, bindings);
  return batch ? { ...extracted, params: { ...extracted.params, batch: true } } : extracted;
}

/**
 * `requests: [{ custom_id, params }, { custom_id, params }]`: each request literal is its own call
 * site (its own model and prompt). Undefined for a single request or a `.map(...)` template.
 */
function batchElements(call: CallExpression, api: string, ctx: AnalysisContext): DetectedElement[] | undefined {
  const nodes = batchElementNodes(firstArgument(call), ctx);
  if (nodes.length === 0) return undefined;
  return nodes.map((node, index) => ({
    node,
    detection: `request ${index + 1} of ${nodes.length} in the batch (\`${customIdText(node)}\`)`,
    extract: (bindings?: Bindings) => extractOne(call, api, true, ctx, bindings, index),
  }));
}

/** The `custom_id` written on a request literal, or its first line, for explanation. */
function customIdText(node: Node): string {
  const obj = Node.isObjectLiteralExpression(node) ? node : undefined;
  const prop = obj?.getProperty('custom_id');
  const text = prop && Node.isPropertyAssignment(prop) ? `custom_id: ${prop.getInitializer()?.getText() ?? ''}` : node.getText();
  return text.replace(/\s+/g, ' ').slice(0, 60);
}
