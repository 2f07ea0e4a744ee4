import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlanDeps, loadProfilingInputs, planRun } from '../../../src/profiling/api';
import { isTierwiseError } from '../../../src/engine/api';
import type { TierwiseError } from '../../../src/engine/api';
import { callSite, scanOf, testConfig, workspace } from './helpers';

async function loadError(samples: string): Promise<TierwiseError> {
  const root = workspace({ classification: samples });
  try {
    await loadProfilingInputs(root, testConfig(root), scanOf(root, [callSite('classification')]));
  } catch (error) {
    if (isTierwiseError(error)) return error;
    throw error;
  }
  assert.fail('expected a TierwiseError');
}

test('a sample missing a prompt hole is an error naming the file, the line and the field', async () => {
  const error = await loadError('{"id":"a","vars":{"ticket":"x"},"expected":"bug"}\n{"id":"b","vars":{"tikcet":"y"},"expected":"bug"}\n');
  assert.equal(error.file, 'tierwise/samples/classification.jsonl:2');
  assert.equal(error.field, 'vars.ticket');
  assert.match(error.message, /missing `ticket`/);
});

test('a sample with a field the prompt has no hole for is an error', async () => {
  const error = await loadError('{"id":"a","vars":{"ticket":"x","customer":"Ann"},"expected":"bug"}\n');
  assert.equal(error.file, 'tierwise/samples/classification.jsonl:1');
  assert.equal(error.field, 'vars.customer');
  assert.match(error.fix, /remove "customer"/);
});

test('broken JSON, missing ids and duplicate ids are reported with their line', async () => {
  assert.match((await loadError('{"id":"a","vars":{"ticket":"x"}}\n{oops\n')).file ?? '', /:2$/);
  assert.equal((await loadError('{"vars":{"ticket":"x"}}\n')).field, 'id');
  const duplicate = await loadError('{"id":"a","vars":{"ticket":"x"}}\n{"id":"a","vars":{"ticket":"y"}}\n');
  assert.match(duplicate.message, /duplicate sample id `a` \(first on line 1\)/);
});

test('the plan fills the holes, counts tokens with the engine counter and prices with the catalog', async () => {
  const root = workspace({ classification: '{"id":"a","vars":{"ticket":"refund me twice"},"expected":"billing"}\n{"id":"b","messages":[{"role":"user","content":"hello"}],"expected":"bug"}\n' });
  const config = testConfig(root);
  const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
  const plan = planRun(inputs, createPlanDeps(config), { tiers: [1] });
  assert.deepEqual(plan.requests.map((r) => r.key), ['classification|a|claude-haiku-4-5', 'classification|b|claude-haiku-4-5']);
  const [filled, explicit] = plan.requests;
  assert.equal(filled.request.messages[0].content, 'Ticket: refund me twice');
  assert.match(filled.request.system ?? '', /Classify the ticket/);
  assert.equal(filled.request.maxTokens, 20);
  assert.deepEqual(explicit.request.messages, [{ role: 'user', content: 'hello' }]);
  assert.ok(filled.estInputTokens > 10 && filled.estCostUsd !== null && filled.maxCostUsd !== null && filled.maxCostUsd > filled.estCostUsd);
  assert.ok(Math.abs(plan.estimatedCostUsd - (filled.estCostUsd ?? 0) - (explicit.estCostUsd ?? 0)) < 1e-12);
  assert.ok(plan.estimatedSeconds > 0);
});

test('an OpenAI call site is profiled on the OpenAI models of each tier', async () => {
  const root = workspace({ classification: '{"id":"a","vars":{"ticket":"x"},"expected":"bug"}\n' });
  const config = testConfig(root);
  const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification', 'openai')]));
  const plan = planRun(inputs, createPlanDeps(config));
  assert.deepEqual(plan.models.map((m) => [m.tier, m.model, m.provider]), [[1, 'gpt-5-mini', 'openai'], [2, 'gpt-5', 'openai']]);
});

test('structured-output call sites carry the expected JSON shape, and OpenAI requests ask for JSON mode', async () => {
  const { startFakeModelServer } = await import('../../support/fakeModelServer');
  const { runProfile } = await import('../../../src/profiling/api');
  const server = await startFakeModelServer({ answer: () => '{"orderId": "A-1"}' });
  try {
    const root = workspace({ extraction: '{"id":"a","vars":{"ticket":"order A-1"},"expected":{"orderId":"A-1"}}\n' });
    const config = testConfig(root, (c) => (c.tasks.extraction.oracle = 'fields:1'));
    const site = callSite('extraction', 'openai');
    site.site.params.structuredOutput = { kind: 'zod', fieldCount: 1, schemaText: '{orderId:string|null}' };
    const inputs = await loadProfilingInputs(root, config, scanOf(root, [site]));
    const plan = planRun(inputs, createPlanDeps(config), { tiers: [1] });
    assert.match(plan.requests[0].request.system ?? '', /Respond with only a JSON value of this shape: \{orderId:string\|null\}/);
    const run = await runProfile(plan, inputs, { credentials: { keys: { openai: 'sk-test-openai-000000000' }, baseURLs: { openai: `${server.url}/v1` } } });
    assert.equal(run.completed, 1);
    const body = JSON.parse(server.requests[0].body) as { response_format?: { type: string }; model: string };
    assert.deepEqual([body.model, body.response_format?.type], ['gpt-5-mini', 'json_object']);
  } finally {
    await server.close();
  }
});

test('with an Anthropic key the dry run uses exact counts from messages.countTokens', async () => {
  const { startFakeModelServer, fakeTokens } = await import('../../support/fakeModelServer');
  const { refineWithCountTokens } = await import('../../../src/profiling/api');
  const server = await startFakeModelServer();
  try {
    const root = workspace({ classification: '{"id":"a","vars":{"ticket":"refund me twice please"},"expected":"billing"}\n' });
    const config = testConfig(root);
    const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
    const plan = planRun(inputs, createPlanDeps(config));
    const exact = await refineWithCountTokens(plan, config, { keys: { anthropic: 'sk-ant-count-000000000' }, baseURLs: { anthropic: server.url } });
    const request = exact.requests[0].request;
    assert.equal(exact.requests[0].estInputTokens, fakeTokens([request.system, ...request.messages.map((m) => m.content)].join('\n')));
    assert.match(exact.tokenMethod, /count_tokens/);
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 2);
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, 0, 'the dry run sends no generation');
    const none = await refineWithCountTokens(plan, config, { keys: {} });
    assert.equal(none, plan);
  } finally {
    await server.close();
  }
});
