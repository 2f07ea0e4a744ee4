import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialUiState, restoreUiState, setGrowth, setTaskTraffic, toggleSort } from '../../../webview/src/state';

test('a fresh panel opens on the projection, most expensive call sites first', () => {
  const s = initialUiState();
  assert.equal(s.view, 'projection');
  assert.deepEqual(s.sort, { key: 'costNow', dir: 'desc' });
});

test('persisted state round-trips through JSON (setState/getState)', () => {
  let s = toggleSort(initialUiState(), 'file');
  s = setTaskTraffic(s, 'classification', 60000);
  s = setGrowth(s, 0.05);
  s = { ...s, view: 'whatIf', filter: 'gpt', scrollTop: 840, selectedId: 'src/a.ts#f#0' };
  assert.deepEqual(restoreUiState(JSON.parse(JSON.stringify(s))), s);
});

test('corrupt or foreign persisted state falls back field by field', () => {
  const restored = restoreUiState({ view: 'admin', sort: { key: 'password', dir: 'up' }, filter: 7, task: 'mining', whatIf: { tasks: { classification: -4, chat: 100, __proto__: 3 }, growthPerMonth: 99 }, scrollTop: -3 });
  assert.equal(restored.view, 'projection');
  assert.deepEqual(restored.sort, { key: 'costNow', dir: 'desc' });
  assert.equal(restored.filter, '');
  assert.equal(restored.task, 'all');
  assert.deepEqual(restored.whatIf, { tasks: { chat: 100 } });
  assert.equal(restored.scrollTop, 0);
  assert.deepEqual(restoreUiState(undefined), initialUiState());
});

test('sorting: same column flips, a new text column starts ascending, a number column descending', () => {
  const s = initialUiState();
  assert.deepEqual(toggleSort(s, 'costNow').sort, { key: 'costNow', dir: 'asc' });
  assert.deepEqual(toggleSort(s, 'file').sort, { key: 'file', dir: 'asc' });
  assert.deepEqual(toggleSort(s, 'traffic').sort, { key: 'traffic', dir: 'desc' });
});

test('clearing a task traffic override removes it', () => {
  const s = setTaskTraffic(setTaskTraffic(initialUiState(), 'chat', 5), 'chat', undefined);
  assert.deepEqual(s.whatIf.tasks, {});
});
