/**
 * Profiling against a model server that misbehaves, and a disk or log that does (docs/attacks.md,
 * issue 17 items 6-11): huge and trickling bodies, day-long retry-after, usage above max_tokens,
 * a results log that cannot be written or holds garbage, two runs at once, keys in model output,
 * and an oracle that throws in batch mode. All through the real SDK clients against the fake server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { startFakeModelServer } from '../../support/fakeModelServer';
import type { FakeServerOptions, LoggedRequest } from '../../support/fakeModelServer';
import { createPlanDeps, loadProfilingInputs, planRun, readResultsLog, runProfile, summarize } from '../../../src/profiling/api';
import type { ResultRecord } from '../../../src/profiling/api';
import { isTierwiseError } from '../../../src/engine/api';
import type { TierwiseConfig } from '../../../src/engine/api';
import { FAST_RETRY, callSite, classificationSamples, labelScript, scanOf, testConfig, workspace } from './helpers';

const KEY = 'sk-ant-api03-hostile-key-abcdefghijklmnop';

async function fixture(n: number, serverOptions: FakeServerOptions = {}, edit: (c: TierwiseConfig) => void = () => {}) {
  const server = await startFakeModelServer({ answer: labelScript, ...serverOptions });
  const root = workspace({ classification: classificationSamples(n, () => false) });
  const config = testConfig(root, (c) => {
    c.tiers = [c.tiers[0]];
    c.profiling.providers.anthropic = { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 2 };
    edit(c);
  });
  const inputs = await loadProfilingInputs(root, config, scanOf(root, [callSite('classification')]));
  const deps = createPlanDeps(config);
  const plan = planRun(inputs, deps);
  const credentials = { keys: { anthropic: KEY }, baseURLs: { anthropic: server.url } };
  return { server, root, config, inputs, deps, plan, credentials };
}

const generations = (server: { requests: LoggedRequest[] }) => server.requests.filter((r) => r.path === '/v1/messages');
const results = (file: string) => readResultsLog(file).filter((r): r is ResultRecord => r.type === 'result');

test('bodies above the 16 MiB cap are cut off, not read into memory, recorded as errors and not retried', { timeout: 60_000 }, async () => {
  const { server, inputs, plan, credentials } = await fixture(4);
  try {
    server.inject({ kind: 'huge-body', bytes: 48 * 1024 * 1024 }, { count: 1 });
    server.inject({ kind: 'huge-body', bytes: 48 * 1024 * 1024, declareLength: true }, { count: 1 });
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    assert.equal(run.completed, 2);
    assert.equal(run.errors, 2);
    const errors = results(plan.resultsFile).filter((r) => !r.ok);
    assert.deepEqual(errors.map((e) => e.error?.kind), ['malformed', 'malformed']);
    assert.ok(errors.every((e) => /larger than the 16 MiB limit/.test(e.error?.message ?? '')), JSON.stringify(errors.map((e) => e.error)));
    const huge = generations(server).filter((r) => r.fault === 'huge-body');
    assert.equal(huge.length, 2, 'an oversized body is not asked for again');
    for (const r of huge) assert.ok((r.bytesSent ?? 0) < 40 * 1024 * 1024, `the client kept reading: ${r.bytesSent} bytes sent`);
    assert.ok(readFileSync(plan.resultsFile).length < 64 * 1024, 'the results log stays small');
    assert.match(run.notes.join('\n'), /larger than the 16 MiB limit/);
  } finally {
    await server.close();
  }
});

test('a body trickling one byte at a time is timed out as a whole response', { timeout: 60_000 }, async () => {
  const { server, inputs, plan, credentials } = await fixture(2);
  try {
    server.inject({ kind: 'trickle', intervalMs: 100 }, { count: 2 });
    const started = Date.now();
    const run = await runProfile(plan, inputs, { credentials, retry: { ...FAST_RETRY, maxRetries: 1 }, timeoutMs: 1_000 });
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    assert.equal(run.completed + run.errors, 2);
    const trickled = generations(server).filter((r) => r.fault === 'trickle');
    assert.ok(trickled.length >= 1);
    assert.ok(trickled.every((r) => (r.bytesSent ?? 0) <= 15), 'each trickle was cut off after about a second');
  } finally {
    await server.close();
  }
});

test('retry-after: 86400 stops that provider with a message instead of pausing for a day; a re-run resumes', { timeout: 60_000 }, async () => {
  const { server, inputs, deps, plan, credentials } = await fixture(6);
  try {
    server.inject({ kind: 'rate-limit', retryAfterSec: 86_400 }, { count: 1 });
    const started = Date.now();
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    assert.ok(Date.now() - started < 10_000);
    assert.match(run.stoppedReason ?? '', /asked to wait 24 h before retrying \(retry-after\).*at most 2 min/);
    assert.equal(results(plan.resultsFile).filter((r) => !r.ok).length, 0, 'the throttled request is not an error: it is resumable');
    const again = await runProfile(planRun(inputs, deps), inputs, { credentials, retry: FAST_RETRY });
    assert.equal(again.skippedDone + again.completed, 6);
  } finally {
    await server.close();
  }
});

test('a server reporting more output tokens than max_tokens cannot push spending past the cap', { timeout: 60_000 }, async () => {
  const { server, inputs, plan, credentials } = await fixture(16, {}, (c) => (c.profiling.providers.anthropic = { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 8 }));
  try {
    server.inject({ kind: 'usage-above-max', factor: 8 }, { count: 100 });
    const worst = plan.requests[0].maxCostUsd ?? 0;
    const budgetUsd = worst * 8;
    const run = await runProfile(plan, inputs, { credentials, budgetUsd, retry: FAST_RETRY });
    assert.ok(run.spentUsd <= budgetUsd + 1e-12, `spent $${run.spentUsd} on a $${budgetUsd} cap`);
    assert.ok(run.completed >= 1 && run.completed < 16);
    assert.match(run.stoppedReason ?? '', /budget/);
    assert.match(run.notes.join('\n'), /reported \d+ output tokens for max_tokens 20/);
    const logged = results(plan.resultsFile).reduce((sum, r) => sum + r.costUsd, 0);
    assert.ok(Math.abs(logged - run.spentUsd) < 1e-12, 'the log books the reported usage');
  } finally {
    await server.close();
  }
});

test('a results log that cannot be written (disk full) stops the run: nothing is sent twice, received results are kept', { timeout: 60_000 }, async () => {
  const { server, inputs, plan, credentials } = await fixture(6);
  try {
    mkdirSync(dirname(plan.resultsFile), { recursive: true });
    symlinkSync('/dev/full', plan.resultsFile);
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    assert.match(run.stoppedReason ?? '', /could not be written \(ENOSPC\)/);
    const sent = generations(server);
    assert.ok(sent.length >= 1 && sent.length < 6, `sent ${sent.length}`);
    assert.equal(run.unsaved.length, sent.length, 'every paid response is kept, none is asked for twice');
    assert.deepEqual(new Set(run.unsaved.map((r) => r.key)).size, sent.length);
    assert.ok(run.unsaved.every((r) => r.ok && r.output));
  } finally {
    await server.close();
  }
});

test('malformed log lines (a bare {"type":"result"}, garbage, a torn line) are skipped, never fatal', { timeout: 60_000 }, async () => {
  const { server, config, inputs, deps, plan, credentials } = await fixture(4);
  try {
    await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    appendFileSync(plan.resultsFile, '{"type":"result"}\n{"type":"result","key":1}\nnot json\n[1,2]\n{"type":"batch"}\n{"type":"res');
    const skipped: number[] = [];
    const records = readResultsLog(plan.resultsFile, (s) => skipped.push(s.line));
    assert.equal(records.length, 4);
    assert.deepEqual(skipped, [5, 6, 7, 8, 9, 10]);
    const summary = summarize(plan.resultsFile, config, (m) => deps.price(m, 'anthropic'));
    assert.equal(summary.rows[0].samples, 4);
    const again = await runProfile(planRun(inputs, deps), inputs, { credentials });
    assert.equal(again.skippedDone, 4);
  } finally {
    await server.close();
  }
});

test('two runs on the same results log never send a request twice: the second waits for the lock, then refuses', { timeout: 60_000 }, async () => {
  const { server, inputs, deps, plan, credentials } = await fixture(24, { latencyMs: 400 }, (c) => (c.profiling.providers.anthropic = { apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 1 }));
  try {
    const first = runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    await new Promise((r) => setTimeout(r, 300));
    const second = runProfile(planRun(inputs, deps), inputs, { credentials, retry: FAST_RETRY }).then(
      (summary) => ({ summary }),
      (error: unknown) => ({ error }),
    );
    const [done, other] = await Promise.all([first, second]);
    assert.equal(done.completed, 24);
    assert.ok('error' in other, 'the second run was refused while the first held the lock');
    assert.ok(isTierwiseError(other.error) && other.error.code === 'results-locked', String(other.error));
    assert.equal(generations(server).length, 24, 'no request was sent twice');
  } finally {
    await server.close();
  }
});

test('an API key that comes back inside a model output is redacted from the results log', async () => {
  const { server, inputs, plan, credentials } = await fixture(2, { answer: () => `here is your key: ${KEY}` });
  try {
    const run = await runProfile(plan, inputs, { credentials, retry: FAST_RETRY });
    assert.equal(run.completed, 2);
    const text = readFileSync(plan.resultsFile, 'utf8');
    assert.ok(!text.includes(KEY), 'the key was written to the results log');
    assert.match(text, /here is your key: \[redacted\]/);
  } finally {
    await server.close();
  }
});

test('an oracle that throws is a failed grade in batch mode, exactly as in direct mode', { timeout: 60_000 }, async () => {
  const { server, inputs, deps, plan, credentials } = await fixture(3);
  try {
    const throwing = { ...inputs.tasks[0].oracle, grade: async () => { throw new Error('oracle exploded'); } };
    const broken = { ...inputs, tasks: [{ ...inputs.tasks[0], oracle: throwing }] };
    await runProfile(plan, broken, { credentials, retry: FAST_RETRY });
    const batchPlan = planRun(inputs, deps, { batch: true, resultsFile: `${plan.resultsFile}.batch.jsonl` });
    await runProfile(batchPlan, broken, { credentials, batch: true, batchPollMs: 10 });
    const shape = (r: ResultRecord) => ({ ok: r.ok, pass: r.pass, reason: r.reason });
    const direct = results(plan.resultsFile).map(shape);
    const batch = results(batchPlan.resultsFile).map(shape);
    assert.deepEqual(batch, direct);
    assert.deepEqual(direct[0], { ok: true, pass: false, reason: 'oracle failed: oracle exploded' });
  } finally {
    await server.close();
  }
});
