import type { CallSite, Provider, Resolved, TaskType, TierwiseConfig, TokenRange } from '../model';
import type { TokenCounter } from './counter';

/**
 * Expected output tokens per task type when neither the call (schema) nor the configuration
 * (`tasks.<task>.expectedOutputTokens`) says better. Rough medians of typical responses; each is
 * reported in the estimate's reasons so a user can see and override it.
 */
export const TASK_OUTPUT_DEFAULTS: Readonly<Record<TaskType, { expected: number; why: string }>> = {
  classification: { expected: 8, why: 'a label (a word or two, maybe punctuation)' },
  extraction: { expected: 150, why: 'a small JSON object (schema not statically known)' },
  summarization: { expected: 250, why: 'a paragraph-length summary' },
  rag_answer: { expected: 300, why: 'an answer of a few paragraphs grounded in the context' },
  reasoning: { expected: 600, why: 'a worked answer with its justification' },
  code_generation: { expected: 800, why: 'a function or a short module' },
  chat: { expected: 250, why: 'a conversational reply' },
  agent: { expected: 300, why: 'the final answer of a tool loop (tool calls of earlier steps are sized per step)' },
  translation: { expected: 300, why: 'the translated text (about as long as the input text)' },
  generation: { expected: 400, why: 'open-ended content: a short email, post or reply' },
  embedding: { expected: 0, why: 'embeddings have no output tokens' },
  other: { expected: 300, why: 'no task-specific expectation' },
};

/** Output sizing constants (JSON output ~ fields x tokens per field). */
export const OUTPUT_SIZING = {
  /** Tokens per JSON field in structured output: key, quotes, separator and a short value. */
  tokensPerSchemaField: 12,
  /** Braces and whitespace of a JSON object. */
  jsonOverhead: 5,
  /** Without an output cap the ceiling is this multiple of the expected output. */
  uncappedMaxMultiplier: 4,
  /** Share of a thinking budget a model is expected to use. */
  thinkingBudgetUse: 0.5,
  /** The min of the output range as a share of the expected value (classification: 1 token). */
  minShare: 0.25,
} as const;

/**
 * Reasoning tokens OpenAI reasoning models (o-series, gpt-5 family) spend per request by effort.
 * Rough defaults (OpenAI does not publish them; measured usage from profiling should replace them).
 * Models without an explicit effort reason at `medium`.
 */
export const REASONING_EFFORT_TOKENS: Readonly<Record<string, number>> = {
  minimal: 0,
  none: 0,
  low: 200,
  medium: 1000,
  high: 4000,
  xhigh: 8000,
};

/** The largest known value of a resolved number, and a note about unknown branches. */
export function ceilingOf(value: Resolved<number> | undefined): { ceiling?: number; note?: string } {
  if (!value) return {};
  const values = value.candidates.map((c) => c.value).filter((v) => Number.isFinite(v) && v > 0);
  const unknown = value.unknown.length ? `; some branches of \`${value.expression}\` could not be resolved (${value.unknown[0]?.reason})` : '';
  if (values.length === 0) return { note: `output cap \`${value.expression}\` could not be resolved statically${unknown}` };
  return { ceiling: Math.max(...values), note: unknown || undefined };
}

function isOpenAIReasoningModel(modelId: string | null): boolean {
  return !!modelId && /^(o\d|gpt-5)/.test(modelId) && !/chat/.test(modelId);
}

function schemaExpectation(site: CallSite, counter: TokenCounter, modelId: string | null, provider: Provider): { expected: number; why: string } | undefined {
  const so = site.params.structuredOutput;
  if (!so) return undefined;
  if (so.labels && so.labels.length > 0 && (so.fieldCount ?? 1) <= 2) {
    const longest = Math.max(...so.labels.map((l) => counter.count(l, modelId, provider).tokens));
    return { expected: longest + OUTPUT_SIZING.jsonOverhead, why: `structured output with a closed label set: the longest label (${longest} tokens) plus ${OUTPUT_SIZING.jsonOverhead} tokens of JSON` };
  }
  if (so.fieldCount && so.fieldCount > 0) {
    const expected = so.fieldCount * OUTPUT_SIZING.tokensPerSchemaField + OUTPUT_SIZING.jsonOverhead;
    return { expected, why: `structured output with ${so.fieldCount} fields x ${OUTPUT_SIZING.tokensPerSchemaField} tokens per field + ${OUTPUT_SIZING.jsonOverhead}` };
  }
  return undefined;
}

/** Thinking tokens: an explicit budget, or the default reasoning of OpenAI reasoning models. */
function thinkingRange(site: CallSite, modelId: string | null, reasons: string[]): TokenRange | undefined {
  const budget = ceilingOf(site.params.thinkingBudget);
  if (budget.ceiling) {
    const expected = Math.round(budget.ceiling * OUTPUT_SIZING.thinkingBudgetUse);
    reasons.push(`thinking budget ${budget.ceiling} tokens: expected ${expected} (${OUTPUT_SIZING.thinkingBudgetUse * 100}% of the budget), billed as output`);
    return { min: 0, expected, max: budget.ceiling };
  }
  if (budget.note) reasons.push(`thinking budget: ${budget.note}`);
  const effort = site.params.reasoningEffort ?? (isOpenAIReasoningModel(modelId) ? 'medium' : undefined);
  if (effort === undefined) return undefined;
  const expected = REASONING_EFFORT_TOKENS[effort] ?? REASONING_EFFORT_TOKENS.medium ?? 0;
  if (expected === 0) return undefined;
  const why = site.params.reasoningEffort ? `reasoning effort \`${effort}\`` : `${modelId} reasons by default (effort medium)`;
  reasons.push(`${why}: ~${expected} reasoning tokens expected (a rough default; profiling measures the real figure), billed as output`);
  return { min: 0, expected, max: expected * OUTPUT_SIZING.uncappedMaxMultiplier };
}

/** Output and thinking ranges of a call, with every choice in `reasons`. */
export function estimateOutput(
  site: CallSite,
  task: TaskType,
  config: TierwiseConfig,
  ctx: { counter: TokenCounter; modelId: string | null; provider: Provider },
): { output: TokenRange; thinking?: TokenRange; reasons: string[] } {
  const reasons: string[] = [];
  if (site.operation === 'embed' || site.operation === 'count-tokens') {
    reasons.push(site.operation === 'embed' ? 'embeddings have no output tokens' : 'token counting returns no generated output');
    return { output: { min: 0, expected: 0, max: 0 }, reasons };
  }
  const schema = schemaExpectation(site, ctx.counter, ctx.modelId, ctx.provider);
  const configured = config.tasks?.[task]?.expectedOutputTokens;
  let expected: number;
  if (schema) {
    expected = schema.expected;
    reasons.push(`expected output ${expected} tokens: ${schema.why}`);
  } else if (configured !== undefined) {
    expected = configured;
    reasons.push(`expected output ${expected} tokens: configuration tasks.${task}.expectedOutputTokens`);
  } else {
    expected = TASK_OUTPUT_DEFAULTS[task].expected;
    reasons.push(`expected output ${expected} tokens: default for ${task} (${TASK_OUTPUT_DEFAULTS[task].why}); set tasks.${task}.expectedOutputTokens to change it`);
  }
  const thinking = thinkingRange(site, ctx.modelId, reasons);
  const cap = ceilingOf(site.params.maxTokens);
  let max: number;
  if (cap.ceiling) {
    max = cap.ceiling;
    // Anthropic counts the thinking budget inside max_tokens: the visible answer gets the rest.
    if (thinking && ctx.provider === 'anthropic' && site.params.thinkingBudget && cap.ceiling > thinking.max) {
      max = cap.ceiling - thinking.max;
      reasons.push(`output ceiling ${max} tokens: max_tokens ${cap.ceiling} minus the thinking budget ${thinking.max} (Anthropic counts thinking inside max_tokens)`);
    } else {
      reasons.push(`output ceiling ${max} tokens from the output cap \`${site.params.maxTokens?.expression}\`${cap.note ?? ''}`);
    }
    if (expected > max) {
      reasons.push(`expected output lowered from ${expected} to the cap ${max}`);
      expected = max;
    }
  } else {
    max = Math.max(expected * OUTPUT_SIZING.uncappedMaxMultiplier, 1);
    reasons.push(`${cap.note ?? 'no output cap (max_tokens) is set'}: ceiling estimated as ${OUTPUT_SIZING.uncappedMaxMultiplier}x the expected output (${max}); set max_tokens to bound the cost`);
  }
  // OpenAI's max_completion_tokens bounds reasoning and visible output together.
  if (thinking && cap.ceiling && !site.params.thinkingBudget && ctx.provider === 'openai') {
    thinking.max = Math.min(thinking.max, cap.ceiling);
    const room = Math.max(0, cap.ceiling - expected);
    if (thinking.expected > room) {
      reasons.push(`reasoning tokens limited to ${room} by the output cap ${cap.ceiling} (it bounds reasoning and visible output together)`);
      thinking.expected = room;
    }
  }
  const min = task === 'classification' ? Math.min(1, expected) : Math.min(expected, Math.max(1, Math.round(expected * OUTPUT_SIZING.minShare)));
  return { output: { min, expected, max }, thinking, reasons };
}
