/** `regex:PATTERN`: the output matches a regular expression (an oracle over model output, not source). */
import type { OracleVerdict } from '../types';

/** Grades an output against a pattern. */
export function gradeRegex(pattern: RegExp, output: string): OracleVerdict {
  const pass = pattern.test(output);
  return { pass, score: pass ? 1 : 0, reason: pass ? `matches ${pattern}` : `does not match ${pattern}` };
}
