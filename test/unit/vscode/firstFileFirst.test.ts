/**
 * The editor analyses the first opened file before its folder's scan (lenses first). Everything
 * that needs the whole workspace must not take that single-file state for the workspace: profiling
 * (its samples name call sites in other files) and the starter tierwise.yml. Real editor engine on a
 * copy of the example app.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEditorEngine } from '../../../src/editorEngine/engineEntry';
import type { EditorEngine, EditorOverrides } from '../../../src/editorEngine/engineTypes';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'support-desk');
const overrides: EditorOverrides = { defaultTrafficPerMonth: 0, monthsAhead: -1, budgetUsd: 0, endpoints: { anthropic: '', openai: '' } };

let engine: EditorEngine;
let root: string;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'tierwise-first-file-'));
  cpSync(EXAMPLE, root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  engine = createEditorEngine(() => undefined);
  const classify = 'src/tickets/classify.ts';
  const state = await engine.analyzeFile(root, classify, readFileSync(join(root, classify), 'utf8'), overrides);
  assert.equal(state.complete, false, 'only the opened file has been analysed');
  assert.deepEqual([...new Set(state.scan.callSites.map((s) => s.site.span.file))], [classify]);
});

after(() => {
  engine.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('profiling choices before the folder scan count the samples and call sites of every task, not just the opened file', async () => {
  const choices = await engine.profilingChoices(root);
  const extraction = choices.tasks.find((t) => t.task === 'extraction');
  assert.ok(extraction, `extraction is offered: ${JSON.stringify(choices.tasks)}`);
  assert.ok(extraction.callSites >= 1 && extraction.samples > 0, JSON.stringify(extraction));
});

test('the starter tierwise.yml before the folder scan lists call sites from files other than the opened one', async () => {
  rmSync(join(root, 'tierwise.yml'));
  const text = await engine.configTemplate(root);
  assert.match(text, /src\/tickets\/extract\.ts/);
  assert.match(text, /src\/tickets\/classify\.ts/);
});
