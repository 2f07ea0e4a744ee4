import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../src/review/diff';
import { evaluateGates } from '../../../src/review/gates';
import { snapshot } from './snapshots';
import type { SiteSpec } from './snapshots';

const classify: SiteSpec = { id: 'src/c.ts#classify#0', model: 'claude-haiku-4-5', input: 400, output: 10, perMonth: 100_000 };
// haiku: 100,000 x (400 x 1 + 10 x 5) / 1e6 = $45.00; opus: 100,000 x (400 x 5 + 10 x 25) / 1e6 = $225.00 (+400%)
const toOpus = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, model: 'claude-opus-4-7' }]));

test('the percentage gate fails above the limit and passes at or below it', () => {
  assert.ok(Math.abs(toOpus.totals.deltaUsd - 180) < 1e-9);
  const failed = evaluateGates(toOpus, { failOnIncreasePct: 50 });
  assert.equal(failed.failed, true);
  assert.match(failed.reasons[0], /cost increase 400\.0% exceeds --fail-on-increase-pct 50: monthly cost \$45\.00 → \$225\.00 \(\+\$180\.00\)/);
  assert.equal(evaluateGates(toOpus, { failOnIncreasePct: 400 }).failed, false);
});

test('the USD gate compares the monthly increase', () => {
  assert.equal(evaluateGates(toOpus, { failOnIncreaseUsd: 179.99 }).failed, true);
  assert.equal(evaluateGates(toOpus, { failOnIncreaseUsd: 180.01 }).failed, false);
});

test('a decrease never fails the increase gates', () => {
  const back = diffSnapshots(snapshot([{ ...classify, model: 'claude-opus-4-7' }]), snapshot([classify]));
  assert.equal(evaluateGates(back, { failOnIncreasePct: 0, failOnIncreaseUsd: 0 }).failed, false);
});

test('an increase from a zero base fails any percentage gate', () => {
  const fromNothing = diffSnapshots(snapshot([]), snapshot([classify]));
  const result = evaluateGates(fromNothing, { failOnIncreasePct: 1000 });
  assert.equal(result.failed, true);
  assert.match(result.reasons[0], /an increase from \$0/);
});

test('the unpriced gate fails only when the change adds an unpriced site', () => {
  const unknown: SiteSpec = { id: 'src/u.ts#f#0', model: 'house-model', input: 10, output: 1, perMonth: 10 };
  const added = diffSnapshots(snapshot([classify]), snapshot([classify, unknown]));
  const result = evaluateGates(added, { failOnNewUnpriced: true });
  assert.equal(result.failed, true);
  assert.match(result.reasons[0], /1 new unpriced call site\(s\).*src\/u\.ts#f#0 \(house-model/);
  const existing = diffSnapshots(snapshot([classify, unknown]), snapshot([classify, unknown]));
  assert.equal(evaluateGates(existing, { failOnNewUnpriced: true }).failed, false);
  assert.equal(evaluateGates(added, {}).failed, false, 'no gate configured: never fails');
});
