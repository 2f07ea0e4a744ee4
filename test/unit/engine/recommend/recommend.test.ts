import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../src/engine/config/defaults';
import type { TierEvidence } from '../../../../src/engine/model';
import { recommend } from '../../../../src/engine/recommend/recommend';
import { bundledCatalog, site } from './siteBuilder';

const catalog = bundledCatalog();
const codes = (r: { findings: Array<{ code: string }> }) => r.findings.map((f) => f.code).sort();
const evidence = (tier: number, model: string, passed: number, samples = 100): TierEvidence => ({
  task: 'classification', tier, model, samples, passed, passRate: passed / samples, interval: [0, 1], meanInputTokens: 400, meanOutputTokens: 8, runAt: '2026-10-01T00:00:00Z',
});

describe('recommend', () => {
  it('moves a classification on a frontier model to the same provider\'s tier-1 model, with the saving', () => {
    const r = recommend(site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog), defaultConfig(), catalog);
    assert.equal(r.currentTier, 3);
    assert.equal(r.suggestedTier, 1);
    assert.equal(r.suggestedModel, 'claude-haiku-4-5');
    assert.equal(r.qualityGate, false);
    assert.deepEqual(codes(r), ['downgrade-opportunity']);
    // per 1,000 calls: opus 1000 x (410 x $5 + 8 x $25)/1M = $2.25; haiku 1000 x (410 x $1 + 8 x $5)/1M = $0.45 (-80%)
    assert.match(r.findings[0].message, /\$0\.45 instead of \$2\.25 per 1,000 calls \(-80%\)/);
    assert.deepEqual(r.rules.map((h) => h.rule), ['task-default', 'output-size', 'model-choice']);
  });

  it('keeps an openai call on openai models (same provider in the suggested tier)', () => {
    const r = recommend(site({ model: 'gpt-5', provider: 'openai', task: 'extraction', input: 900, output: 120, structured: true }, catalog), defaultConfig(), catalog);
    assert.equal(r.currentTier, 2);
    assert.equal(r.suggestedModel, 'gpt-5-mini');
  });

  it('never moves a high-consequence task down on defaults alone, and asks for a quality gate', () => {
    const config = defaultConfig();
    config.tasks.classification.consequence = 'high';
    const r = recommend(site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog), config, catalog);
    assert.equal(r.suggestedTier, 3);
    assert.equal(r.suggestedModel, 'claude-opus-4-7');
    assert.equal(r.qualityGate, true);
    assert.deepEqual(codes(r), ['quality-gate-needed']);
    assert.match(r.rules.find((h) => h.rule === 'consequence')?.detail ?? '', /not moved down .* on defaults alone/);
  });

  it('an annotation consequence=high has the same effect as the config', () => {
    const r = recommend(site({ model: 'claude-sonnet-4-6', task: 'extraction', input: 300, output: 50, structured: true, annotation: { consequence: 'high' } }, catalog), defaultConfig(), catalog);
    assert.equal(r.suggestedTier, 2);
    assert.equal(r.qualityGate, true);
  });

  it('profiling evidence moves a high-consequence task down when tier 1 passes >= 95%', () => {
    const config = defaultConfig();
    config.tasks.classification.consequence = 'high';
    const r = recommend(site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog), config, catalog, [evidence(1, 'claude-haiku-4-5', 97)]);
    assert.equal(r.suggestedTier, 1);
    assert.equal(r.qualityGate, true, 'the gate is a separate decision from the tier');
    assert.equal(r.monitored, false);
    assert.match(r.rules.find((h) => h.rule === 'profiling-evidence')?.detail ?? '', /97\/100 = 97\.0%/);
  });

  it('evidence in the 85-95% band gives tier 1 with monitoring; below 85% gives tier 2', () => {
    const start = site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog);
    const monitored = recommend(start, defaultConfig(), catalog, [evidence(1, 'claude-haiku-4-5', 90)]);
    assert.equal(monitored.suggestedTier, 1);
    assert.equal(monitored.monitored, true);
    const failed = recommend(start, defaultConfig(), catalog, [evidence(1, 'claude-haiku-4-5', 80)]);
    assert.equal(failed.suggestedTier, 2);
    assert.equal(failed.suggestedModel, 'claude-sonnet-4-6');
  });

  it('thresholds come from the configuration', () => {
    const config = defaultConfig();
    config.routing.tier1PassRate = 0.99;
    config.routing.monitorPassRate = 0.98;
    const r = recommend(site({ model: 'claude-opus-4-7', task: 'classification', input: 410, output: 8 }, catalog), config, catalog, [evidence(1, 'claude-haiku-4-5', 97)]);
    assert.equal(r.suggestedTier, 2);
  });

  it('context guard: a max input above 80% of the tier-1 window makes tier 1 infeasible', () => {
    // haiku window 200,000 x 0.8 = 160,000 < 170,000 max input
    const r = recommend(site({ model: 'claude-haiku-4-5', task: 'extraction', input: { min: 2000, expected: 8000, max: 170_000 }, output: 200, structured: true }, catalog), defaultConfig(), catalog);
    assert.deepEqual(r.feasibleTiers, [2, 3]);
    assert.equal(r.suggestedTier, 2);
    assert.equal(r.suggestedModel, 'claude-sonnet-4-6');
    assert.ok(codes(r).includes('context-guard-risk'));
    assert.match(r.findings.find((f) => f.code === 'context-guard-risk')?.message ?? '', /170,000 tokens exceeds claude-haiku-4-5 window 200,000 x 0\.8 = 160,000/);
  });

  it('context guard: the same call under the guard stays on tier 1', () => {
    const r = recommend(site({ model: 'claude-haiku-4-5', task: 'extraction', input: { min: 2000, expected: 8000, max: 150_000 }, output: 200, structured: true }, catalog), defaultConfig(), catalog);
    assert.equal(r.suggestedTier, 1);
    assert.deepEqual(r.feasibleTiers, [1, 2, 3]);
  });

  it('a large open-ended output is not a small-model task even with a short prompt', () => {
    const r = recommend(site({ model: 'claude-sonnet-4-6', task: 'extraction', input: 200, output: 1500 }, catalog), defaultConfig(), catalog);
    assert.equal(r.suggestedTier, 2);
    assert.ok(r.rules.some((h) => h.rule === 'output-awareness'));
    const capped = recommend(site({ model: 'claude-sonnet-4-6', task: 'extraction', input: 200, output: 1500, structured: true }, catalog), defaultConfig(), catalog);
    assert.equal(capped.suggestedTier, 1, 'structured output of the same size stays on tier 1');
  });

  it('annotations override the task and the tier', () => {
    const r = recommend(site({ model: 'claude-opus-4-7', task: 'reasoning', input: 400, output: 300, annotation: { task: 'classification', tier: 2 } }, catalog), defaultConfig(), catalog);
    assert.equal(r.suggestedTier, 2);
    assert.ok(r.rules.some((h) => h.rule === 'annotation'));
  });

  it('flags unknown, unpriced, hard-coded and low-confidence calls', () => {
    const unknown = recommend(site({ model: null, task: 'chat', input: 400, output: 300 }, catalog), defaultConfig(), catalog);
    assert.ok(codes(unknown).includes('unknown-model'));
    const unpriced = recommend(site({ model: 'claude-haiku-9', task: 'classification', input: 400, output: 8 }, catalog), defaultConfig(), catalog);
    assert.ok(codes(unpriced).includes('unpriced-model'));
    assert.match(unpriced.findings.find((f) => f.code === 'unpriced-model')?.message ?? '', /nearest known: .*claude-haiku/);
    const literal = recommend(site({ model: 'claude-haiku-4-5', task: 'classification', input: 400, output: 8, hardCoded: true, confidence: 0.4 }, catalog), defaultConfig(), catalog);
    assert.deepEqual(codes(literal), ['hard-coded-model', 'low-confidence-task']);
  });

  it('embeddings keep their model', () => {
    const r = recommend(site({ model: 'text-embedding-3-small', provider: 'openai', task: 'embedding', input: 500, output: 0, operation: 'embed' }, catalog), defaultConfig(), catalog);
    assert.equal(r.suggestedModel, 'text-embedding-3-small');
    assert.ok(!codes(r).includes('downgrade-opportunity'));
  });
});
