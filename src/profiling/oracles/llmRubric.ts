/**
 * `llm-rubric:RUBRIC`: a cheap model grades the output against a rubric. Its cost is reported
 * separately (`graderCostUsd`), never mixed into the tier's cost.
 */
import type { ProviderClient } from '../providers/types';
import type { OracleVerdict, PlanPrice, Sample } from '../types';
import { requestCost } from '../cost';
import { parseJsonOutput } from './normalize';

/** The grader model and its client, resolved lazily (it needs a key). */
export interface Grader {
  client: ProviderClient;
  model: string;
  price: PlanPrice | null;
  timeoutMs: number;
}

function graderPrompt(rubric: string, output: string, sample: Sample): string {
  const expected = sample.expected === undefined ? '' : `\nReference answer:\n${typeof sample.expected === 'string' ? sample.expected : JSON.stringify(sample.expected)}\n`;
  return [
    'You grade a model output against a rubric. Reply with JSON only:',
    '{"pass": true|false, "score": <0..1>, "reason": "<one sentence>"}',
    `\nRubric:\n${rubric}\n${expected}`,
    `Output to grade:\n<<<\n${output}\n>>>`,
  ].join('\n');
}

/** Grades with the grader model; an unparsable grader reply is a failed grade with the reason. */
export async function gradeWithRubric(grader: Grader, rubric: string, output: string, sample: Sample, signal?: AbortSignal): Promise<OracleVerdict> {
  const completion = await grader.client.complete(
    grader.model,
    { messages: [{ role: 'user', content: graderPrompt(rubric, output, sample) }], maxTokens: 200, temperature: 0 },
    { signal, timeoutMs: grader.timeoutMs },
  );
  const graderCostUsd = requestCost(grader.price, completion.inputTokens, completion.outputTokens);
  const parsed = parseJsonOutput(completion.text);
  const value = parsed.ok ? (parsed.value as Partial<OracleVerdict>) : undefined;
  if (!value || typeof value.pass !== 'boolean') {
    return { pass: false, score: 0, reason: `grader reply not understood: ${completion.text.slice(0, 120)}`, graderCostUsd };
  }
  const score = typeof value.score === 'number' ? Math.min(1, Math.max(0, value.score)) : value.pass ? 1 : 0;
  return { pass: value.pass, score, reason: String(value.reason ?? ''), graderCostUsd };
}
