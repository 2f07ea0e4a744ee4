import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer } from '../../support/fakeModelServer';
import { createPlanDeps, loadProfilingInputs, planRun, readResultsLog, runProfile, summarize } from '../../../src/profiling/api';
import type { ResultRecord } from '../../../src/profiling/api';
import { FAST_RETRY, callSite, classificationSamples, labelScript, scanOf, testConfig, workspace } from './helpers';

const KEY = 'sk-ant-test-key-0123456789abcdef';

async function setup(n: number, hard: (i: number) => boolean, edit?: Parameters<typeof testConfig>[1]) {
  const root = workspace({ classification: classificationSamples(n, hard) });
  const config = testConfig(root, edit);
  const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
  const deps = createPlanDeps(config);
  return { root, config, inputs, deps, plan: planRun(inputs, deps) };
}

test('pass rates per tier and the routing decision come from the oracle over real SDK responses', async () => {
  const server = await startFakeModelServer({ answer: labelScript });
  try {
    // 20 samples, 3 hard ones: haiku fails 3 (85%), sonnet passes all.
    const { config, inputs, deps, plan } = await setup(20, (i) => i % 7 === 0 || i === 20);
    assert.equal(plan.requests.length, 40);
    const run = await runProfile(plan, inputs, { credentials: { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } }, retry: FAST_RETRY });
    assert.equal(run.completed, 40);
    assert.equal(run.errors, 0);
    assert.deepEqual(server.countByModel(), { 'claude-haiku-4-5': 20, 'claude-sonnet-4-6': 20 });
    const summary = summarize(plan.resultsFile, config, (m) => deps.price(m, 'anthropic'));
    const haiku = summary.rows.find((r) => r.model === 'claude-haiku-4-5');
    const sonnet = summary.rows.find((r) => r.model === 'claude-sonnet-4-6');
    assert.equal(haiku?.passed, 17);
    assert.equal(haiku?.passRate, 0.85);
    assert.equal(sonnet?.passRate, 1);
    assert.ok(haiku && haiku.interval[0] < 0.85 && haiku.interval[1] > 0.85);
    // 85% is in [monitorPassRate 0.85, tier1PassRate 0.95): tier 1 with monitoring.
    assert.deepEqual([summary.decisions[0].tier, summary.decisions[0].mode], [1, 'monitor']);
    assert.ok(summary.totalCostUsd > 0);
    const records = readResultsLog(plan.resultsFile) as ResultRecord[];
    assert.equal(records.length, 40);
    assert.ok(records.every((r) => r.servedModel === r.model && r.inputTokens > 0 && r.oracleVersion === inputs.tasks[0].oracle.version));
  } finally {
    await server.close();
  }
});

test('a re-run resumes: finished (sample, model) pairs are not sent again', async () => {
  const server = await startFakeModelServer({ answer: labelScript });
  try {
    const { inputs, deps, config } = await setup(6, () => false);
    const credentials = { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } };
    const first = await runProfile(planRun(inputs, deps), inputs, { credentials, budgetUsd: 100 });
    assert.equal(first.completed, 12);
    const again = planRun(inputs, deps);
    assert.equal(again.alreadyDone, 12);
    const second = await runProfile(again, inputs, { credentials });
    assert.equal(second.completed, 0);
    assert.equal(second.skippedDone, 12);
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, 12);
    assert.equal(readResultsLog(again.resultsFile).length, 12);
    assert.equal(config.profiling.budgetUsd, 100);
  } finally {
    await server.close();
  }
});

test('when the oracle changes, stored outputs are re-graded without new requests', async () => {
  const { regradeStale } = await import('../../../src/profiling/api');
  const server = await startFakeModelServer({ answer: labelScript });
  try {
    const { root, inputs, deps, plan } = await setup(5, () => false, (c) => (c.tiers = [c.tiers[0]]));
    await runProfile(plan, inputs, { credentials: { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } } });
    const stricter = await loadProfilingInputs(root, testConfig(root, (c) => { c.tiers = [c.tiers[0]]; c.tasks.classification.oracle = 'regex:^never$'; }), scanOf(root, [callSite('classification')]));
    const { records, regraded } = await regradeStale(readResultsLog(plan.resultsFile), stricter);
    assert.equal(regraded, 5);
    const summary = summarize(records, stricter.config, (m) => deps.price(m, 'anthropic'));
    assert.equal(summary.rows[0].passRate, 0);
    assert.deepEqual(summary.rows[0].oracleVersions, [stricter.tasks[0].oracle.version]);
    assert.equal(server.requests.length, 5);
  } finally {
    await server.close();
  }
});

test('every tier runs at once, within the provider concurrency bound', async () => {
  const server = await startFakeModelServer({ answer: labelScript, latencyMs: 60 });
  try {
    const { inputs, plan } = await setup(12, () => false, (c) => (c.profiling.providers.anthropic = { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 3 }));
    await runProfile(plan, inputs, { credentials: { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } } });
    assert.equal(server.peakInFlight(), 3, 'never more than the provider limit in flight, and the limit is used');
    const firstThree = server.requests.slice(0, 3).map((r) => r.model);
    assert.ok(firstThree.includes('claude-haiku-4-5') && firstThree.includes('claude-sonnet-4-6'), `tiers interleave: ${firstThree}`);
  } finally {
    await server.close();
  }
});
