/**
 * Re-grades stored outputs when a task's oracle changed since they were recorded (the oracle is
 * versioned with every result). Code oracles re-grade for free; results graded by an LLM-rubric
 * oracle keep their stored verdict (re-grading would spend money) and stay marked with their version.
 */
import type { LogRecord, ProfilingInputs } from './types';

/** Records with every stale, regradable verdict replaced by the current oracle's verdict. */
export async function regradeStale(records: LogRecord[], inputs: ProfilingInputs): Promise<{ records: LogRecord[]; regraded: number }> {
  const tasks = new Map(inputs.tasks.map((t) => [t.task, t]));
  let regraded = 0;
  const out: LogRecord[] = [];
  for (const record of records) {
    const task = record.type === 'result' ? tasks.get(record.task) : undefined;
    const sample = task?.samples.find((s) => record.type === 'result' && s.id === record.sampleId);
    if (record.type !== 'result' || !record.ok || record.outputTruncated || !task || !sample || task.oracle.usesModel || record.oracleVersion === task.oracle.version) {
      out.push(record);
      continue;
    }
    const verdict = await task.oracle.grade(record.output ?? '', sample);
    out.push({ ...record, pass: verdict.pass, score: verdict.score, reason: verdict.reason, oracleVersion: task.oracle.version });
    regraded += 1;
  }
  return { records: out, regraded };
}
