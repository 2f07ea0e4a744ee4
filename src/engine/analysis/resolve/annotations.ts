/**
 * `// tierwise: task=classification tier=1 traffic=20000/day consequence=high` annotations in the
 * comments leading the statement that contains a call (or the call itself). Values are validated;
 * problems carry the fix instead of being dropped silently.
 */
import { Node } from 'ts-morph';
import type { Annotation, Consequence, TaskType } from '../../model';
import { TASK_TYPES } from '../../model';
import type { AnalysisContext } from '../types';

const CONSEQUENCES: readonly Consequence[] = ['low', 'medium', 'high'];
const KNOWN_KEYS = ['task', 'tier', 'traffic', 'consequence'];
/** Multipliers to requests per month (30 days). */
const PER_MONTH: Record<string, number> = { month: 1, mo: 1, day: 30, d: 30, hour: 720, h: 720, week: 30 / 7, minute: 43200, min: 43200 };
const MARKER = 'tierwise:';

/** The annotation attached to `call`, if any. */
export function parseAnnotation(call: Node, ctx: AnalysisContext): Annotation | undefined {
  for (const node of carriers(call)) {
    for (const range of node.getLeadingCommentRanges()) {
      const raw = range.getText();
      const body = commentBody(raw);
      const at = body.indexOf(MARKER);
      if (at < 0) continue;
      const file = node.getSourceFile();
      const start = file.getLineAndColumnAtPos(range.getPos());
      const end = file.getLineAndColumnAtPos(range.getEnd());
      const span = { file: ctx.relativePath(file), start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } };
      return parseBody(body.slice(at + MARKER.length), span);
    }
  }
  return undefined;
}

/** The call and its ancestors up to (and including) the statement that contains it. */
function carriers(call: Node): Node[] {
  const out: Node[] = [call];
  let current: Node | undefined = call;
  while (current && !Node.isStatement(current) && !Node.isSourceFile(current)) {
    current = current.getParent();
    if (current && !Node.isSourceFile(current)) out.push(current);
  }
  return out;
}

function commentBody(raw: string): string {
  if (raw.startsWith('//')) return raw.slice(2).trim();
  return raw.slice(2, raw.endsWith('*/') ? -2 : undefined).split('\n').map((line) => line.trim().replace(/^\*\s?/, '')).join(' ').trim();
}

/** Parses `key=value` pairs into an Annotation (exported for config and tests). */
export function parseBody(text: string, span: Annotation['span']): Annotation {
  const annotation: Annotation = { raw: {}, span, problems: [] };
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0) {
      annotation.problems.push(`\`${token}\` is not key=value; write e.g. task=classification`);
      continue;
    }
    const key = token.slice(0, eq).toLowerCase();
    const value = token.slice(eq + 1);
    annotation.raw[key] = value;
    applyKey(annotation, key, value);
  }
  return annotation;
}

function applyKey(a: Annotation, key: string, value: string): void {
  if (key === 'task') {
    if ((TASK_TYPES as readonly string[]).includes(value)) a.task = value as TaskType;
    else a.problems.push(`task must be one of ${TASK_TYPES.join(', ')} (got \`${value}\`)`);
  } else if (key === 'tier') {
    const tier = Number(value);
    if (Number.isInteger(tier) && tier >= 1) a.tier = tier;
    else a.problems.push(`tier must be a whole number from 1 (small) upwards, e.g. tier=1 (got \`${value}\`)`);
  } else if (key === 'consequence') {
    if ((CONSEQUENCES as readonly string[]).includes(value)) a.consequence = value as Consequence;
    else a.problems.push(`consequence must be one of ${CONSEQUENCES.join(', ')} (got \`${value}\`)`);
  } else if (key === 'traffic') {
    const perMonth = trafficPerMonth(value);
    if (perMonth !== undefined) a.trafficPerMonth = perMonth;
    else a.problems.push(`traffic must be a number of requests per day, hour or month, e.g. traffic=20000/day or traffic=600000/month (got \`${value}\`)`);
  } else {
    a.problems.push(`unknown key \`${key}\`; Tierwise reads ${KNOWN_KEYS.join(', ')} (it is kept in raw)`);
  }
}

/** `20000/day` -> 600000; `1.5k/hour`; a bare number is per month. */
export function trafficPerMonth(value: string): number | undefined {
  const [amountText, unit = 'month'] = value.toLowerCase().split('/');
  const multiplier = amountText.endsWith('k') ? 1000 : amountText.endsWith('m') ? 1_000_000 : 1;
  const amount = Number((multiplier === 1 ? amountText : amountText.slice(0, -1)).replace(/_|,/g, ''));
  const perUnit = PER_MONTH[unit];
  if (!Number.isFinite(amount) || amount < 0 || perUnit === undefined) return undefined;
  return Math.round(amount * multiplier * perUnit);
}
