/**
 * Operators over statically known values: template literals and `+` (every combination of the
 * parts' candidates), `??` / `||` (environment defaults and fallbacks), numeric arithmetic and
 * conditionals (every branch is a candidate, the condition recorded in the step's note).
 */
import { SyntaxKind } from 'ts-morph';
import type { BinaryExpression, ConditionalExpression, Node, TemplateExpression } from 'ts-morph';
import { MAX_CANDIDATES, exprText, makeStep, merge, unknownRes, withStep } from './common';
import type { EvalState, Res, Value } from './common';
import type { Candidate, UnknownValue } from '../../model';
import { envVariable } from './symbols';
import { evaluate } from './evaluate';

type Combine = (a: Value, b: Value) => Value | undefined;

/** Every combination of two results' candidates; an unknown part makes the combination partial. */
function combine(left: Res<Value>, right: Res<Value>, op: Combine, whole: Node, st: EvalState): Res<Value> {
  const candidates: Candidate<Value>[] = [];
  for (const a of left.candidates) {
    for (const b of right.candidates) {
      const value = op(a.value, b.value);
      if (value === undefined || candidates.length >= MAX_CANDIDATES) continue;
      candidates.push({ value, via: [...a.via, ...b.via], definedAt: st.ctx.span(whole) });
    }
  }
  return { candidates, unknown: [...left.unknown, ...right.unknown] };
}

/** `${a}-${b}`: each span resolved; a span that cannot be resolved is named in the reason. */
export function evalTemplate(node: TemplateExpression, st: EvalState): Res<Value> {
  let acc: Res<Value> = { candidates: [{ value: node.getHead().getLiteralText(), via: [], definedAt: st.ctx.span(node) }], unknown: [] };
  for (const span of node.getTemplateSpans()) {
    const part = evaluate(span.getExpression(), st);
    if (part.candidates.length === 0) {
      const inner = part.unknown.map((u) => u.reason).join('; ');
      return unknownRes(`template part \`\${${exprText(span.getExpression())}}\` is not statically known: ${inner}`, node, st);
    }
    const tail: Res<Value> = { candidates: [{ value: span.getLiteral().getLiteralText(), via: [], definedAt: st.ctx.span(node) }], unknown: [] };
    acc = combine(combine(acc, part, (a, b) => `${a}${b}`, node, st), tail, (a, b) => `${a}${b}`, node, st);
  }
  return withStep(acc, makeStep('template', node, st));
}

/** `+`, arithmetic, `??` and `||`. */
export function evalBinary(node: BinaryExpression, st: EvalState): Res<Value> {
  const operator = node.getOperatorToken().getKind();
  const left = node.getLeft();
  const right = node.getRight();
  if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) {
    return evalFallback(node, st);
  }
  const numeric: Partial<Record<SyntaxKind, (a: number, b: number) => number>> = {
    [SyntaxKind.MinusToken]: (a, b) => a - b,
    [SyntaxKind.AsteriskToken]: (a, b) => a * b,
    [SyntaxKind.SlashToken]: (a, b) => a / b,
  };
  if (operator === SyntaxKind.PlusToken) {
    const plus: Combine = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a + b : `${a}${b}`);
    return withStep(combine(evaluate(left, st), evaluate(right, st), plus, node, st), makeStep('template', node, st));
  }
  const arithmetic = numeric[operator];
  if (arithmetic) {
    const op: Combine = (a, b) => (typeof a === 'number' && typeof b === 'number' ? arithmetic(a, b) : undefined);
    return combine(evaluate(left, st), evaluate(right, st), op, node, st);
  }
  return unknownRes(`the result of \`${exprText(node)}\` is not statically known`, node, st);
}

/** `process.env.X ?? 'd'` (env default), else `a ?? b` / `a || b` where either side may apply. */
function evalFallback(node: BinaryExpression, st: EvalState): Res<Value> {
  const left = node.getLeft();
  const right = node.getRight();
  const envVar = envVariable(left);
  if (envVar) {
    const op = node.getOperatorToken().getText();
    const note = `used when ${envVar} is ${op === '??' ? 'unset' : 'unset or empty'}`;
    return withStep(evaluate(right, st), makeStep('env-default', node, st, { envVar, note }));
  }
  const leftRes = evaluate(left, st);
  const isNullish = node.getOperatorToken().getKind() === SyntaxKind.QuestionQuestionToken;
  const alwaysLeft = leftRes.unknown.length === 0 && leftRes.candidates.length > 0 && leftRes.candidates.every((c) => (isNullish ? true : Boolean(c.value)));
  if (alwaysLeft) return leftRes;
  // The left side may be missing at run time, so the right side is a candidate too; the unknown
  // left branch stays reported.
  const unknown: UnknownValue[] = leftRes.unknown;
  return merge({ candidates: leftRes.candidates, unknown }, evaluate(right, st));
}

/** `cond ? a : b`: both branches are candidates. */
export function evalConditional(node: ConditionalExpression, st: EvalState): Res<Value> {
  const condition = exprText(node.getCondition());
  const whenTrue = withStep(evaluate(node.getWhenTrue(), st), makeStep('conditional', node, st, { note: `when ${condition}` }));
  const whenFalse = withStep(evaluate(node.getWhenFalse(), st), makeStep('conditional', node, st, { note: `when not (${condition})` }));
  return merge(whenTrue, whenFalse);
}
