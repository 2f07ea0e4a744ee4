import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  absoluteFromRoot,
  clampPosition,
  lineStartRange,
  rangeToSpan,
  relativeToRoot,
  spanContains,
  spanToRange,
  toWorkspacePath,
} from '../../../src/vscode/convert';

const make = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const span = { file: 'src/tickets/classify.ts', start: { line: 8, character: 25 }, end: { line: 15, character: 4 } };
const doc = (lines: string[]) => ({ lineCount: lines.length, lengthOf: (l: number) => lines[l].length });

test('a span becomes a range with the same 0-based positions', () => {
  assert.deepEqual(spanToRange(span, make), make(8, 25, 15, 4));
});

test('a stale span is clamped into the edited document instead of throwing', () => {
  const shorter = doc(['import x', '', 'const y = 1;']);
  assert.deepEqual(spanToRange(span, make, shorter), make(2, 12, 2, 12));
  assert.deepEqual(clampPosition({ line: -1, character: -5 }, shorter), { line: 0, character: 0 });
  assert.deepEqual(clampPosition({ line: 1, character: 3 }, doc([])), { line: 0, character: 0 });
});

test('a range becomes a span of the workspace-relative POSIX file', () => {
  assert.deepEqual(rangeToSpan(make(1, 2, 3, 4), 'src\\llm\\clients.ts'), { file: 'src/llm/clients.ts', start: { line: 1, character: 2 }, end: { line: 3, character: 4 } });
  assert.equal(toWorkspacePath('./src/a.ts'), 'src/a.ts');
});

test('a span -> range -> span round trip is the identity', () => {
  assert.deepEqual(rangeToSpan(spanToRange(span, make), span.file), span);
});

test('the CodeLens anchor is column 0 of the call line', () => {
  assert.deepEqual(lineStartRange(span, make), make(8, 0, 8, 0));
});

test('hit-testing includes both ends of a span and nothing outside it', () => {
  assert.equal(spanContains(span, { line: 8, character: 25 }), true);
  assert.equal(spanContains(span, { line: 15, character: 4 }), true);
  assert.equal(spanContains(span, { line: 12, character: 0 }), true);
  assert.equal(spanContains(span, { line: 8, character: 24 }), false);
  assert.equal(spanContains(span, { line: 15, character: 5 }), false);
});

test('absolute <-> workspace-relative paths, POSIX and Windows roots', () => {
  assert.equal(relativeToRoot('/ws/desk', '/ws/desk/src/a.ts'), 'src/a.ts');
  assert.equal(relativeToRoot('/ws/desk/', '/ws/desk/src/a.ts'), 'src/a.ts');
  assert.equal(relativeToRoot('/ws/desk', '/ws/desk-other/src/a.ts'), undefined, 'a sibling folder with the same prefix is outside');
  assert.equal(relativeToRoot('C:\\ws\\desk', 'C:\\ws\\desk\\src\\a.ts'), 'src/a.ts');
  assert.equal(absoluteFromRoot('/ws/desk/', 'src/a.ts'), '/ws/desk/src/a.ts');
});
