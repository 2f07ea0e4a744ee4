/**
 * Scripted model answers for the support-desk example's samples, for the fake model server
 * (`--script test/support/supportDeskScript.ts`). The fake "model" looks the sample up by its
 * variables in the prompt and answers with the expected result, except on a fixed list of samples
 * that small (and a few that mid) models get wrong — so profiling shows tiers that differ.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerScript } from './fakeModelServer';

const SAMPLES_DIR = join(__dirname, '..', '..', 'examples', 'support-desk', 'tierwise', 'samples');

/** Sample ids each model class answers wrongly. */
const WRONG = {
  small: new Set(['cls-27', 'ext-18', 'ext-23', 'sum-02', 'sum-05', 'sum-09', 'sum-11', 'sum-14', 'sum-19']),
  mid: new Set(['sum-11']),
  frontier: new Set<string>(),
};

interface RawSample {
  id: string;
  vars: Record<string, string>;
  expected: unknown;
}

function modelClass(model: string): keyof typeof WRONG {
  if (/haiku|mini|nano|flash-lite/.test(model)) return 'small';
  if (/sonnet|^gpt-5$|^gpt-4\.1$|^gpt-4o$|^gpt-5\.1$/.test(model)) return 'mid';
  return 'frontier';
}

function answerFor(sample: RawSample, wrong: boolean): string {
  const expected = sample.expected;
  if (sample.id.startsWith('cls-')) return wrong ? 'billing' : String(expected);
  if (sample.id.startsWith('ext-')) {
    const value = expected as Record<string, unknown>;
    return JSON.stringify(wrong ? { ...value, product: null, amount: null, currency: null, requestedAction: 'information' } : value);
  }
  const { mustMention } = expected as { mustMention: string[] };
  const facts = wrong ? mustMention.slice(0, -1) : mustMention;
  return facts.map((fact) => `- The thread covers ${fact}.`).join('\n');
}

/** Builds the answer script (reads the example's samples once). */
export function createAnswer(): AnswerScript {
  const samples: RawSample[] = readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(SAMPLES_DIR, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RawSample));
  return ({ model, prompt }) => {
    const sample = samples.find((s) => Object.values(s.vars).every((v) => prompt.includes(v)) && Object.values(s.vars).some((v) => v.length > 0));
    if (!sample) return 'I cannot help with that.';
    return answerFor(sample, WRONG[modelClass(model)].has(sample.id));
  };
}
