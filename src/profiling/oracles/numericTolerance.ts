/** `numeric:TOL` or `numeric:TOL%`: the first number in the output is within TOL of `expected`. */
import type { OracleVerdict, Sample } from '../types';

/** Grades a numeric answer with an absolute or relative tolerance. */
export function gradeNumeric(tolerance: { value: number; relative: boolean }, output: string, sample: Sample): OracleVerdict {
  const expected = typeof sample.expected === 'number' ? sample.expected : Number(sample.expected);
  if (!Number.isFinite(expected)) return { pass: false, score: 0, reason: `sample ${sample.id} has no numeric \`expected\`` };
  const match = /-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?/i.exec(output);
  if (!match) return { pass: false, score: 0, reason: 'no number in the output' };
  const got = Number(match[0].replace(/,/g, ''));
  const allowed = tolerance.relative ? Math.abs(expected) * tolerance.value : tolerance.value;
  const pass = Math.abs(got - expected) <= allowed + 1e-12;
  return { pass, score: pass ? 1 : 0, reason: `expected ${expected} ± ${allowed}, got ${got}` };
}
