import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveModel, resolveNumber } from '../../../../src/engine/analysis/resolve/values';
import { findCall, fixtureContext, requestProperty } from './helpers';

test('env default: the default is the candidate, the variable is recorded, definedAt is the default literal', () => {
  const ctx = fixtureContext('resolve-model-from-env-default');
  const model = resolveModel(requestProperty(findCall(ctx, 'src/summarize.ts', 'client.messages.create({ model: SUMMARY_MODEL'), 'model'), ctx);
  assert.equal(model.status, 'resolved');
  assert.deepEqual(model.candidates.map((c) => c.value), ['claude-sonnet-4-6']);
  const kinds = model.candidates[0].via.map((s) => s.kind);
  assert.deepEqual(kinds, ['const', 'env-default', 'literal']);
  assert.equal(model.candidates[0].via[1].envVar, 'SUMMARY_MODEL');
  assert.equal(model.candidates[0].definedAt.file, 'src/config.ts');
  assert.equal(model.candidates[0].definedAt.start.line, 0);
  assert.equal(model.hardCoded, false);
});

test('env `||` default resolves; an env var without a default is unknown naming the variable', () => {
  const ctx = fixtureContext('resolve-model-from-env-default');
  const fallback = resolveModel(requestProperty(findCall(ctx, 'src/summarize.ts', 'client.messages.create({ model: FALLBACK'), 'model'), ctx);
  assert.deepEqual(fallback.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.equal(fallback.candidates[0].via[1].envVar, 'FALLBACK_MODEL');
  const raw = resolveModel(requestProperty(findCall(ctx, 'src/summarize.ts', 'client.messages.create({ model: RAW'), 'model'), ctx);
  assert.equal(raw.status, 'unknown');
  assert.match(raw.unknown[0].reason, /environment variable `RAW_MODEL`/);
});

test('const across files through a renamed re-export', () => {
  const ctx = fixtureContext('resolve-const-across-files');
  const model = resolveModel(requestProperty(findCall(ctx, 'src/triage.ts', 'anthropic.messages.create({ model: MODEL'), 'model'), ctx);
  assert.equal(model.status, 'resolved');
  assert.equal(model.candidates[0].value, 'claude-haiku-4-5');
  assert.equal(model.candidates[0].definedAt.file, 'src/models.ts');
  assert.equal(model.hardCoded, false);
  const inline = resolveModel(requestProperty(findCall(ctx, 'src/triage.ts', "anthropic.messages.create({ model: 'claude-opus"), 'model'), ctx);
  assert.equal(inline.hardCoded, true);
  assert.equal(inline.candidates[0].definedAt.file, 'src/triage.ts');
  assert.equal(inline.candidates[0].definedAt.start.line, 11);
});

test('enum member in another file', () => {
  const ctx = fixtureContext('resolve-enum-member');
  const model = resolveModel(requestProperty(findCall(ctx, 'src/extract.ts', 'openai.chat.completions.create'), 'model'), ctx);
  assert.deepEqual(model.candidates.map((c) => c.value), ['gpt-5-mini']);
  assert.equal(model.candidates[0].via[0].kind, 'enum-member');
  assert.equal(model.candidates[0].definedAt.file, 'src/models.ts');
  assert.equal(model.candidates[0].definedAt.start.line, 2);
});

test('config objects: nested bracket access, spreads, satisfies and destructuring', () => {
  const ctx = fixtureContext('resolve-config-object');
  const call = findCall(ctx, 'src/answer.ts', 'llm.messages.create({ model: config');
  const model = resolveModel(requestProperty(call, 'model'), ctx);
  assert.deepEqual(model.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.equal(model.candidates[0].via[0].kind, 'object-property');
  assert.equal(model.candidates[0].definedAt.start.line, 4);
  const max = resolveNumber(requestProperty(call, 'max_tokens'), ctx);
  assert.deepEqual(max.candidates.map((c) => c.value), [256]);
  const dot = findCall(ctx, 'src/answer.ts', 'llm.messages.create({ model: balanced');
  assert.deepEqual(resolveModel(requestProperty(dot, 'model'), ctx).candidates.map((c) => c.value), ['claude-sonnet-4-6']);
  assert.deepEqual(resolveNumber(requestProperty(dot, 'temperature'), ctx).candidates.map((c) => c.value), [0]);
});

test('template literal: known parts combine; an unknown part makes it unknown and is named', () => {
  const ctx = fixtureContext('resolve-template-literal');
  const known = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model: `${FAMILY}-${SIZE}-${VERSION}'), 'model'), ctx);
  assert.deepEqual(known.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.equal(known.candidates[0].via[0].kind, 'template');
  const partial = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model: `${FAMILY}-${SIZE}-${version}'), 'model'), ctx);
  assert.equal(partial.status, 'unknown');
  assert.match(partial.unknown[0].reason, /\$\{version\}/);
  assert.match(partial.unknown[0].reason, /parameter `version` of `unknownPart`/);
});

test('conditional: every branch is a candidate with the condition in the note', () => {
  const ctx = fixtureContext('resolve-conditional');
  const model = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'openai.chat'), 'model'), ctx);
  assert.equal(model.status, 'resolved');
  assert.deepEqual(model.candidates.map((c) => c.value).sort(), ['gpt-5', 'gpt-5-mini']);
  const notes = model.candidates.map((c) => c.via.find((s) => s.kind === 'conditional')?.note);
  assert.ok(notes.includes("when user.plan === 'pro'"), JSON.stringify(notes));
  assert.equal(model.hardCoded, true);
});

test('parameter defaults: model and max_tokens', () => {
  const ctx = fixtureContext('resolve-parameter-default');
  const call = findCall(ctx, 'src/call.ts', 'client.messages.create');
  const model = resolveModel(requestProperty(call, 'model'), ctx);
  assert.deepEqual(model.candidates.map((c) => c.value), ['claude-haiku-4-5']);
  assert.ok(model.candidates[0].via.some((s) => s.kind === 'parameter-default'));
  assert.equal(model.candidates[0].definedAt.start.line, 4);
  assert.deepEqual(resolveNumber(requestProperty(call, 'max_tokens'), ctx).candidates.map((c) => c.value), [300]);
});

test('literal union types from the checker, definedAt at the literal in the type', () => {
  const ctx = fixtureContext('resolve-union-type');
  const model = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model,'), 'model'), ctx);
  assert.deepEqual(model.candidates.map((c) => c.value).sort(), ['claude-haiku-4-5', 'claude-sonnet-4-6']);
  assert.equal(model.candidates[0].via[0].kind, 'union-type');
  assert.equal(model.candidates[0].definedAt.start.line, 2);
  const opts = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model: opts'), 'model'), ctx);
  assert.deepEqual(opts.candidates.map((c) => c.value).sort(), ['claude-haiku-4-5', 'claude-opus-4-7']);
});

test('unknown is a value: a function result and an unbound parameter explain themselves', () => {
  const ctx = fixtureContext('resolve-unknown-function-result');
  const fromCall = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model: pickModel'), 'model'), ctx);
  assert.equal(fromCall.status, 'unknown');
  assert.equal(fromCall.candidates.length, 0);
  assert.match(fromCall.unknown[0].reason, /function call result `pickModel\(\)` is not statically known/);
  assert.equal(fromCall.unknown[0].expression, 'pickModel()');
  const unbound = resolveModel(requestProperty(findCall(ctx, 'src/call.ts', 'client.messages.create({ model,'), 'model'), ctx);
  assert.match(unbound.unknown[0].reason, /parameter `model` of `askUnbound` has no default and no caller was found/);
});
