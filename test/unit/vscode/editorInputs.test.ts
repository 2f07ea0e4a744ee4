import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TierEvidence } from '../../../src/engine/api';
import { EditorInputsCache } from '../../../src/editorEngine/editorInputs';
import type { EditorOverrides } from '../../../src/editorEngine/engineTypes';

const overrides: EditorOverrides = { defaultTrafficPerMonth: 0, monthsAhead: -1, budgetUsd: 0, endpoints: { anthropic: '', openai: '' } };

/** Bumps a file's mtime so a same-size rewrite within one clock tick still reads as changed. */
function touch(file: string, secondsAhead: number): void {
  const when = new Date(Date.now() + secondsAhead * 1000);
  utimesSync(file, when, when);
}

test('edits reuse tierwise.yml and profiling evidence until their files change', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tierwise-inputs-'));
  const configFile = join(root, 'tierwise.yml');
  writeFileSync(configFile, 'traffic:\n  default: 1000/day\n');
  let evidenceReads = 0;
  const cache = new EditorInputsCache(async () => {
    evidenceReads++;
    return [] as TierEvidence[];
  });

  const first = await cache.get(root, overrides);
  assert.equal(first.loaded.config.traffic.default.perMonth, 30_000);
  const again = await cache.get(root, overrides);
  assert.equal(again.loaded, first.loaded, 'an edit elsewhere does not re-read tierwise.yml');
  assert.equal(evidenceReads, 1, 'nor the results logs');

  writeFileSync(configFile, 'traffic:\n  default: 2000/day\n');
  touch(configFile, 5);
  const edited = await cache.get(root, overrides);
  assert.equal(edited.loaded.config.traffic.default.perMonth, 60_000, 'a saved tierwise.yml is read again');
  assert.equal(evidenceReads, 2, 'evidence depends on the config, so it is read again too');

  const results = join(root, 'tierwise', 'results');
  mkdirSync(results, { recursive: true });
  appendFileSync(join(results, 'run.jsonl'), '{}\n');
  await cache.get(root, overrides);
  assert.equal(evidenceReads, 3, 'a finished profiling run (new results) is read again');
  await cache.get(root, overrides);
  assert.equal(evidenceReads, 3);

  await cache.get(root, { ...overrides, defaultTrafficPerMonth: 5 });
  assert.equal(evidenceReads, 4, 'changed editor settings re-read the inputs');
  await cache.get(root, { ...overrides, defaultTrafficPerMonth: 5 }, true);
  assert.equal(evidenceReads, 5, 'a full scan always re-reads');
});
