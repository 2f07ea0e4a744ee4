/** `fields[:THRESHOLD]`: per-field accuracy of a JSON output against the expected object. */
import type { OracleVerdict, Sample } from '../types';
import { looseEqual, parseJsonOutput } from './normalize';

/** Grades a JSON output field by field; passes when the fraction of correct fields >= threshold. */
export function gradeFieldAccuracy(threshold: number, output: string, sample: Sample): OracleVerdict {
  const expected = sample.expected;
  if (!expected || typeof expected !== 'object' || Array.isArray(expected)) {
    return { pass: false, score: 0, reason: `sample ${sample.id} has no \`expected\` object to compare fields with` };
  }
  const parsed = parseJsonOutput(output);
  if (!parsed.ok) return { pass: false, score: 0, reason: parsed.error };
  const actual = (parsed.value && typeof parsed.value === 'object' ? parsed.value : {}) as Record<string, unknown>;
  const fields = Object.keys(expected);
  const wrong = fields.filter((f) => !looseEqual(actual[f], (expected as Record<string, unknown>)[f]));
  const score = fields.length ? (fields.length - wrong.length) / fields.length : 1;
  return {
    pass: score >= threshold,
    score,
    reason: wrong.length ? `${fields.length - wrong.length}/${fields.length} fields correct; wrong: ${wrong.join(', ')}` : `all ${fields.length} fields correct`,
  };
}
