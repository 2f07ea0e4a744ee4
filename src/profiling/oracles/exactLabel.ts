/** `exact`: the (normalised) output equals the sample's `expected` label. */
import type { OracleVerdict, Sample } from '../types';
import { normalizeLabel } from './normalize';

/** Grades an output against `sample.expected` by exact label match. */
export function gradeExactLabel(output: string, sample: Sample): OracleVerdict {
  if (typeof sample.expected !== 'string') {
    return { pass: false, score: 0, reason: `sample ${sample.id} has no string \`expected\` label to compare with` };
  }
  const got = normalizeLabel(output);
  const want = normalizeLabel(sample.expected);
  const pass = got === want;
  return { pass, score: pass ? 1 : 0, reason: pass ? `label ${want}` : `expected ${want}, got ${got || '(empty)'}` };
}
