/**
 * Live tierwise.yml: the editor engine analyses a root with the unsaved text of its tierwise.yml
 * when the editor passes one (typing in the file), and with the file on disk otherwise (saved,
 * reverted, closed). Real engine, real files, a copy of test/fixtures/multi-root-second-app.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TierEvidence } from '../../../src/engine/api';
import { EditorInputsCache } from '../../../src/editorEngine/editorInputs';
import { createEditorEngine } from '../../../src/editorEngine/engineEntry';
import type { EditorEngine, EditorOverrides, WorkspaceState } from '../../../src/editorEngine/engineTypes';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'multi-root-second-app');
const ROUTER = 'src/router.ts#routeTicket#0';
const overrides: EditorOverrides = { defaultTrafficPerMonth: 0, monthsAhead: -1, budgetUsd: 0, endpoints: { anthropic: '', openai: '' } };

let engine: EditorEngine;
let root: string;
let configFile: string;
let onDisk: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'tierwise-live-config-'));
  cpSync(FIXTURE, root, { recursive: true });
  configFile = join(root, 'tierwise.yml');
  onDisk = readFileSync(configFile, 'utf8');
  engine = createEditorEngine(() => undefined);
});

after(() => engine.dispose());

const routerCost = (state: WorkspaceState): number | undefined => state.projection?.callSites.find((c) => c.callSiteId === ROUTER)?.current?.range.expected;
const buffer = (text: string) => [{ file: configFile, text }];

test('an unsaved tierwise.yml is analysed as typed; without the buffer the file on disk applies again', async () => {
  const saved = await engine.analyzeWorkspace(root, overrides);
  assert.equal(routerCost(saved), 312.75, '90,000 requests/month from the file on disk');
  const typed = await engine.analyzeWorkspace(root, overrides, { configBuffers: buffer(onDisk.replace('90000/month', '120000/month')) });
  assert.equal(routerCost(typed), 417, '120,000 requests/month from the unsaved text');
  assert.equal(typed.configFile, configFile);
  assert.equal(readFileSync(configFile, 'utf8'), onDisk, 'nothing was written');
  const edited = await engine.analyzeFile(root, 'src/router.ts', readFileSync(join(root, 'src/router.ts'), 'utf8'), overrides, { configBuffers: buffer(onDisk.replace('90000/month', '60000/month')) });
  assert.equal(routerCost(edited), 208.5, 'a code edit is analysed with the unsaved tierwise.yml too');
  const reverted = await engine.analyzeFile(root, 'src/router.ts', readFileSync(join(root, 'src/router.ts'), 'utf8'), overrides);
  assert.equal(routerCost(reverted), 312.75, 'reverted (no buffer): the file on disk');
});

test('an invalid unsaved value is reported on its line of the buffer, and the valid rest still applies', async () => {
  const text = onDisk.replace('90000/month', 'lots');
  const state = await engine.analyzeWorkspace(root, overrides, { configBuffers: buffer(text) });
  assert.equal(state.configProblems.length, 1, JSON.stringify(state.configProblems));
  const [problem] = state.configProblems;
  assert.equal(problem.file, configFile);
  assert.equal(problem.field, 'traffic.default');
  assert.match(text.split('\n')[problem.line - 1], /default: lots/, 'the 1-based line of the unsaved text');
  assert.equal(routerCost(state), 104.25, 'the broken value falls back to the default traffic (30,000/month)');
  const fixed = await engine.analyzeWorkspace(root, overrides, { configBuffers: buffer(onDisk.replace('90000/month', '150000/month')) });
  assert.deepEqual(fixed.configProblems, []);
  assert.equal(routerCost(fixed), 521.25);
});

test('a buffer of a file the engine would not read (tierwise.yaml next to tierwise.yml) changes nothing', async () => {
  const state = await engine.analyzeWorkspace(root, overrides, { configBuffers: [{ file: join(root, 'tierwise.yaml'), text: 'traffic:\n  default: 1/month\n' }] });
  assert.equal(routerCost(state), 312.75);
  assert.equal(state.configFile, configFile);
});

test('"add to tierwise.yml" edits the unsaved text, not the file on disk', async () => {
  const unsaved = `${onDisk}# typed, not saved\n`;
  const { file, text } = await engine.addCallSiteToConfig(root, ROUTER, { file: configFile, text: unsaved });
  assert.equal(file, configFile);
  assert.match(text, /# typed, not saved/);
  assert.match(text, /src\/router\.ts#routeTicket#0: 90000\/month/);
});

test('the inputs cache re-parses a buffer only when its text changes, and forgets a removed root', async () => {
  let evidenceReads = 0;
  const cache = new EditorInputsCache(async () => {
    evidenceReads++;
    return [] as TierEvidence[];
  });
  const text = onDisk.replace('90000/month', '3000/day');
  const first = await cache.get(root, overrides, false, buffer(text));
  assert.equal(first.loaded.config.traffic.default.perMonth, 90_000);
  const again = await cache.get(root, overrides, false, buffer(text));
  assert.equal(again.loaded, first.loaded, 'the same unsaved text is not parsed again');
  const typedMore = await cache.get(root, overrides, false, buffer(onDisk.replace('90000/month', '4000/day')));
  assert.equal(typedMore.loaded.config.traffic.default.perMonth, 120_000);
  const disk = await cache.get(root, overrides);
  assert.equal(disk.loaded.config.traffic.default.perMonth, 90_000, 'no buffer: back to the file on disk');
  assert.equal(evidenceReads, 3);
  cache.forget(root);
  await cache.get(root, overrides);
  assert.equal(evidenceReads, 4, 'a forgotten root is read afresh');
});

test('forgetRoot drops the root\'s scan: the next file analysis starts from that file alone', async () => {
  await engine.analyzeWorkspace(root, overrides);
  engine.forgetRoot(root);
  const state = await engine.analyzeFile(root, 'src/router.ts', readFileSync(join(root, 'src/router.ts'), 'utf8'), overrides);
  assert.deepEqual(state.scan.callSites.map((s) => s.site.id), [ROUTER], 'the digest call site of the dropped scan is gone');
  assert.equal(state.complete, false);
});
