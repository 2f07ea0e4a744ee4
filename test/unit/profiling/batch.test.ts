import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer } from '../../support/fakeModelServer';
import { createPlanDeps, loadProfilingInputs, planRun, readResultsLog, runProfile, summarize } from '../../../src/profiling/api';
import type { BatchRecord, ResultRecord } from '../../../src/profiling/api';
import { callSite, classificationSamples, labelScript, scanOf, testConfig, workspace } from './helpers';

const KEY = 'sk-ant-batch-key-1234567890';

test('batch mode submits once, and after a restart resumes polling by batch id instead of resubmitting', async () => {
  const server = await startFakeModelServer({ answer: labelScript, batchPollsUntilEnded: Number.POSITIVE_INFINITY });
  try {
    const root = workspace({ classification: classificationSamples(8, (i) => i <= 2) });
    const config = testConfig(root);
    const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
    const deps = createPlanDeps(config);
    const plan = planRun(inputs, deps, { batch: true });
    const direct = planRun(inputs, deps, { batch: false, resultsFile: `${plan.resultsFile}.direct` });
    assert.ok(Math.abs(plan.estimatedCostUsd - direct.estimatedCostUsd / 2) < 1e-12, 'batch estimates are half price');
    const credentials = { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } };

    // First run: submit, then "crash" (cancel) while the batches are still processing.
    const controller = new AbortController();
    const first = runProfile(plan, inputs, { credentials, batch: true, batchPollMs: 10, signal: controller.signal });
    while (readResultsLog(plan.resultsFile).filter((r) => r.type === 'batch').length < 2) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const cancelled = await first;
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.completed, 0);
    const batches = readResultsLog(plan.resultsFile).filter((r): r is BatchRecord => r.type === 'batch');
    assert.equal(batches.length, 2, 'one batch per model, recorded in the log');

    // Restart: the batches end; the runner polls them by id and collects, without a new submission.
    server.endAllBatches();
    const resumed = await runProfile(planRun(inputs, deps, { batch: true }), inputs, { credentials, batch: true, batchPollMs: 10 });
    assert.equal(resumed.completed, 16);
    const creates = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
    assert.equal(creates.length, 2, 'no resubmission after the restart');
    const results = readResultsLog(plan.resultsFile).filter((r): r is ResultRecord => r.type === 'result');
    assert.equal(results.length, 16);
    assert.ok(results.every((r) => r.batchId && batches.some((b) => b.batchId === r.batchId)));
    const summary = summarize(plan.resultsFile, config, (m) => deps.price(m, 'anthropic'));
    assert.equal(summary.rows.find((r) => r.model === 'claude-haiku-4-5')?.passed, 6);
    // Half price: the recorded cost is half the list price of the measured tokens.
    const one = results[0];
    const price = deps.price(one.model, 'anthropic');
    assert.ok(price);
    const list = (one.inputTokens * price.inputPerMTok + one.outputTokens * price.outputPerMTok) / 1e6;
    assert.ok(Math.abs(one.costUsd - list / 2) < 1e-12);
  } finally {
    await server.close();
  }
});
