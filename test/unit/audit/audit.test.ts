import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../src/engine/config/defaults';
import type { AnalyzedCallSite, ScanResult, TierEvidence } from '../../../src/engine/model';
import { audit } from '../../../src/audit/audit';
import type { AuditFacts } from '../../../src/audit/types';
import { bundledCatalog, site } from '../engine/recommend/siteBuilder';

const catalog = bundledCatalog();
const scan = (callSites: AnalyzedCallSite[]): ScanResult => ({ root: '/w', filesScanned: 1, filesWithSdkImports: 1, callSites, problems: [], catalogAsOf: '2026-09-23', durationMs: 0 });
const noFacts: AuditFacts = { oracles: {}, resultsFiles: [] };
const status = (report: ReturnType<typeof audit>) => report.items.map((i) => `${i.id}:${i.status}`);

function ready(): AnalyzedCallSite {
  const a = site({ model: 'claude-haiku-4-5', task: 'classification', input: 400, output: 8 }, catalog);
  a.site.observability = { readsResponseModel: true, readsUsage: true, taskTag: { how: 'metadata.task', span: a.site.span } };
  return a;
}

describe('readiness audit', () => {
  it('passes items 1-8 on a ready workspace and leaves the production-only items unknown', () => {
    const config = { ...defaultConfig(), file: '/w/tierwise.yml' };
    const evidence: TierEvidence[] = [{ task: 'classification', tier: 1, model: 'claude-haiku-4-5', samples: 50, passed: 49, passRate: 0.98, interval: [0.9, 1], meanInputTokens: 400, meanOutputTokens: 8, runAt: '2026-10-02T10:00:00.000Z' }];
    const facts: AuditFacts = { oracles: { classification: { ref: 'exact', status: 'builtin' } }, projection: { file: 'tierwise/projection.json', modifiedAt: '2026-10-03T00:00:00.000Z' }, resultsFiles: [{ file: 'tierwise/results/run.jsonl', modifiedAt: '2026-10-02T10:00:00.000Z' }] };
    const report = audit({ scan: scan([ready()]), config, configProblems: [], evidence, facts });
    assert.deepEqual(status(report), ['1:pass', '2:pass', '3:pass', '4:pass', '5:pass', '6:pass', '7:pass', '8:pass', '9:unknown', '10:unknown']);
  });

  it('fails with evidence and locations: low confidence, no oracle, stale profiling, no projection, unlogged model, no tag, hard-coded id, unguarded large tier-1 input', () => {
    const a = site({ model: 'claude-haiku-4-5', task: 'extraction', input: { min: 100, expected: 5000, max: 170_000 }, output: 100, structured: true, hardCoded: true, confidence: 0.4 }, catalog);
    const stale: TierEvidence[] = [{ task: 'extraction', tier: 1, model: 'claude-haiku-4-5', samples: 50, passed: 49, passRate: 0.98, interval: [0.9, 1], meanInputTokens: 400, meanOutputTokens: 8, runAt: '2026-01-01T00:00:00.000Z' }];
    const report = audit({ scan: scan([a]), config: defaultConfig(), configProblems: [], evidence: stale, facts: { oracles: { extraction: { status: 'none' } }, resultsFiles: [] } });
    assert.deepEqual(status(report).slice(0, 8), ['1:fail', '2:fail', '3:fail', '4:fail', '5:fail', '6:fail', '7:fail', '8:fail']);
    const text = (id: number) => report.items[id - 1].evidence.join('\n');
    assert.match(text(1), /confidence 0\.40/);
    assert.match(text(3), /not newer than the catalog's 2026-09-23/);
    assert.match(text(7), /no tierwise\.yml/);
    assert.match(text(7), /model id claude-haiku-4-5 is a literal/);
    assert.match(text(8), /170,000 tokens > 0\.8 x 200,000/);
    assert.deepEqual(report.items[7].locations, [a.site.span]);
    assert.equal(report.counts.fail, 8);
  });

  it('a size check before the large tier-1 call passes item 8', () => {
    const a = site({ model: 'claude-haiku-4-5', task: 'extraction', input: { min: 100, expected: 5000, max: 170_000 }, output: 100, structured: true, contextGuard: 'tokens < 150_000' }, catalog);
    const report = audit({ scan: scan([a]), config: defaultConfig(), configProblems: [], evidence: [], facts: noFacts });
    assert.equal(report.items[7].status, 'pass');
  });
});
