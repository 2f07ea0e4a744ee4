import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractRequest } from '../../../../src/engine/analysis/resolve/request';
import { ANTHROPIC_MESSAGES } from '../../../../src/engine/analysis/sdks/anthropic/request';
import { OPENAI_CHAT } from '../../../../src/engine/analysis/sdks/openai/request';
import { AI_SDK_REQUEST } from '../../../../src/engine/analysis/sdks/aiSdk/request';
import type { PromptPart } from '../../../../src/engine/model';
import { findCall, fixtureContext, requestProperty } from './helpers';

const holes = (part: PromptPart) => part.segments.filter((s) => s.kind === 'hole').map((s) => (s.kind === 'hole' ? s.name : ''));
const text = (part: PromptPart) => part.segments.map((s) => (s.kind === 'text' ? s.text : `{${s.name}}`)).join('');

test('prompt from a file read with readFileSync(join(__dirname, ...)), const concatenation, join and cache marker', () => {
  const ctx = fixtureContext('resolve-prompt-from-file');
  const call = findCall(ctx, 'src/digest.ts', 'client.messages.create({\n    model');
  const req = extractRequest(ANTHROPIC_MESSAGES, { request: call.getArguments()[0] }, ctx);
  const [system, rules, user] = req.prompt.parts;
  assert.equal(system.role, 'system');
  assert.equal(text(system), 'You write the weekly digest.\nKeep it short.\nUse bullet points.\nNever invent facts.');
  const fileSegment = system.segments[0];
  assert.equal(fileSegment.kind === 'text' && fileSegment.source?.kind, 'file');
  assert.equal(fileSegment.kind === 'text' && fileSegment.source?.path, 'prompts/digest.md');
  assert.equal(text(rules), 'Mention ticket ids.');
  assert.equal(user.role, 'user');
  assert.deepEqual(holes(user), ['team.name', 'tickets']);
  assert.equal(req.params.promptCache?.marked, true);
  assert.equal(req.params.promptCache?.cachedPrefixText, 'You write the weekly digest.\nKeep it short.\nUse bullet points.\nNever invent facts.');
  assert.equal(req.prompt.unknown.length, 0);
  assert.deepEqual(req.params.maxTokens?.candidates.map((c) => c.value), [800]);
});

test('prompt from a workspace-relative fs.readFileSync path in a local const', () => {
  const ctx = fixtureContext('resolve-prompt-from-file');
  const call = findCall(ctx, 'src/digest.ts', "client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 800, system,");
  const req = extractRequest(ANTHROPIC_MESSAGES, { request: call.getArguments()[0] }, ctx);
  assert.equal(text(req.prompt.parts[0]), 'You write the weekly digest.\nKeep it short.\n');
});

test('unresolvable message arrays go to prompt.unknown with the reason', () => {
  const ctx = fixtureContext('resolve-unknown-function-result');
  const call = findCall(ctx, 'src/call.ts', 'client.messages.create({ model: pickModel');
  const req = extractRequest(ANTHROPIC_MESSAGES, { request: call.getArguments()[0] }, ctx);
  assert.equal(req.prompt.parts.length, 0);
  assert.equal(req.prompt.unknown[0].expression, 'history');
  assert.match(req.prompt.unknown[0].reason, /not a literal array/);
  assert.equal(req.model.status, 'unknown');
});

test('zod response format: field count, labels and schema text', () => {
  const ctx = fixtureContext('resolve-zod-schema');
  const call = findCall(ctx, 'src/extract.ts', 'openai.chat.completions.parse');
  const req = extractRequest(OPENAI_CHAT, { request: call.getArguments()[0] }, ctx);
  const so = req.params.structuredOutput;
  assert.equal(so?.kind, 'zod');
  assert.equal(so?.fieldCount, 3);
  assert.deepEqual(so?.labels, ['refund', 'replacement', 'information']);
  assert.match(so?.schemaText ?? '', /orderId:string\|null/);
  assert.deepEqual(req.params.maxTokens?.candidates.map((c) => c.value), [300]);
  assert.deepEqual(req.prompt.parts.map((p) => p.role), ['system', 'user']);
  assert.deepEqual(holes(req.prompt.parts[1]), ['body']);
});

test('AI SDK generateObject: provider factory model, zod schema, maxOutputTokens, prompt holes', () => {
  const ctx = fixtureContext('resolve-zod-schema');
  const call = findCall(ctx, 'src/extract.ts', 'generateObject(');
  const req = extractRequest(AI_SDK_REQUEST, { request: call.getArguments()[0] }, ctx);
  assert.deepEqual(req.model.candidates.map((c) => c.value), ['gpt-4.1-mini']);
  assert.equal(req.model.candidates[0].via[0].kind, 'provider-factory');
  assert.equal(req.model.hardCoded, true);
  assert.deepEqual(req.params.structuredOutput?.labels, ['low', 'high']);
  assert.equal(req.params.structuredOutput?.fieldCount, 2);
  assert.deepEqual(req.params.maxTokens?.candidates.map((c) => c.value), [120]);
  assert.equal(text(req.prompt.parts[0]), 'Rate the urgency.\n\n{body}');
});

test('JSON schema response_format with enum labels', () => {
  const ctx = fixtureContext('resolve-zod-schema');
  const call = findCall(ctx, 'src/extract.ts', "openai.chat.completions.create({\n    model: 'gpt-5-mini',\n    messages: [{ role: 'user', content: body }],\n    response_format");
  const req = extractRequest(OPENAI_CHAT, { request: call.getArguments()[0] }, ctx);
  assert.equal(req.params.structuredOutput?.kind, 'json-schema');
  assert.deepEqual(req.params.structuredOutput?.labels, ['spam', 'ham']);
  assert.equal(req.params.structuredOutput?.fieldCount, 1);
});

test('a request with no max_tokens leaves maxTokens unset (not defaulted)', () => {
  const ctx = fixtureContext('resolve-conditional');
  const call = findCall(ctx, 'src/call.ts', 'openai.chat');
  const req = extractRequest(OPENAI_CHAT, { request: call.getArguments()[0] }, ctx);
  assert.equal(req.params.maxTokens, undefined);
  assert.equal(req.params.stream, false);
  assert.ok(requestProperty(call, 'model'));
});
