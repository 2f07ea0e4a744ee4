import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallExpression } from 'ts-morph';
import { extractRequest } from '../../../../src/engine/analysis/resolve/request';
import { ANTHROPIC_MESSAGES } from '../../../../src/engine/analysis/sdks/anthropic/request';
import { enclosingName, expandWrappers } from '../../../../src/engine/analysis/resolve/wrappers';
import { parseAnnotation, parseBody, trafficPerMonth } from '../../../../src/engine/analysis/resolve/annotations';
import type { AnalysisContext, DetectedCall } from '../../../../src/engine/analysis/types';
import type { CallSite } from '../../../../src/engine/model';
import { findCall, fixtureContext } from './helpers';

/** A record as the scanner builds it, with the real request extraction (no detector needed). */
function record(ctx: AnalysisContext, call: CallExpression): { site: CallSite; detected: DetectedCall } {
  const detected: DetectedCall = {
    call, sdk: 'anthropic', provider: 'anthropic', api: 'messages.create', operation: 'generate', detection: ['test'],
    extract: (bindings) => extractRequest(ANTHROPIC_MESSAGES, { request: call.getArguments()[0] }, ctx, bindings),
  };
  const extracted = detected.extract();
  const enclosing = enclosingName(call);
  const site: CallSite = {
    id: `${ctx.relativePath(call.getSourceFile())}#${enclosing}#0`, role: 'direct', span: ctx.span(call), enclosing,
    sdk: 'anthropic', provider: 'anthropic', api: 'messages.create', operation: 'generate',
    model: extracted.model, prompt: extracted.prompt, params: extracted.params,
    observability: { readsResponseModel: false, readsUsage: false }, detection: ['test'],
  };
  return { site, detected };
}

test('a wrapper is resolved at each caller, through a re-export and a wrapper of the wrapper', () => {
  const ctx = fixtureContext('resolve-wrapper-two-levels');
  const sites = expandWrappers([record(ctx, findCall(ctx, 'src/llm.ts', 'anthropic.messages.create'))], ctx);
  const wrapper = sites.find((s) => s.role === 'wrapper');
  assert.ok(wrapper);
  assert.equal(wrapper.id, 'src/llm.ts#complete#0');
  assert.match(wrapper.model.unknown[0].reason, /set by each caller: resolved at its 4 invocations/);
  const invocations = sites.filter((s) => s.role === 'invocation');
  const byId = new Map(invocations.map((s) => [s.id, s]));
  assert.deepEqual([...byId.keys()].sort(), [
    'src/ask.ts#detectLanguage#0@src/llm.ts#complete#0',
    'src/ask.ts#draft#0@src/llm.ts#complete#0',
    'src/routes.ts#faq#0@src/llm.ts#complete#0',
    'src/routes.ts#hard#0@src/llm.ts#complete#0',
  ]);
  assert.deepEqual(wrapper.invocationIds?.slice().sort(), [...byId.keys()].sort());
  const lang = byId.get('src/ask.ts#detectLanguage#0@src/llm.ts#complete#0')!;
  assert.equal(lang.wrapperId, 'src/llm.ts#complete#0');
  assert.deepEqual(lang.model.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.equal(lang.model.candidates[0].via[0].kind, 'caller-argument');
  assert.equal(lang.model.candidates[0].definedAt.file, 'src/models.ts');
  assert.deepEqual(lang.params.maxTokens?.candidates.map((c) => c.value), [5]);
  assert.equal(lang.span.file, 'src/ask.ts');
  assert.equal(lang.annotation?.task, 'classification');
  assert.equal(lang.annotation?.trafficPerMonth, 30000);
  const langSystem = lang.prompt.parts.find((p) => p.role === 'system');
  assert.equal(langSystem?.segments[0].kind === 'text' && langSystem.segments[0].text, 'Identify the language. Answer with the ISO code.');
  const draft = byId.get('src/ask.ts#draft#0@src/llm.ts#complete#0')!;
  assert.deepEqual(draft.params.maxTokens?.candidates.map((c) => c.value), [512], 'omitted argument -> the parameter default');
  assert.ok(draft.prompt.parts.some((p) => p.segments.some((s) => s.kind === 'hole' && s.name === 'ticket.body')));
  // two levels: askWith(model, q) passes its own parameter on; the model is bound at askWith's callers
  const faq = byId.get('src/routes.ts#faq#0@src/llm.ts#complete#0')!;
  assert.deepEqual(faq.model.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.deepEqual(faq.params.maxTokens?.candidates.map((c) => c.value), [100]);
  const hard = byId.get('src/routes.ts#hard#0@src/llm.ts#complete#0')!;
  assert.deepEqual(hard.model.candidates.map((c) => c.value), ['claude-sonnet-4-6']);
  assert.equal(hard.model.hardCoded, true);
  assert.equal(hard.model.candidates[0].definedAt.file, 'src/routes.ts');
});

test('a function whose model is a parameter default and is never called stays direct', () => {
  const ctx = fixtureContext('resolve-parameter-default');
  const sites = expandWrappers([record(ctx, findCall(ctx, 'src/call.ts', 'client.messages.create'))], ctx);
  assert.equal(sites.length, 1);
  assert.equal(sites[0].role, 'direct');
  assert.deepEqual(sites[0].model.candidates.map((c) => c.value), ['claude-haiku-4-5']);
});

test('annotations: values normalised, problems carry the fix', () => {
  const ctx = fixtureContext('resolve-wrapper-two-levels');
  const call = findCall(ctx, 'src/ask.ts', 'complete(MODELS.fast');
  const annotation = parseAnnotation(call, ctx);
  assert.equal(annotation?.task, 'classification');
  assert.equal(annotation?.span.start.line, 7);
  assert.equal(trafficPerMonth('20000/day'), 600000);
  assert.equal(trafficPerMonth('10/hour'), 7200);
  assert.equal(trafficPerMonth('5000/month'), 5000);
  assert.equal(trafficPerMonth('lots'), undefined);
  assert.equal(parseAnnotation(findCall(ctx, 'src/ask.ts', 'complete(MODELS.smart'), ctx), undefined);
  const bad = parseBody(' task=triage tier=zero owner=me traffic=3/fortnight', annotation!.span);
  assert.equal(bad.task, undefined);
  assert.equal(bad.raw.owner, 'me');
  assert.equal(bad.problems.length, 4);
  assert.match(bad.problems[0], /task must be one of classification, extraction/);
});
