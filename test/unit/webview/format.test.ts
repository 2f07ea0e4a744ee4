import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCost, formatCount, formatPct, formatTokens, formatUsd, formatUsdDelta, parseCount, parseGrowthPct } from '../../../webview/src/format';

test('money reads like the CLI: grouping, cents, small per-request amounts', () => {
  assert.equal(formatUsd(67.5), '$67.50');
  assert.equal(formatUsd(12345.678), '$12,345.68');
  assert.equal(formatUsd(0), '$0.00');
  assert.equal(formatUsd(0.0042), '$0.0042');
  assert.equal(formatUsd(0.5), '$0.50');
  assert.equal(formatUsd(-3), '-$3.00');
  assert.equal(formatUsdDelta(12.5), '+$12.50');
  assert.equal(formatUsdDelta(-12.5), '-$12.50');
  assert.equal(formatCost(null), 'unpriced');
  assert.equal(formatUsd(Number.NaN), '—');
});

test('counts, tokens and percentages', () => {
  assert.equal(formatCount(600000), '600,000');
  assert.equal(formatCount(600000, true), '600k');
  assert.equal(formatCount(2_500_000, true), '2.5M');
  assert.equal(formatTokens({ min: 410, expected: 410, max: 410 }), '410');
  assert.equal(formatTokens({ min: 300, expected: 410, max: 2000 }), '410 (300–2,000)');
  assert.equal(formatPct(0.965), '96.5%');
  assert.equal(formatPct(null), '—');
});

test('user-typed traffic and growth are parsed or rejected', () => {
  assert.equal(parseCount('30,000'), 30000);
  assert.equal(parseCount('1.5k'), 1500);
  assert.equal(parseCount('2M'), 2000000);
  assert.equal(parseCount(' 45 000 '), 45000);
  assert.equal(parseCount('-5'), undefined);
  assert.equal(parseCount('abc'), undefined);
  assert.equal(parseCount(''), undefined);
  assert.equal(parseGrowthPct('10%'), 0.1);
  assert.equal(parseGrowthPct('-5'), -0.05);
  assert.equal(parseGrowthPct('2000'), undefined);
  assert.equal(parseGrowthPct('ten'), undefined);
});
