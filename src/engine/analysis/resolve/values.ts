/**
 * Public entry points of value resolution (what detectors and request extraction call): model ids,
 * strings, numbers, request objects and their properties. Results are plain `Resolved<T>` data;
 * an expression that cannot be resolved is an `unknown` entry with a reason, never a default.
 */
import { Node } from 'ts-morph';
import type { ObjectLiteralExpression } from 'ts-morph';
import type { AnalysisContext, Bindings } from '../types';
import type { ModelRef, ResolutionStep, Resolved, UnknownValue } from '../../model';
import { exprText, initialState, toResolved } from './common';
import type { EvalState, Res, Value } from './common';
import { evaluate } from './evaluate';
import { followToLiteral, propertyIn } from './objects';
import { unwrap } from './symbols';

/** Every string `expr` can statically take. */
export function resolveString(expr: Node, ctx: AnalysisContext, bindings?: Bindings): Resolved<string> {
  return stringIn(expr, initialState(ctx, bindings));
}

/** Every number `expr` can statically take. */
export function resolveNumber(expr: Node, ctx: AnalysisContext, bindings?: Bindings): Resolved<number> {
  return numberIn(expr, initialState(ctx, bindings));
}

/**
 * The model id(s) of a request. `hardCoded` is true when a candidate's id is a string literal written
 * in the code path itself (at the call, as a caller's argument, a parameter default or a conditional
 * branch) rather than in a named const, enum, config object or environment default.
 */
export function resolveModel(expr: Node, ctx: AnalysisContext, bindings?: Bindings): ModelRef {
  return modelIn(expr, initialState(ctx, bindings));
}

/** `resolveModel` within an evaluation state (for request extraction that already follows bindings). */
export function modelIn(expr: Node, st: EvalState): ModelRef {
  const resolved = stringIn(expr, st);
  const configured = new Set(['const', 'enum-member', 'object-property', 'env-default', 'file-read', 'union-type']);
  // A const declared inside a function is application logic, not configuration.
  const isConfig = (step: ResolutionStep) => configured.has(step.kind) && !(step.kind === 'const' && step.note?.startsWith('local '));
  const hardCoded = resolved.candidates.some((c) => c.via.every((step) => !isConfig(step)));
  return { ...resolved, hardCoded };
}

/** `resolveString` within an evaluation state. */
export function stringIn(expr: Node, st: EvalState): Resolved<string> {
  return typed(evaluate(expr, st), 'string', expr);
}

/** `resolveNumber` within an evaluation state. */
export function numberIn(expr: Node, st: EvalState): Resolved<number> {
  return typed(evaluate(expr, st), 'number', expr);
}

function typed<T extends string | number>(res: Res<Value>, kind: 'string' | 'number', expr: Node): Resolved<T> {
  const candidates = res.candidates.filter((c): c is typeof c & { value: T } => typeof c.value === kind);
  const unknown: UnknownValue[] = [...res.unknown];
  for (const c of res.candidates) {
    if (typeof c.value !== kind) {
      unknown.push({ reason: `resolves to ${JSON.stringify(c.value)}, not a ${kind}`, expression: exprText(expr), span: c.definedAt });
    }
  }
  return toResolved({ candidates, unknown }, exprText(expr));
}

/**
 * The object literal behind a request expression: follows identifiers, consts across files,
 * `as const`, `satisfies`, parentheses, bound parameters and nested properties.
 */
export function resolveObjectLiteral(expr: Node, ctx: AnalysisContext, bindings?: Bindings): ObjectLiteralExpression | undefined {
  const found = followToLiteral(expr, initialState(ctx, bindings));
  return found && Node.isObjectLiteralExpression(found.node) ? found.node : undefined;
}

/** The value expression of property `name` (assignment, shorthand, resolvable spread; last wins). */
export function getProperty(obj: ObjectLiteralExpression, name: string, ctx: AnalysisContext, bindings?: Bindings): Node | undefined {
  return propertyIn(obj, name, initialState(ctx, bindings))?.node;
}

/** True when `expr` is written as a literal (after parentheses and `as`). */
export function isLiteralExpression(expr: Node): boolean {
  const inner = unwrap(expr);
  return Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isNumericLiteral(inner);
}
