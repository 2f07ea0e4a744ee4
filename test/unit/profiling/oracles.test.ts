import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOracle } from '../../../src/profiling/api';
import type { Sample } from '../../../src/profiling/api';
import { isTierwiseError } from '../../../src/engine/api';
import { startFakeModelServer } from '../../support/fakeModelServer';
import { createAnthropicClient } from '../../../src/profiling/providers/anthropic';
import { workspace } from './helpers';

const sample = (expected: unknown, id = 's1'): Sample => ({ id, expected, file: 'tierwise/samples/x.jsonl', line: 1 });
const ctx = (root: string) => ({ root, task: 'classification' as const, configFile: join(root, 'tierwise.yml') });

test('label oracles: exact match and label-in-set reject labels outside the set', async () => {
  const root = workspace({});
  const exact = await createOracle('exact', ctx(root));
  assert.equal((await exact.grade(' Billing.\n', sample('billing'))).pass, true);
  assert.equal((await exact.grade('bug', sample('billing'))).pass, false);
  const inSet = await createOracle('label-in-set:billing,bug,feature', ctx(root));
  const outside = await inSet.grade('refund', sample(undefined));
  assert.equal(outside.pass, false);
  assert.match(outside.reason, /outside the set/);
  assert.equal((await inSet.grade('bug', sample(undefined))).pass, true);
  assert.equal((await inSet.grade('bug', sample('billing'))).pass, false, 'in the set but not the expected label');
});

test('regex, contains and numeric tolerance oracles', async () => {
  const root = workspace({});
  const regex = await createOracle('regex:^(yes|no)$', ctx(root));
  assert.equal((await regex.grade('Yes', sample(undefined))).pass, true);
  assert.equal((await regex.grade('maybe', sample(undefined))).pass, false);
  const contains = await createOracle('contains', ctx(root));
  const partial = await contains.grade('Refund of $200 issued', sample(['$200', 'refund', 'tracking']));
  assert.equal(partial.pass, false);
  assert.ok(Math.abs(partial.score - 2 / 3) < 1e-9);
  const absolute = await createOracle('numeric:0.5', ctx(root));
  assert.equal((await absolute.grade('The total is 1,041.3 USD', sample(1041))).pass, true);
  assert.equal((await absolute.grade('1042', sample(1041))).pass, false);
  const relative = await createOracle('numeric:5%', ctx(root));
  assert.equal((await relative.grade('104', sample(100))).pass, true);
  assert.equal((await relative.grade('106', sample(100))).pass, false);
});

test('json-schema validity plus per-field accuracy with a threshold', async () => {
  const root = workspace({});
  mkdirSync(join(root, 'schemas'));
  writeFileSync(join(root, 'schemas', 'order.json'), JSON.stringify({ type: 'object', required: ['orderId', 'amount'], properties: { orderId: { type: 'string' }, amount: { type: 'number' } } }));
  const oracle = await createOracle('json-schema:schemas/order.json + fields:0.5', ctx(root));
  const expected = { orderId: 'A-1', amount: 10 };
  assert.equal((await oracle.grade('```json\n{"orderId": "A-1", "amount": 10}\n```', sample(expected))).pass, true);
  const halfRight = await oracle.grade('{"orderId": "A-1", "amount": 12}', sample(expected));
  assert.equal(halfRight.pass, true, '1 of 2 fields meets the 0.5 threshold');
  const invalid = await oracle.grade('{"orderId": 7, "amount": 10}', sample(expected));
  assert.equal(invalid.pass, false);
  assert.match(invalid.reason, /schema errors/);
  assert.equal((await oracle.grade('not json at all', sample(expected))).pass, false);
});

test('user oracle modules (.mjs and .ts) are loaded; the version changes with the module source', async () => {
  const root = workspace({});
  mkdirSync(join(root, 'tierwise', 'oracles'), { recursive: true });
  const file = join(root, 'tierwise', 'oracles', 'summary.mjs');
  writeFileSync(file, 'export default (output, sample) => ({ pass: output.length <= sample.expected, score: 1, reason: "length" });\n');
  const first = await createOracle('./tierwise/oracles/summary.mjs', ctx(root));
  assert.equal((await first.grade('short', sample(10))).pass, true);
  assert.equal((await first.grade('much too long for it', sample(10))).pass, false);
  writeFileSync(file, 'export default (output) => ({ pass: output.includes("next step"), score: 1, reason: "next step" });\n');
  const second = await createOracle('./tierwise/oracles/summary.mjs', ctx(root));
  assert.notEqual(first.version, second.version, 'the oracle version follows its source');
  writeFileSync(join(root, 'tierwise', 'oracles', 'typed.ts'), 'export default (output: string) => ({ pass: output.trim() === "ok", score: 1, reason: "typed" });\n');
  const typed = await createOracle('./tierwise/oracles/typed.ts', ctx(root));
  assert.equal((await typed.grade(' ok ', sample(undefined))).pass, true);
});

test('bad specs are errors naming tasks.<task>.oracle and the fix', async () => {
  const root = workspace({});
  for (const spec of ['label-in-set:', 'fields:1.5', 'json-schema:missing.json', 'nonsense', 'regex:(', './nope.mjs']) {
    await assert.rejects(() => createOracle(spec, ctx(root)), (e: unknown) => isTierwiseError(e) && e.field === 'tasks.classification.oracle' && e.fix.length > 0, spec);
  }
});

test('the llm-rubric oracle grades with the configured cheap model and reports its cost separately', async () => {
  const server = await startFakeModelServer({ answer: ({ prompt }) => (prompt.includes('<<<\n- next step') ? '{"pass": true, "score": 0.9, "reason": "has the next step"}' : '{"pass": false, "score": 0.2, "reason": "no next step"}') });
  try {
    const root = workspace({});
    const client = createAnthropicClient({ provider: 'anthropic', apiKey: 'sk-ant-grader-0000000000', baseURL: server.url, concurrency: 1 }, 5000);
    const oracle = await createOracle('llm-rubric:The summary names the next step', { ...ctx(root), grader: () => ({ client, model: 'claude-haiku-4-5', price: { inputPerMTok: 1, outputPerMTok: 5, batchDiscount: 0.5 }, timeoutMs: 5000 }) });
    assert.equal(oracle.usesModel, true);
    const good = await oracle.grade('- next step: call the customer', sample(undefined));
    assert.deepEqual([good.pass, good.score], [true, 0.9]);
    assert.ok((good.graderCostUsd ?? 0) > 0);
    assert.equal((await oracle.grade('- nothing', sample(undefined))).pass, false);
    assert.deepEqual(server.countByModel(), { 'claude-haiku-4-5': 2 });
  } finally {
    await server.close();
  }
});
