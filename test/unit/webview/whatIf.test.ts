import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWhatIf, trafficToSave, whatIfRequests } from '../../../webview/src/whatIf';
import { supportDeskSnapshot } from '../../webview/fixtures/snapshots';

const CLASSIFY = 'src/tickets/classify.ts#classifyTicket#0';
const PRIORITY = 'src/tickets/priority.ts#scorePriority#0';
const EXTRACT = 'src/tickets/extract.ts#extractOrder#0';

test('with no changes every number is exactly the projection (what `tierwise project` printed)', () => {
  const snap = supportDeskSnapshot();
  const result = computeWhatIf(snap, { tasks: {} });
  assert.equal(result.changed, false);
  assert.deepEqual(result.totals.current, snap.projection.totals.current);
  assert.deepEqual(result.totals.recommended, snap.projection.totals.recommended);
  for (const row of snap.rows) assert.deepEqual(result.rows.get(row.id)!.current, row.current);
  for (const [i, t] of snap.projection.byTask.entries()) assert.deepEqual(result.byTask[i].current, t.current);
});

test('doubling classification traffic doubles the call sites that follow the task rate, not annotated ones', () => {
  const snap = supportDeskSnapshot();
  const result = computeWhatIf(snap, { tasks: { classification: 60_000 } });
  // classifyTicket: 60,000 x (410 x $5/M + 8 x $25/M) = 60,000 x $0.00225 = $135.00
  assert.ok(Math.abs(result.rows.get(CLASSIFY)!.current!.expected - 135) < 1e-9);
  // recommended haiku: 60,000 x (410 x $1/M + 8 x $5/M) = 60,000 x $0.00045 = $27.00
  assert.ok(Math.abs(result.rows.get(CLASSIFY)!.recommended!.expected - 27) < 1e-9);
  // scorePriority has `traffic=20000/day` in an annotation: untouched.
  const priority = snap.rows.find((r) => r.id === PRIORITY)!;
  assert.equal(result.rows.get(PRIORITY)!.requestsPerMonth, priority.requestsPerMonth);
  // extraction follows the default, not classification: untouched.
  assert.equal(result.rows.get(EXTRACT)!.requestsPerMonth, 30_000);
  // total grows by exactly the classification sites' added cost (3 sites follow the rate).
  const followers = snap.rows.filter((r) => r.task === 'classification' && r.trafficRule !== 'annotation');
  assert.equal(followers.length, 3);
  const added = followers.reduce((sum, r) => sum + r.current!.expected, 0);
  assert.ok(Math.abs(result.totals.current.expected - (snap.projection.totals.current.expected + added)) < 1e-9);
  const task = result.byTask.find((t) => t.task === 'classification')!;
  assert.equal(task.followsTaskRate, 3);
  assert.equal(result.changed, true);
});

test('an excluded (unpriced) call site of the task moves neither the totals nor the per-task figures', () => {
  const snap = supportDeskSnapshot();
  const classify = snap.rows.find((r) => r.id === CLASSIFY)!;
  const unpriced = { ...classify, id: 'src/moderation/toxicity.ts#isToxic#0', current: null, recommended: null, perRequest: { current: null, recommended: null } };
  snap.rows.push(unpriced);
  snap.projection.excluded.push({ callSiteId: unpriced.id, code: 'model-unpriced', reason: 'llama3.1:8b is unpriced' });
  const before = snap.projection.byTask.find((t) => t.task === 'classification')!;
  const result = computeWhatIf(snap, { tasks: { classification: 60_000 } });
  const task = result.byTask.find((t) => t.task === 'classification')!;
  // The same 3 priced sites as without it: "N call sites (M follow the task rate)" never has M > N.
  assert.equal(task.followsTaskRate, 3);
  assert.ok(task.followsTaskRate <= task.callSites);
  const followers = snap.rows.filter((r) => r.task === 'classification' && r.trafficRule !== 'annotation' && r.current);
  const added = followers.reduce((sum, r) => sum + (60_000 - r.requestsPerMonth), 0);
  assert.equal(task.requestsPerMonth, before.requestsPerMonth + added);
  // The row itself still shows its what-if traffic in the table.
  assert.equal(result.rows.get(unpriced.id)!.requestsPerMonth, 60_000);
});

test('setting a task rate applies to call sites on the default rate of that task', () => {
  const snap = supportDeskSnapshot();
  const result = computeWhatIf(snap, { tasks: { extraction: 1000 } });
  // extractOrder: 1,000 x (620 x $1.25/M + 180 x $10/M) = 1,000 x $0.002575 = $2.575
  assert.ok(Math.abs(result.rows.get(EXTRACT)!.current!.expected - 2.575) < 1e-9);
});

test('growth compounds over the configured months for every call site', () => {
  const snap = supportDeskSnapshot({ growthPerMonth: 0.1, monthsAhead: 2 });
  const classify = snap.rows.find((r) => r.id === CLASSIFY)!;
  // the projection already grew 30,000 by 1.1^2
  assert.ok(Math.abs(classify.requestsPerMonth - 36_300) < 1e-6);
  assert.ok(Math.abs(classify.baseRequestsPerMonth - 30_000) < 1e-6);
  const flat = computeWhatIf(snap, { tasks: {}, growthPerMonth: 0 });
  assert.ok(Math.abs(flat.rows.get(CLASSIFY)!.requestsPerMonth - 30_000) < 1e-6);
  assert.ok(Math.abs(flat.rows.get(CLASSIFY)!.current!.expected - 67.5) < 1e-9);
  const priority = snap.rows.find((r) => r.id === PRIORITY)!;
  assert.ok(Math.abs(whatIfRequests(priority, snap.traffic, { tasks: {}, growthPerMonth: 0 }) - 600_000) < 1e-6);
});

test('the saving follows the what-if', () => {
  const snap = supportDeskSnapshot();
  const before = computeWhatIf(snap, { tasks: {} });
  const after = computeWhatIf(snap, { tasks: { classification: 300_000 } });
  assert.ok(after.totals.savingUsd > before.totals.savingUsd);
  assert.ok(after.totals.savingFraction! > 0 && after.totals.savingFraction! < 1);
});

test('save sends only the changed tasks and the growth', () => {
  const snap = supportDeskSnapshot();
  assert.deepEqual(trafficToSave(snap.traffic, { tasks: { classification: 30_000, extraction: 5000 } }), { tasks: { extraction: 5000 }, growthPerMonth: 0 });
  assert.deepEqual(trafficToSave(snap.traffic, { tasks: {}, growthPerMonth: 0.05 }), { tasks: {}, growthPerMonth: 0.05 });
});
