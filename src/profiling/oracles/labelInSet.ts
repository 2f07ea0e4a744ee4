/** `label-in-set:a,b,c`: the output is one of the known labels (and equals `expected` when given). */
import type { OracleVerdict, Sample } from '../types';
import { normalizeLabel } from './normalize';

/** Grades an output against a closed label set. */
export function gradeLabelInSet(labels: string[], output: string, sample: Sample): OracleVerdict {
  const set = labels.map(normalizeLabel);
  const got = normalizeLabel(output);
  if (!set.includes(got)) return { pass: false, score: 0, reason: `label ${got || '(empty)'} is outside the set {${set.join(', ')}}` };
  if (typeof sample.expected === 'string' && normalizeLabel(sample.expected) !== got) {
    return { pass: false, score: 0, reason: `expected ${normalizeLabel(sample.expected)}, got ${got}` };
  }
  return { pass: true, score: 1, reason: `label ${got}` };
}
