import type { CallSite, HoleEstimate, Provider, TaskType, TierwiseConfig, TokenEstimate, TokenRange } from '../model';
import type { TokenCounter } from './counter';
import { estimateOutput } from './output';

/**
 * Fixed token overheads of a request that are not in the prompt text.
 * - perMessage / perRequest: chat framing. OpenAI's cookbook "How to count tokens with tiktoken"
 *   (https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb)
 *   gives 3 tokens per message plus 3 to prime the reply; other providers frame messages similarly,
 *   so the same figures are used for them (within their calibration band).
 * - perToolWithoutSchema: a tool whose schema is not statically known (a name, a description and a
 *   few parameters).
 * - anthropicToolSystemPrompt: Anthropic adds a tool-use system prompt when tools are present
 *   (its tool-use pricing table lists ~300-350 tokens for current models with tool_choice auto).
 * - unknownPartMaxMultiplier: a prompt part that cannot be resolved statically (`messages: history`)
 *   is sized like a default hole, with its max widened by this factor.
 */
export const REQUEST_OVERHEAD = {
  perMessage: 3,
  perRequest: 3,
  perToolWithoutSchema: 150,
  perToolFraming: 10,
  anthropicToolSystemPrompt: 346,
  unknownPartMaxMultiplier: 4,
} as const;

function add(a: TokenRange, b: TokenRange): TokenRange {
  return { min: a.min + b.min, expected: a.expected + b.expected, max: a.max + b.max };
}

function constant(n: number): TokenRange {
  return { min: n, expected: n, max: n };
}

/** Size of a named hole: `config.holes[name]`, else its last property (`ticket.body` -> `body`), else the default. */
function holeSize(name: string, config: TierwiseConfig): { tokens: TokenRange; source: HoleEstimate['source']; key?: string } {
  const holes = config.holes ?? {};
  const last = name.split('.').pop() ?? name;
  for (const key of [name, last]) {
    const size = holes[key];
    if (size) return { tokens: { ...size }, source: 'config', key };
  }
  return { tokens: { ...config.defaultHole }, source: 'default' };
}

/** Sizes every hole and every unresolved prompt part; appends a reason for each. */
function sizeHoles(site: CallSite, config: TierwiseConfig, reasons: string[]): { range: TokenRange; holes: HoleEstimate[] } {
  let range = constant(0);
  const holes: HoleEstimate[] = [];
  for (const part of site.prompt.parts) {
    for (const segment of part.segments) {
      if (segment.kind !== 'hole') continue;
      const size = holeSize(segment.name, config);
      holes.push({ name: segment.name, tokens: size.tokens, source: size.source });
      range = add(range, size.tokens);
      reasons.push(
        size.source === 'config'
          ? `hole \`${segment.name}\`: ${size.tokens.expected} tokens (${size.tokens.min}-${size.tokens.max}) from configuration holes.${size.key}`
          : `hole \`${segment.name}\`: ${size.tokens.expected} tokens (${size.tokens.min}-${size.tokens.max}), the default hole size; set holes.${segment.name} in tierwise.yml to size it`,
      );
    }
  }
  for (const unknown of site.prompt.unknown) {
    const configured = holeSize(unknown.expression, config);
    const tokens: TokenRange =
      configured.source === 'config'
        ? configured.tokens
        : { min: 0, expected: config.defaultHole.expected, max: config.defaultHole.max * REQUEST_OVERHEAD.unknownPartMaxMultiplier };
    holes.push({ name: unknown.expression, tokens, source: configured.source });
    range = add(range, tokens);
    reasons.push(
      configured.source === 'config'
        ? `prompt part \`${unknown.expression}\` is not statically known (${unknown.reason}): ${tokens.expected} tokens from configuration holes.${configured.key}`
        : `prompt part \`${unknown.expression}\` is not statically known (${unknown.reason}): sized as a default hole, max widened ${REQUEST_OVERHEAD.unknownPartMaxMultiplier}x to ${tokens.max}; set holes.${unknown.expression} to size it`,
    );
  }
  return { range, holes };
}

interface InputEstimate {
  input: TokenRange;
  staticInputTokens: number;
  holes: HoleEstimate[];
  cachedPrefixTokens?: number;
  method: string;
  reasons: string[];
}

/** Static text, framing, tool/schema definitions and holes of the request's input. */
function estimateInput(site: CallSite, modelId: string | null, provider: Provider, counter: TokenCounter, config: TierwiseConfig): InputEstimate {
  const reasons: string[] = [];
  const count = (text: string) => counter.count(text, modelId, provider);
  const texts = site.prompt.parts.flatMap((p) => p.segments.flatMap((s) => (s.kind === 'text' ? [s.text] : [])));
  const staticCount = count(texts.join(''));
  reasons.push(`static prompt text: ${staticCount.tokens} tokens (${staticCount.note})`);
  let range: TokenRange = { min: staticCount.low, expected: staticCount.tokens, max: staticCount.high };
  let definitions = 0;

  if (site.operation !== 'embed' && site.prompt.parts.length > 0) {
    const framing = site.prompt.parts.length * REQUEST_OVERHEAD.perMessage + REQUEST_OVERHEAD.perRequest;
    definitions += framing;
    reasons.push(`message framing: ${framing} tokens (${REQUEST_OVERHEAD.perMessage} per message x ${site.prompt.parts.length} + ${REQUEST_OVERHEAD.perRequest})`);
  }
  const tools = site.params.tools;
  if (tools && tools.count > 0) {
    const toolTokens = tools.schemaText
      ? count(tools.schemaText).tokens + tools.count * REQUEST_OVERHEAD.perToolFraming
      : tools.count * REQUEST_OVERHEAD.perToolWithoutSchema;
    const system = provider === 'anthropic' ? REQUEST_OVERHEAD.anthropicToolSystemPrompt : 0;
    definitions += toolTokens + system;
    reasons.push(
      `${tools.count} tool definition(s): ${toolTokens} tokens (${tools.schemaText ? 'schema text counted' : `schema unknown, ${REQUEST_OVERHEAD.perToolWithoutSchema} per tool assumed`})` +
        (system ? ` + ${system} tokens of Anthropic's tool-use system prompt` : ''),
    );
  }
  const schemaText = site.params.structuredOutput?.schemaText;
  if (schemaText) {
    const schemaTokens = count(schemaText).tokens;
    definitions += schemaTokens;
    reasons.push(`structured-output schema sent with the request: ${schemaTokens} tokens`);
  }
  range = add(range, constant(definitions));
  const staticInputTokens = staticCount.tokens + definitions;

  const sized = sizeHoles(site, config, reasons);
  range = add(range, sized.range);
  const holes = sized.holes;
  if (site.prompt.parts.length === 0 && site.prompt.unknown.length === 0) reasons.push('no prompt text was found statically');

  const cache = site.params.promptCache;
  const cachedPrefixTokens = cache?.marked && cache.cachedPrefixText ? count(cache.cachedPrefixText).tokens : undefined;
  if (cachedPrefixTokens !== undefined) reasons.push(`prompt-cache marker: ${cachedPrefixTokens} tokens of static prefix are cacheable`);
  return { input: range, staticInputTokens, holes, cachedPrefixTokens, method: staticCount.method, reasons };
}

/**
 * Token estimate of one call site for one model: input (static text + per-message framing +
 * tool/schema definitions + holes sized from configuration or the default), output (expected and
 * ceiling from max_tokens, schema size and task type) and thinking tokens. Every choice is in
 * `reasons`.
 */
export function estimateTokens(
  site: CallSite,
  modelId: string | null,
  provider: Provider,
  counter: TokenCounter,
  config: TierwiseConfig,
  task: TaskType,
): TokenEstimate {
  const input = estimateInput(site, modelId, provider, counter, config);
  const output = estimateOutput(site, task, config, { counter, modelId, provider });
  const estimate: TokenEstimate = {
    input: input.input,
    output: output.output,
    staticInputTokens: input.staticInputTokens,
    holes: input.holes,
    method: input.method,
    reasons: [...input.reasons, ...output.reasons],
  };
  if (output.thinking) estimate.thinking = output.thinking;
  if (input.cachedPrefixTokens !== undefined) estimate.cachedPrefixTokens = input.cachedPrefixTokens;
  return estimate;
}
