import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDecisions, decide, summarize, wilsonInterval } from '../../../src/profiling/api';
import type { ResultRecord, TierResult } from '../../../src/profiling/api';
import { retryAfterMs } from '../../../src/profiling/providers/classify';
import { scrubSecrets } from '../../../src/profiling/providers/scrub';
import { testConfig, workspace } from './helpers';

test('Wilson 95% interval matches reference values', () => {
  const [low, high] = wilsonInterval(17, 20);
  assert.ok(Math.abs(low - 0.6396) < 1e-3 && Math.abs(high - 0.9476) < 1e-3, `${low} ${high}`);
  const [l0, h0] = wilsonInterval(0, 10);
  assert.equal(l0, 0);
  assert.ok(Math.abs(h0 - 0.2775) < 1e-3);
  assert.deepEqual(wilsonInterval(0, 0), [0, 0]);
});

function row(tier: number, passRate: number): TierResult {
  return { task: 'classification', tier, model: `m${tier}`, samples: 20, graded: 20, passed: passRate * 20, errors: 0, passRate, interval: [0, 1], meanScore: passRate, latencyP50Ms: 1, latencyP95Ms: 1, meanInputTokens: 1, meanOutputTokens: 1, costUsd: 0, graderCostUsd: 0, projectedMonthlyUsd: null, oracleVersions: [], runAt: '' };
}

test('decisions follow the routing thresholds of the config', () => {
  const config = testConfig(workspace({}));
  assert.deepEqual(pick(decide(config, [row(1, 0.95), row(2, 1)])), [1, 'route']);
  assert.deepEqual(pick(decide(config, [row(1, 0.9), row(2, 1)])), [1, 'monitor']);
  assert.deepEqual(pick(decide(config, [row(1, 0.8), row(2, 0.95)])), [2, 'route']);
  assert.deepEqual(pick(decide(config, [row(1, 0.5), row(2, 0.6)])), [2, 'fallback']);
  config.routing.tier1PassRate = 0.99;
  config.routing.monitorPassRate = 0.97;
  assert.deepEqual(pick(decide(config, [row(1, 0.95), row(2, 1)])), [2, 'route']);
});
const pick = (d: ReturnType<typeof decide>) => [d?.tier, d?.mode];

test('a run cancelled early gives no routing decision, and --apply leaves the config alone', () => {
  const config = testConfig(workspace({}));
  // 8 requests finished before the cancel: 4 per tier, all passing on tier 1.
  const thin = [{ ...row(1, 1), graded: 4, samples: 4, passed: 4 }, { ...row(2, 1), graded: 4, samples: 4, passed: 4 }];
  const decision = decide(config, thin);
  assert.equal(decision?.mode, 'insufficient');
  assert.match(decision?.reason ?? '', /4 graded samples, fewer than routing.minProfilingSamples = 10/);
  const text = 'tasks:\n  classification:\n    defaultTier: 3\n';
  assert.equal(applyDecisions(text, decision ? [decision] : []).text, text);
  config.routing.minProfilingSamples = 4;
  assert.deepEqual(pick(decide(config, thin)), [1, 'route']);
});

test('summaries count the last result per request and keep errors out of the pass rate', () => {
  const config = testConfig(workspace({}));
  const base = { type: 'result', runId: 'r', task: 'classification', tier: 1, model: 'claude-haiku-4-5', provider: 'anthropic', callSiteId: null, oracleVersion: 'v', inputTokens: 100, outputTokens: 10, costUsd: 0.001, attempts: 1, at: '2026-01-01T00:00:00Z' } as const;
  const records: ResultRecord[] = [
    { ...base, key: 'a', sampleId: 'a', ok: false, error: { kind: 'server', message: 'x' }, latencyMs: 0 },
    { ...base, key: 'a', sampleId: 'a', ok: true, pass: true, score: 1, latencyMs: 100 },
    { ...base, key: 'b', sampleId: 'b', ok: true, pass: false, score: 0, latencyMs: 300 },
    { ...base, key: 'c', sampleId: 'c', ok: false, error: { kind: 'malformed', message: 'x' }, latencyMs: 0 },
  ];
  const summary = summarize(records, config, () => ({ inputPerMTok: 1, outputPerMTok: 5, batchDiscount: 0.5 }));
  const [r] = summary.rows;
  assert.deepEqual([r.samples, r.graded, r.passed, r.errors, r.passRate], [3, 2, 1, 1, 0.5]);
  assert.deepEqual([r.latencyP50Ms, r.latencyP95Ms], [100, 300]);
  // 30,000 requests/month x (100 x $1 + 10 x $5) / 1M
  assert.ok(Math.abs((r.projectedMonthlyUsd ?? 0) - 4.5) < 1e-9);
});

test('applyDecisions edits tierwise.yml in place, keeps comments, and returns a unified diff', () => {
  const text = '# my config\ntasks:\n  classification:\n    oracle: exact # the label\nrouting:\n  tier1PassRate: 0.95\n';
  const { text: next, diff } = applyDecisions(text, [{ task: 'classification', tier: 1, model: 'claude-haiku-4-5', mode: 'route', passRate: 0.97, reason: '', projectedMonthlyUsd: 1, requestsPerMonth: 1 }]);
  assert.match(next, /# my config/);
  assert.match(next, /oracle: exact # the label\n\s+# tierwise profile: claude-haiku-4-5 route \(97\.0% pass\)\n\s+defaultTier: 1\n/);
  assert.match(diff, /^--- a\/tierwise.yml\n\+\+\+ b\/tierwise.yml\n@@ /);
  assert.match(diff, /\n\+    defaultTier: 1\n/);
  assert.equal(applyDecisions(next, [{ task: 'classification', tier: 1, model: 'claude-haiku-4-5', mode: 'route', passRate: 0.97, reason: '', projectedMonthlyUsd: 1, requestsPerMonth: 1 }]).diff, '');
});

test('retry-after is read from retry-after-ms, seconds or an HTTP date', () => {
  const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now), 3000);
  assert.equal(retryAfterMs(headers({})), undefined);
});

test('secrets are scrubbed from error text', () => {
  assert.equal(scrubSecrets('bad key my-custom-secret-value for you', ['my-custom-secret-value']), 'bad key [redacted] for you');
  assert.equal(scrubSecrets('key sk-ant-api03-AbCdEf0123456789 rejected', []), 'key [redacted] rejected');
});
