import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../src/engine/config/defaults';
import type { AnalyzedCallSite, ScanResult, TierEvidence } from '../../../../src/engine/model';
import { projectCosts as project } from '../../../../src/engine/projection/project';
import { bundledCatalog, site } from '../recommend/siteBuilder';

const catalog = bundledCatalog();
const scan = (callSites: AnalyzedCallSite[]): ScanResult => ({ root: '/w', filesScanned: 1, filesWithSdkImports: 1, callSites, problems: [], catalogAsOf: catalog.asOf, durationMs: 0 });
const close = (actual: number | undefined | null, expected: number, what: string) => assert.ok(actual !== undefined && actual !== null && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} != ${expected}`);
const classify = () => site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog);

describe('project', () => {
  it('costs a call site now and recommended from default traffic (hand-computed)', () => {
    const p = project(scan([classify()]), defaultConfig(), catalog);
    const s = p.callSites[0];
    // default traffic 1,000/day x 30 = 30,000 requests/month
    assert.equal(s.requestsPerMonth, 30_000);
    // now: 30,000 x (410 x $5 + 8 x $25)/1M = 30,000 x $0.00225 = $67.50 (input $61.50, output $6.00)
    close(s.current?.range.expected, 67.5, 'current');
    close(s.current?.breakdown.input, 61.5, 'current input');
    close(s.current?.breakdown.output, 6, 'current output');
    // recommended haiku: 30,000 x (410 x $1 + 8 x $5)/1M = 30,000 x $0.00045 = $13.50
    close(s.recommended?.range.expected, 13.5, 'recommended');
    close(s.savingUsd, 54, 'saving');
    close(s.savingPct, 80, 'saving %');
    close(p.totals.current.expected, 67.5, 'total now');
    close(p.totals.savingUsd, 54, 'total saving');
    assert.deepEqual(p.byTask.map((t) => [t.task, t.callSites]), [['classification', 1]]);
  });

  it('min/expected/max follow the token ranges', () => {
    const a = site({ model: 'claude-haiku-4-5', task: 'extraction', input: { min: 100, expected: 500, max: 3000 }, output: { min: 50, expected: 100, max: 400 }, structured: true }, catalog);
    const p = project(scan([a]), defaultConfig(), catalog);
    // 30,000 x (100 x $1 + 50 x $5)/1M = $10.50; (500 + 500)/1M x 30,000 = $30; (3000 + 2000)/1M x 30,000 = $150
    assert.deepEqual(p.callSites[0].current?.range, { min: 10.5, expected: 30, max: 150 });
  });

  it('resolves traffic: annotation > callSites > paths > tasks > default, with growth', () => {
    const config = defaultConfig();
    config.traffic.tasks.classification = { perMonth: 9_000, source: 'tasks' };
    config.traffic.paths = [{ glob: 'src/tickets/**', rate: { perMonth: 6_000, source: 'paths' } }];
    config.traffic.callSites['src/tickets/classify.ts#a#0'] = { perMonth: 3_000, source: 'callSites' };
    const sites = [
      site({ id: 'src/tickets/classify.ts#a#0', model: 'claude-haiku-4-5', task: 'classification', input: 100, output: 5, annotation: { trafficPerMonth: 1_500 } }, catalog),
      site({ id: 'src/tickets/classify.ts#a#0', model: 'claude-haiku-4-5', task: 'classification', input: 100, output: 5 }, catalog),
      site({ id: 'src/tickets/other.ts#b#0', file: 'src/tickets/other.ts', model: 'claude-haiku-4-5', task: 'classification', input: 100, output: 5 }, catalog),
      site({ id: 'src/kb/x.ts#c#0', file: 'src/kb/x.ts', model: 'claude-haiku-4-5', task: 'classification', input: 100, output: 5 }, catalog),
      site({ id: 'src/kb/y.ts#d#0', file: 'src/kb/y.ts', model: 'claude-haiku-4-5', task: 'chat', input: 100, output: 5 }, catalog),
    ];
    assert.deepEqual(project(scan(sites), config, catalog).callSites.map((s) => s.requestsPerMonth), [1_500, 3_000, 6_000, 9_000, 30_000]);
    config.traffic.growthPerMonth = 0.1;
    config.traffic.monthsAhead = 2;
    // 30,000 x 1.1^2 = 36,300
    close(project(scan([sites[4]]), config, catalog).callSites[0].requestsPerMonth, 36_300, 'growth');
  });

  it('cached prefix: hits read at the cache price, misses pay the write premium', () => {
    const a = site({ model: 'claude-haiku-4-5', task: 'classification', input: 1200, output: 100, cachedPrefixTokens: 1000 }, catalog);
    const s = project(scan([a]), defaultConfig(), catalog).callSites[0];
    // per request: read saving 1000 x 0.9 x ($1 - $0.10) = 810; write premium 1000 x 0.1 x ($1.25 - $1) = 25 -> $0.000785
    // x 30,000 = $23.55; total = 30,000 x (1200 x $1 + 100 x $5)/1M - 23.55 = $51 - $23.55 = $27.45
    close(s.current?.breakdown.cacheSavings, 23.55, 'cache savings');
    close(s.current?.range.expected, 27.45, 'total');
  });

  it('batch discount in the recommendation when the task is batchable; thinking is billed as output', () => {
    const config = defaultConfig();
    config.tasks.extraction.batchable = true;
    const a = site({ model: 'claude-haiku-4-5', task: 'extraction', input: 1000, output: 100, thinking: 200, structured: true }, catalog);
    const s = project(scan([a]), config, catalog).callSites[0];
    // now: 30,000 x (1000 x $1 + 100 x $5 + 200 x $5)/1M = $75 (thinking $30)
    close(s.current?.range.expected, 75, 'now');
    close(s.current?.breakdown.thinking, 30, 'thinking');
    // recommended: same model through the batch API at 50% off: $37.50
    close(s.recommended?.range.expected, 37.5, 'batched');
    close(s.recommended?.breakdown.batchSavings, 37.5, 'batch savings');
  });

  it('cascade cost = tier-1 cost + escalation rate x tier-2 cost (assumed, then measured)', () => {
    const config = defaultConfig();
    config.tasks.classification.strategy = 'cascade';
    // tier 1 haiku $13.50/month (above); tier 2 sonnet 30,000 x (410 x $3 + 8 x $15)/1M = $40.50
    // assumed rate 0.15: 13.50 + 0.15 x 40.50 = $19.575
    const assumed = project(scan([classify()]), config, catalog).byTask[0].cascade;
    assert.deepEqual(assumed, { monthlyCost: 19.575, escalationRate: 0.15, rateSource: 'assumption' });
    const measured: TierEvidence = { task: 'classification', tier: 1, model: 'claude-haiku-4-5', samples: 100, passed: 90, passRate: 0.9, interval: [0.83, 0.94], meanInputTokens: 410, meanOutputTokens: 8, runAt: '2026-10-01T00:00:00Z' };
    // measured rate 1 - 0.90 = 0.10: 13.50 + 0.10 x 40.50 = $17.55
    const cascade = project(scan([classify()]), config, catalog, [measured]).byTask[0].cascade;
    assert.equal(cascade?.rateSource, 'profiling');
    close(cascade?.monthlyCost, 17.55, 'measured cascade');
  });

  it('classifier routing: overhead per month and break-even volume (or never)', () => {
    const config = defaultConfig();
    config.tasks.classification.strategy = 'classifier';
    // small calls: saving (67.50 - 13.50) x 0.85 / 30,000 = $0.00153/request < $0.002/query: never pays off
    const small = project(scan([classify()]), config, catalog).byTask[0].classifier;
    assert.deepEqual(small, { overheadPerMonth: 60, breakEvenRequestsPerMonth: null });
    // 4,000 in / 200 out: opus $0.025/request, haiku $0.005; net (0.02 x 0.85) - 0.002 = $0.015/request
    // break-even = $20 fixed / 0.015 = 1,333.3 requests/month
    const big = site({ model: 'claude-opus-4-7', task: 'classification', input: 4000, output: 200 }, catalog);
    const c = project(scan([big]), config, catalog).byTask[0].classifier;
    close(c?.overheadPerMonth, 60, 'overhead');
    close(c?.breakEvenRequestsPerMonth, 20 / 0.015, 'break-even');
  });

  it('excludes unknown and unpriced models from the totals, with reasons', () => {
    const sites = [classify(), site({ id: 'a#u#0', model: null, task: 'chat', input: 10, output: 10 }, catalog), site({ id: 'a#p#0', model: 'claude-haiku-9', task: 'chat', input: 10, output: 10 }, catalog)];
    const uncosted = { ...classify(), costed: false, costReasons: ['token counting is free: not costed'] };
    uncosted.site = { ...uncosted.site, id: 'a#count#0' };
    const p = project(scan([...sites, uncosted]), defaultConfig(), catalog);
    close(p.totals.current.expected, 67.5, 'only the priced call counts');
    assert.deepEqual(p.excluded.map((e) => e.callSiteId), ['a#u#0', 'a#p#0', 'a#count#0']);
    assert.match(p.excluded[0].reason, /model unknown/);
    assert.match(p.excluded[1].reason, /claude-haiku-9 is unpriced/);
    assert.match(p.excluded[2].reason, /not costed/);
  });
});
