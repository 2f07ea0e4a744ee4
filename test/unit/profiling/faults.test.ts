import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFakeModelServer } from '../../support/fakeModelServer';
import type { FakeServerOptions, LoggedRequest } from '../../support/fakeModelServer';
import { createPlanDeps, loadProfilingInputs, planRun, readResultsLog, runProfile } from '../../../src/profiling/api';
import type { ResultRecord } from '../../../src/profiling/api';
import { isTierwiseError } from '../../../src/engine/api';
import { FAST_RETRY, callSite, classificationSamples, labelScript, scanOf, testConfig, workspace } from './helpers';

const KEY = 'sk-ant-api03-secret-key-abcdefghijklmnop';

async function fixture(n: number, serverOptions: FakeServerOptions = {}, concurrency = 4) {
  const server = await startFakeModelServer({ answer: labelScript, ...serverOptions });
  const root = workspace({ classification: classificationSamples(n, () => false) });
  const config = testConfig(root, (c) => {
    c.tiers = [c.tiers[0]];
    c.profiling.providers.anthropic = { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency };
  });
  const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
  const plan = planRun(inputs, createPlanDeps(config));
  const credentials = { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } };
  return { server, root, config, inputs, plan, credentials };
}

const generations = (server: { requests: LoggedRequest[] }) => server.requests.filter((r) => r.path === '/v1/messages');

test('a 429 storm completes, and no request reaches the server before the retry-after instant', async () => {
  const { server, inputs, plan, credentials } = await fixture(12, {}, 3);
  try {
    server.inject({ kind: 'rate-limit', retryAfterSec: 1 }, { count: 2 });
    server.inject({ kind: 'rate-limit', retryAfterMs: 600 }, { count: 3 });
    const backoffs: number[] = [];
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY, onProgress: (e) => e.backoff && backoffs.push(e.backoff.untilMs) });
    assert.equal(run.completed, 12);
    assert.equal(run.errors, 0);
    const all = generations(server);
    assert.equal(all.length, 12 + 5, 'each 429 costs exactly one extra request');
    assert.ok(backoffs.includes(1000) && backoffs.includes(600), `progress reported the back-offs: ${backoffs}`);
    const limitedRequests = all.filter((r) => r.status === 429);
    assert.equal(limitedRequests.length, 5);
    for (const [index, r] of limitedRequests.entries()) {
      const wait = index < 2 ? 1000 : 600;
      // Requests already in flight when the 429 was sent may land a moment later; nothing new may.
      const early = all.filter((o) => o.at > r.at + 150 && o.at < r.at + wait);
      assert.deepEqual(early, [], `requests arrived inside the retry-after window of a 429 at ${r.at}`);
    }
  } finally {
    await server.close();
  }
});

test('5xx, 529, dropped connections and timeouts are retried; malformed bodies are recorded as errors', async () => {
  const { server, inputs, plan, credentials } = await fixture(10, {}, 2);
  try {
    server.inject({ kind: 'server-error' }, { count: 2 });
    server.inject({ kind: 'overloaded' }, { count: 1 });
    server.inject({ kind: 'drop' }, { count: 1 });
    server.inject({ kind: 'slow', ms: 1500 }, { count: 1 });
    const run = await runProfile(plan, inputs, { credentials, retry: { ...FAST_RETRY, maxRetries: 3 }, timeoutMs: 300 });
    assert.equal(run.completed, 10);
    assert.equal(run.errors, 0);
    assert.equal(generations(server).length, 10 + 5, 'each transient failure costs one retry');

    const root2 = await fixture(4, {}, 1);
    try {
      root2.server.inject({ kind: 'malformed' }, { count: 1 });
      root2.server.inject({ kind: 'no-usage' }, { count: 1 });
      const broken = await runProfile(root2.plan, root2.inputs, { credentials: root2.credentials, retry: FAST_RETRY });
      assert.equal(broken.completed, 2);
      assert.equal(broken.errors, 2);
      const errors = (readResultsLog(root2.plan.resultsFile) as ResultRecord[]).filter((r) => !r.ok);
      assert.deepEqual(errors.map((e) => e.error?.kind), ['malformed', 'malformed']);
      assert.equal(generations(root2.server).length, 4, 'malformed bodies are not retried');
    } finally {
      await root2.server.close();
    }
  } finally {
    await server.close();
  }
});

test('the budget cap holds: requests stop before the spend could exceed it', async () => {
  const { server, inputs, plan, credentials } = await fixture(40, {}, 4);
  try {
    const perRequestMax = plan.requests[0].maxCostUsd ?? 0;
    assert.ok(perRequestMax > 0);
    const budgetUsd = perRequestMax * 10.5;
    const run = await runProfile(plan, inputs, { credentials, budgetUsd, retry: FAST_RETRY });
    assert.ok(run.spentUsd <= budgetUsd, `spent ${run.spentUsd} > cap ${budgetUsd}`);
    assert.ok(run.budgetSkipped > 0 && run.completed < 40);
    assert.match(run.stoppedReason ?? '', /budget/);
    const logged = (readResultsLog(plan.resultsFile) as ResultRecord[]).reduce((s, r) => s + r.costUsd, 0);
    assert.ok(logged <= budgetUsd);
    assert.equal(generations(server).length, run.completed);
  } finally {
    await server.close();
  }
});

test('cancellation stops promptly: no new request after abort, in-flight ones are not recorded', async () => {
  const { server, inputs, plan, credentials } = await fixture(30, { latencyMs: 150 }, 2);
  try {
    const controller = new AbortController();
    let abortedAt = 0;
    const running = runProfile(plan, inputs, {
      credentials, signal: controller.signal,
      onProgress: (e) => {
        if (e.done >= 4 && !abortedAt) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    const run = await running;
    assert.equal(run.cancelled, true);
    assert.ok(run.completed >= 4 && run.completed < 30);
    // A request the runner started before the abort may reach the handler a moment later; a new one
    // could only start after a 150ms response frees a slot.
    const late = generations(server).filter((r) => r.at > abortedAt + 100);
    assert.deepEqual(late, []);
    assert.equal(readResultsLog(plan.resultsFile).length, run.completed);
  } finally {
    await server.close();
  }
});

test('a missing key fails before any request, naming the variable', async () => {
  const { server, inputs, plan } = await fixture(3);
  try {
    await assert.rejects(
      () => runProfile(plan, inputs, { credentials: { keys: {}, baseURLs: { anthropic: server.url } } }),
      (error: unknown) => isTierwiseError(error) && error.code === 'missing-api-key' && /ANTHROPIC_API_KEY/.test(error.message),
    );
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('keys never appear in the results log, even when the server echoes them in an error', async () => {
  const { server, inputs, plan, credentials } = await fixture(3, { requireKey: 'sk-ant-some-other-valid-key-000000' });
  try {
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    assert.equal(run.errors, 3);
    const sentKey = (h: Record<string, unknown>) => h['x-api-key'] === KEY || h.authorization === `Bearer ${KEY}`;
    assert.ok(server.requests.every((r) => sentKey(r.headers)), 'the key was sent to the server');
    const text = readFileSync(plan.resultsFile, 'utf8');
    assert.ok(!text.includes(KEY), 'key leaked into the results log');
    assert.match(text, /\[redacted\]/);
    assert.ok((readResultsLog(plan.resultsFile) as ResultRecord[]).every((r) => r.error?.kind === 'auth'));
  } finally {
    await server.close();
  }
});
