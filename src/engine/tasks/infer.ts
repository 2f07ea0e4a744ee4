import type { CallSite, TaskInference, TaskType } from '../model';
import { ceilingOf } from '../tokens/output';
import { TASK_SIGNALS } from './signals';
import type { TaskFacts } from './signals';

/**
 * Confidence model. Each task's score is the sum of the weights of its signals that fired. The
 * confidence of a task is `score / (total + PRIOR_MASS)`: one decisive signal (weight 3) alone gives
 * 0.75, two agreeing strong signals ~0.85, competing signals split the mass. `PRIOR_MASS` stands for
 * the evidence we did not see. Inferred confidence never exceeds MAX_INFERRED (only an annotation
 * gives 1).
 */
const PRIOR_MASS = 1;
const MAX_INFERRED = 0.97;
/** Confidence reported for `other` when no signal fired. */
const NO_SIGNAL_CONFIDENCE = 0.2;
/** Confidence of `embedding` for an embeddings API call (the API decides the task). */
const EMBEDDING_CONFIDENCE = 0.99;

/** Extracts the facts the signal table reads. */
export function taskFacts(site: CallSite): TaskFacts {
  const text = site.prompt.parts
    .flatMap((p) => p.segments.flatMap((s) => (s.kind === 'text' ? [s.text] : [])))
    .join(' ')
    .toLowerCase();
  const holeNames = [
    ...site.prompt.parts.flatMap((p) => p.segments.flatMap((s) => (s.kind === 'hole' ? [s.name] : []))),
    ...site.prompt.unknown.map((u) => u.expression.replace(/^[\w.]*\.(?=\w+$)/, '')),
  ];
  const so = site.params.structuredOutput;
  return {
    text,
    holeNames,
    ...names(site),
    operation: site.operation,
    labels: so?.labels ?? [],
    schemaFields: so?.fieldCount ?? 0,
    hasStructuredOutput: so !== undefined,
    maxTokens: ceilingOf(site.params.maxTokens).ceiling,
    thinkingBudget: ceilingOf(site.params.thinkingBudget).ceiling,
    reasoningEffort: site.params.reasoningEffort,
    assistantTurns: site.prompt.parts.filter((p) => p.role === 'assistant').length,
  };
}

/** The call's enclosing name and file, plus the wrapper's for an invocation (from its id `file#Decl#n`). */
function names(site: CallSite): { enclosing: string[]; files: string[] } {
  const enclosing = [site.enclosing];
  const files = [site.span.file];
  if (site.role === 'invocation' && site.wrapperId) {
    const [file, decl] = site.wrapperId.split('#');
    if (decl) enclosing.push(decl);
    if (file) files.push(file);
  }
  return { enclosing, files };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Infers the task type of a call site from a table of weighted signals (TASK_SIGNALS): prompt
 * wording, structured-output schemas, output caps, thinking budgets, hole names, roles, and the
 * enclosing function and file names. An explicit `// tierwise: task=...` annotation wins with
 * confidence 1; an embeddings API call is `embedding`. With no signal the result is `other` with low confidence and the reason "no signal".
 */
export function inferTask(site: CallSite): TaskInference {
  if (site.annotation?.task) {
    return {
      task: site.annotation.task,
      confidence: 1,
      source: 'annotation',
      reasons: [`source annotation \`tierwise: task=${site.annotation.task}\` at line ${site.annotation.span.start.line + 1}`],
      alternatives: [],
    };
  }
  if (site.operation === 'embed') {
    // An embeddings request cannot be any other task, whatever its input looks like.
    return { task: 'embedding', confidence: EMBEDDING_CONFIDENCE, source: 'inferred', reasons: [`embeddings API (\`${site.api}\`)`], alternatives: [] };
  }
  const facts = taskFacts(site);
  const scores = new Map<TaskType, { score: number; reasons: string[] }>();
  for (const signal of TASK_SIGNALS) {
    const reason = signal.test(facts);
    if (!reason) continue;
    const entry = scores.get(signal.task) ?? { score: 0, reasons: [] };
    entry.score += signal.weight;
    entry.reasons.push(`${reason} -> ${signal.task} (+${signal.weight})`);
    scores.set(signal.task, entry);
  }
  if (scores.size === 0) {
    return {
      task: 'other',
      confidence: NO_SIGNAL_CONFIDENCE,
      source: 'inferred',
      reasons: ['no signal: the prompt wording, schema, parameters and names match no task type; add `// tierwise: task=<type>` above the call'],
      alternatives: [],
    };
  }
  const total = [...scores.values()].reduce((sum, e) => sum + e.score, 0);
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [top, topEntry] = ranked[0] as [TaskType, { score: number; reasons: string[] }];
  const confidenceOf = (score: number) => round2(Math.min(MAX_INFERRED, score / (total + PRIOR_MASS)));
  const reasons = [...topEntry.reasons];
  // Signals for runner-up tasks are reported too, so a user sees what pulled the other way.
  for (const [, entry] of ranked.slice(1)) for (const r of entry.reasons) reasons.push(`also: ${r}`);
  return {
    task: top,
    confidence: confidenceOf(topEntry.score),
    source: 'inferred',
    reasons,
    alternatives: ranked.slice(1).map(([task, entry]) => ({ task, confidence: confidenceOf(entry.score) })),
  };
}
