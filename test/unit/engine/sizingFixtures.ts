/**
 * Builds CallSite records by hand (plain data, as the analyzer would produce them) for the sizing,
 * task-inference and per-call analysis tests.
 */
import type { CallParams, CallSite, ModelRef, PromptPart, PromptSegment, Resolved, Span, UnknownValue } from '../../../src/engine/model';

export function span(file = 'src/app.ts', line = 10): Span {
  return { file, start: { line, character: 2 }, end: { line, character: 40 } };
}

/** A model resolved to literal candidates (none = unknown). */
export function modelRef(...ids: string[]): ModelRef {
  if (ids.length === 0) {
    return { status: 'unknown', candidates: [], unknown: [{ reason: 'parameter without default or caller', expression: 'model' }], expression: 'model', hardCoded: false };
  }
  return {
    status: 'resolved',
    candidates: ids.map((value) => ({ value, via: [{ kind: 'literal', expression: `'${value}'`, span: span() }], definedAt: span() })),
    unknown: [],
    expression: `'${ids[0]}'`,
    hardCoded: true,
  };
}

export function resolvedNumber(...values: number[]): Resolved<number> {
  return {
    status: 'resolved',
    candidates: values.map((value) => ({ value, via: [{ kind: 'literal', expression: String(value), span: span() }], definedAt: span() })),
    unknown: [],
    expression: String(values[0]),
  };
}

export const text = (t: string): PromptSegment => ({ kind: 'text', text: t, source: { kind: 'inline' } });
export const hole = (name: string): PromptSegment => ({ kind: 'hole', name, expression: name });

export function part(role: PromptPart['role'], ...segments: Array<PromptSegment | string>): PromptPart {
  return { role, segments: segments.map((s) => (typeof s === 'string' ? text(s) : s)) };
}

export interface SiteOptions extends Partial<Omit<CallSite, 'params' | 'prompt'>> {
  parts?: PromptPart[];
  unknownParts?: UnknownValue[];
  params?: Partial<CallParams>;
  file?: string;
}

/** A call site with sensible defaults; override what the test is about. */
export function callSite(options: SiteOptions = {}): CallSite {
  const { parts = [], unknownParts = [], params = {}, file = 'src/app.ts', ...rest } = options;
  return {
    id: `${file}#handler#0`,
    role: 'direct',
    span: span(file),
    enclosing: 'handler',
    sdk: 'anthropic',
    provider: 'anthropic',
    api: 'messages.create',
    operation: 'generate',
    model: modelRef('claude-haiku-4-5'),
    prompt: { parts, unknown: unknownParts },
    params: { stream: false, batch: false, ...params },
    observability: { readsResponseModel: false, readsUsage: false },
    detection: ['test fixture'],
    ...rest,
  };
}
