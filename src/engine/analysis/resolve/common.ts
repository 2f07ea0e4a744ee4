/**
 * Shared plumbing of value resolution: the evaluation state (depth and cycle guard), the
 * intermediate result type and the combinators that turn it into a `Resolved<T>`.
 */
import type { Node } from 'ts-morph';
import type { AnalysisContext, Bindings } from '../types';
import type { Candidate, ResolutionStep, Resolved, UnknownValue, ValueSourceKind } from '../../model';

/** Hops followed before giving up (guards against pathological chains). */
export const MAX_DEPTH = 40;
/** Candidates kept per expression (template/concat combinations can explode). */
export const MAX_CANDIDATES = 24;

/** A statically known primitive. */
export type Value = string | number | boolean;

/** Intermediate result: candidates and unknown branches, without the summary fields. */
export interface Res<T> {
  candidates: Candidate<T>[];
  unknown: UnknownValue[];
}

/** Where resolution currently is: the bindings of the function being resolved, depth, path. */
export interface EvalState {
  ctx: AnalysisContext;
  bindings: Bindings | undefined;
  depth: number;
  /** Nodes on the current resolution path (cycle guard). */
  path: readonly Node[];
}

/** A fresh state for a public entry point. */
export function initialState(ctx: AnalysisContext, bindings?: Bindings): EvalState {
  return { ctx, bindings, depth: 0, path: [] };
}

/** The state one hop deeper, or a reason why resolution must stop here. */
export function enter(node: Node, st: EvalState): EvalState | string {
  if (st.depth >= MAX_DEPTH) return `resolution stopped after ${MAX_DEPTH} hops`;
  if (st.path.includes(node)) return `\`${exprText(node)}\` refers to itself (a cycle)`;
  return { ...st, depth: st.depth + 1, path: [...st.path, node] };
}

/** Source text of a node on one line, trimmed to 200 characters. */
export function exprText(node: Node): string {
  const text = node.getText().split('\n').map((line) => line.trim()).join(' ').trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `file:line` (1-based line) of a node, for notes and reasons. */
export function where(node: Node, st: EvalState): string {
  const span = st.ctx.span(node);
  return `${span.file}:${span.start.line + 1}`;
}

/** A resolution step for `node`. */
export function makeStep(kind: ValueSourceKind, node: Node, st: EvalState, extra: Partial<ResolutionStep> = {}): ResolutionStep {
  return { kind, expression: exprText(node), span: st.ctx.span(node), ...extra };
}

/** One unknown branch. */
export function unknownRes<T>(reason: string, node: Node, st: EvalState): Res<T> {
  return { candidates: [], unknown: [{ reason, expression: exprText(node), span: st.ctx.span(node) }] };
}

/** A literal written at `node`. */
export function literalRes<T>(value: T, node: Node, st: EvalState): Res<T> {
  const span = st.ctx.span(node);
  return { candidates: [{ value, via: [makeStep('literal', node, st)], definedAt: span }], unknown: [] };
}

/** Prepends a hop to every candidate's chain (steps run from the call site outwards). */
export function withStep<T>(res: Res<T>, step: ResolutionStep): Res<T> {
  return { candidates: res.candidates.map((c) => ({ ...c, via: [step, ...c.via] })), unknown: res.unknown };
}

/** Union of several results, without duplicate candidates, capped at MAX_CANDIDATES. */
export function merge<T>(...results: Res<T>[]): Res<T> {
  const candidates: Candidate<T>[] = [];
  const seen = new Set<string>();
  const unknown: UnknownValue[] = [];
  for (const res of results) {
    for (const c of res.candidates) {
      const key = `${String(c.value)}@${c.definedAt.file}:${c.definedAt.start.line}:${c.definedAt.start.character}`;
      if (seen.has(key) || candidates.length >= MAX_CANDIDATES) continue;
      seen.add(key);
      candidates.push(c);
    }
    unknown.push(...res.unknown);
  }
  return { candidates, unknown };
}

/** Summarises an intermediate result as the contract's `Resolved<T>`. */
export function toResolved<T>(res: Res<T>, expression: string): Resolved<T> {
  const status = res.candidates.length === 0 ? 'unknown' : res.unknown.length > 0 ? 'partial' : 'resolved';
  return { status, candidates: res.candidates, unknown: res.unknown, expression };
}

/** A `Resolved<T>` that says nothing was written (e.g. a missing property). */
export function emptyResolved<T>(reason: string, expression: string): Resolved<T> {
  return { status: 'unknown', candidates: [], unknown: [{ reason, expression }], expression };
}
