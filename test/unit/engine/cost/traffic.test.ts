/**
 * The traffic function names the rule that gave each rate, the base rate and the growth factor as
 * data (surfaces read them instead of guessing the rule back from the source text), and the
 * projection carries them with the per-request cost and coded exclusion reasons.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../src/engine/config/defaults';
import { resolveTraffic } from '../../../../src/engine/cost/traffic';
import { projectCosts as project } from '../../../../src/engine/projection/project';
import type { ScanResult } from '../../../../src/engine/model';
import { bundledCatalog, site } from '../recommend/siteBuilder';

const catalog = bundledCatalog();

function traffic() {
  const t = defaultConfig().traffic;
  t.default = { perMonth: 1_000, source: 'default rate' };
  t.tasks = { classification: { perMonth: 2_000, source: 'task rate' } };
  t.callSites = { 'src/pinned.ts#pinned#0': { perMonth: 3_000, source: 'call-site rate' } };
  t.paths = [{ glob: 'src/jobs/**', rate: { perMonth: 4_000, source: 'path rate' } }];
  return t;
}

describe('resolveTraffic', () => {
  it('names the rule of every source in resolution order', () => {
    const t = traffic();
    const at = (id: string, file: string, task: 'classification' | 'chat', annotated = false) =>
      resolveTraffic(site({ id, file, model: 'claude-haiku-4-5', task, input: 10, output: 1, ...(annotated ? { annotation: { trafficPerMonth: 5_000 } } : {}) }, catalog), task, t);
    assert.deepEqual([at('src/pinned.ts#pinned#0', 'src/jobs/a.ts', 'classification', true).rule, at('src/pinned.ts#pinned#0', 'src/jobs/a.ts', 'classification').rule], ['annotation', 'call-site']);
    assert.deepEqual([at('x#1', 'src/jobs/a.ts', 'classification').rule, at('x#2', 'src/a.ts', 'classification').rule, at('x#3', 'src/a.ts', 'chat').rule], ['path', 'task', 'default']);
    assert.deepEqual([at('x#1', 'src/jobs/a.ts', 'chat').basePerMonth, at('x#3', 'src/a.ts', 'chat').basePerMonth], [4_000, 1_000]);
    assert.equal(resolveTraffic(undefined, 'classification', t).rule, 'task', 'without a site only the task and default rules apply');
  });

  it('applies growth to the base rate and says by how much', () => {
    const t = { ...traffic(), growthPerMonth: 0.1, monthsAhead: 2 };
    const r = resolveTraffic(undefined, 'chat', t);
    assert.equal(r.basePerMonth, 1_000);
    assert.ok(Math.abs(r.growthFactor - 1.21) < 1e-12);
    assert.ok(Math.abs(r.perMonth - 1_210) < 1e-9);
    assert.match(r.source, /^default rate x \(1 \+ 0\.1\)\^2 growth$/);
  });
});

describe('the projection carries the traffic and cost facts', () => {
  it('per call site: rule, base rate, growth factor and the cost of one request', () => {
    const config = defaultConfig();
    config.traffic = { ...traffic(), growthPerMonth: 0.1, monthsAhead: 2 };
    const s = site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog);
    const scan: ScanResult = { root: '/w', filesScanned: 1, filesWithSdkImports: 1, callSites: [s], problems: [], catalogAsOf: catalog.asOf, durationMs: 0 };
    const [cs] = project(scan, config, catalog).callSites;
    assert.equal(cs.trafficRule, 'task');
    assert.equal(cs.baseRequestsPerMonth, 2_000);
    assert.ok(Math.abs(cs.growthFactor - 1.21) < 1e-12);
    // opus: 410 x $5/M + 8 x $25/M = $0.00225 per request
    assert.ok(Math.abs((cs.perRequest.current?.expected ?? 0) - 0.00225) < 1e-12);
    assert.ok(Math.abs((cs.perRequest.current?.expected ?? 0) * cs.requestsPerMonth - (cs.current?.range.expected ?? 0)) < 1e-6);
  });

  it('gives each exclusion a code beside its text', () => {
    const config = defaultConfig();
    const unknown = site({ id: 'a#u#0', model: null, task: 'chat', input: 10, output: 10 }, catalog);
    const unpriced = site({ id: 'a#p#0', model: 'claude-haiku-9', task: 'chat', input: 10, output: 10 }, catalog);
    const count = site({ id: 'a#c#0', model: 'claude-haiku-4-5', task: 'chat', input: 10, output: 10, operation: 'count-tokens' }, catalog);
    const counted = { ...count, costed: false, notCosted: { code: 'count-tokens' as const, reason: 'token counting is free: not costed' } };
    const scan: ScanResult = { root: '/w', filesScanned: 1, filesWithSdkImports: 1, callSites: [unknown, unpriced, counted], problems: [], catalogAsOf: catalog.asOf, durationMs: 0 };
    const excluded = project(scan, config, catalog).excluded;
    assert.deepEqual(excluded.map((e) => [e.callSiteId, e.code]), [['a#u#0', 'model-unknown'], ['a#p#0', 'model-unpriced'], ['a#c#0', 'count-tokens']]);
    assert.equal(excluded[2].reason, 'token counting is free: not costed');
  });
});
