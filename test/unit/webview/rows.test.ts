import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, sortRows, visibleWindow } from '../../../webview/src/rows';
import { computeWhatIf } from '../../../webview/src/whatIf';
import { supportDeskSnapshot } from '../../webview/fixtures/snapshots';

const snap = supportDeskSnapshot();
const live = computeWhatIf(snap, { tasks: {} }).rows;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id.split('#')[1]);

test('sorts by cost now, descending and ascending', () => {
  assert.deepEqual(ids(sortRows(snap.rows, live, { key: 'costNow', dir: 'desc' })).slice(0, 3), ['scorePriority', 'draftReply', 'summarizeThread']);
  assert.equal(ids(sortRows(snap.rows, live, { key: 'costNow', dir: 'asc' }))[0], 'embedArticle');
});

test('sorts by file then line, and by what-if traffic', () => {
  assert.deepEqual(ids(sortRows(snap.rows, live, { key: 'file', dir: 'asc' })), ['embedArticle', 'classifyTicket', 'extractOrder', 'detectLanguage', 'scorePriority', 'draftReply', 'detectSentiment', 'summarizeThread']);
  const boosted = computeWhatIf(snap, { tasks: { extraction: 10_000_000 } }).rows;
  assert.equal(ids(sortRows(snap.rows, boosted, { key: 'traffic', dir: 'desc' }))[0], 'extractOrder');
});

test('unpriced rows sort last in both directions', () => {
  const rows = snap.rows.map((r, i) => (i === 0 ? { ...r, current: null, perRequest: { current: null, recommended: null } } : r));
  const liveRows = computeWhatIf({ ...snap, rows }, { tasks: {} }).rows;
  assert.equal(sortRows(rows, liveRows, { key: 'costNow', dir: 'asc' }).at(-1)!.id, rows[0].id);
  assert.equal(sortRows(rows, liveRows, { key: 'costNow', dir: 'desc' }).at(-1)!.id, rows[0].id);
});

test('filters by text over file, function and models, and by task', () => {
  assert.deepEqual(ids(filterRows(snap.rows, 'GPT-5', 'all')).sort(), ['detectSentiment', 'extractOrder']);
  assert.deepEqual(ids(filterRows(snap.rows, 'summarize', 'all')), ['summarizeThread']);
  assert.equal(filterRows(snap.rows, '', 'classification').length, 4);
  assert.equal(filterRows(snap.rows, 'opus', 'classification').length, 1);
  assert.equal(filterRows(snap.rows, 'no such thing', 'all').length, 0);
});

test('the virtual window covers the viewport plus overscan and never runs past the end', () => {
  assert.deepEqual(visibleWindow(0, 392, 28, 2000), { start: 0, end: 30, offset: 0 });
  assert.deepEqual(visibleWindow(28 * 1000, 392, 28, 2000), { start: 992, end: 1022, offset: 992 * 28 });
  const end = visibleWindow(28 * 2000, 392, 28, 2000);
  assert.equal(end.end, 2000);
  assert.deepEqual(visibleWindow(0, 392, 28, 0), { start: 0, end: 0, offset: 0 });
});
