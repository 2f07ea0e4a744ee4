/**
 * Builds AnalyzedCallSite objects by hand (plain data, like the scanner produces) for recommendation
 * and projection tests, with the model looked up in a real catalog.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalog, type Catalog } from '../../../../src/engine/catalog/catalog';
import type { AnalyzedCallSite, Annotation, CallSite, Provider, Span, TaskType, TokenRange } from '../../../../src/engine/model';

/** The bundled catalog (an empty cache dir, so a developer's `catalog update` does not leak in). */
export function bundledCatalog(): Catalog {
  return createCatalog({ dataDir: mkdtempSync(join(tmpdir(), 'tierwise-rec-')) });
}

const fixed = (n: number): TokenRange => ({ min: n, expected: n, max: n });

/** Options of a hand-built call site. */
export interface SiteSpec {
  id?: string;
  file?: string;
  model: string | null;
  provider?: Provider;
  task: TaskType;
  confidence?: number;
  input: number | TokenRange;
  output: number | TokenRange;
  thinking?: number;
  structured?: boolean;
  hardCoded?: boolean;
  annotation?: Partial<Annotation>;
  operation?: CallSite['operation'];
  batch?: boolean;
  cachedPrefixTokens?: number;
  contextGuard?: string;
}

/** An analysed call site with the given model, task and token sizes. */
export function site(spec: SiteSpec, catalog: Catalog): AnalyzedCallSite {
  const file = spec.file ?? 'src/tickets/classify.ts';
  const span: Span = { file, start: { line: 9, character: 2 }, end: { line: 12, character: 4 } };
  const provider = spec.provider ?? 'anthropic';
  const callSite: CallSite = {
    id: spec.id ?? `${file}#handler#0`,
    role: 'direct',
    span,
    enclosing: 'handler',
    sdk: provider === 'openai' ? 'openai' : 'anthropic',
    provider,
    api: spec.operation === 'embed' ? 'embeddings.create' : 'messages.create',
    operation: spec.operation ?? 'generate',
    model: spec.model
      ? { status: 'resolved', candidates: [{ value: spec.model, via: [], definedAt: span }], unknown: [], expression: `'${spec.model}'`, hardCoded: spec.hardCoded ?? false }
      : { status: 'unknown', candidates: [], unknown: [{ reason: 'comes from a function parameter', expression: 'model' }], expression: 'model', hardCoded: false },
    prompt: { parts: [], unknown: [] },
    params: {
      stream: false,
      batch: spec.batch ?? false,
      ...(spec.structured ? { structuredOutput: { kind: 'json-schema' as const, fieldCount: 3 } } : {}),
      ...(spec.cachedPrefixTokens ? { promptCache: { marked: true } } : {}),
    },
    observability: { readsResponseModel: false, readsUsage: false, ...(spec.contextGuard ? { contextGuard: { expression: spec.contextGuard, span } } : {}) },
    detection: ['hand-built test site'],
  };
  if (spec.annotation) callSite.annotation = { raw: {}, span, problems: [], ...spec.annotation };
  const lookup = spec.model ? catalog.lookup(spec.model) : undefined;
  const analyzed: AnalyzedCallSite = {
    site: callSite,
    task: { task: spec.task, confidence: spec.confidence ?? 0.9, source: 'inferred', reasons: ['test'], alternatives: [] },
    modelId: spec.model,
    tokens: {
      input: typeof spec.input === 'number' ? fixed(spec.input) : spec.input,
      output: typeof spec.output === 'number' ? fixed(spec.output) : spec.output,
      ...(spec.thinking ? { thinking: fixed(spec.thinking) } : {}),
      staticInputTokens: 0,
      holes: [],
      ...(spec.cachedPrefixTokens ? { cachedPrefixTokens: spec.cachedPrefixTokens } : {}),
      method: 'test',
      reasons: [],
    },
    costed: true,
  };
  if (lookup?.found) analyzed.model = lookup.model;
  else if (lookup) analyzed.unpriced = { id: lookup.id, nearest: lookup.nearest };
  return analyzed;
}
