/** `contains[:TEXT]`: the output contains TEXT, or every string of `expected` (string or list). */
import type { OracleVerdict, Sample } from '../types';

/** Grades by case-insensitive containment; score is the fraction of needles found. */
export function gradeContains(needle: string | undefined, output: string, sample: Sample): OracleVerdict {
  const needles = needle !== undefined ? [needle] : Array.isArray(sample.expected) ? sample.expected.map(String) : typeof sample.expected === 'string' ? [sample.expected] : [];
  if (needles.length === 0) return { pass: false, score: 0, reason: `sample ${sample.id}: nothing to look for (no text in the spec, no \`expected\`)` };
  const haystack = output.toLowerCase();
  const missing = needles.filter((n) => !haystack.includes(n.toLowerCase()));
  const score = (needles.length - missing.length) / needles.length;
  return { pass: missing.length === 0, score, reason: missing.length ? `missing: ${missing.join(', ')}` : 'contains every expected text' };
}
