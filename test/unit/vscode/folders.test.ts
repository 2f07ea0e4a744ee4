/**
 * Multi-root workspaces as plain data: which folder a command argument names, which file is a
 * folder's tierwise.yml, the status bar's workspace total and the tree's folder level. The
 * per-folder figures come from the real editor engine run on two real folders (the support-desk
 * example and test/fixtures/multi-root-second-app) and one folder without LLM calls.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES as ENGINE_CONFIG_FILE_NAMES } from '../../../src/engine/api';
import type { Projection } from '../../../src/engine/model';
import { createEditorEngine } from '../../../src/editorEngine/engineEntry';
import type { EditorEngine, EditorOverrides, WorkspaceState } from '../../../src/editorEngine/engineTypes';
import { CONFIG_FILE_NAMES, isConfigFileOf, resolveFolderArg } from '../../../src/vscode/present/folders';
import { usdCompact as formatUsd } from '../../../src/format';
import { buildSiteViews } from '../../../src/vscode/present/siteView';
import { statusBarText, sumFolderTotals, workspaceStatusText } from '../../../src/vscode/present/statusBar';
import { groupFolders, groupSites } from '../../../src/vscode/present/tree';

const REPO = join(__dirname, '..', '..', '..');
const SUPPORT_DESK = join(REPO, 'examples', 'support-desk');
const SECOND_APP = join(REPO, 'test', 'fixtures', 'multi-root-second-app');
const overrides: EditorOverrides = { defaultTrafficPerMonth: 0, monthsAhead: -1, budgetUsd: 0, endpoints: { anthropic: '', openai: '' } };

let engine: EditorEngine;
let desk: WorkspaceState;
let second: WorkspaceState;
let empty: WorkspaceState;
let emptyRoot: string;

before(async () => {
  emptyRoot = mkdtempSync(join(tmpdir(), 'tierwise-no-llm-'));
  mkdirSync(join(emptyRoot, 'src'));
  writeFileSync(join(emptyRoot, 'src', 'math.ts'), 'export const add = (a: number, b: number): number => a + b;\n');
  engine = createEditorEngine(() => undefined);
  desk = await engine.analyzeWorkspace(SUPPORT_DESK, overrides);
  second = await engine.analyzeWorkspace(SECOND_APP, overrides);
  empty = await engine.analyzeWorkspace(emptyRoot, overrides);
});

after(() => engine.dispose());

const projectionOf = (state: WorkspaceState): Projection => {
  assert.ok(state.projection, `${state.root} has a projection`);
  return state.projection;
};
const viewsOf = (state: WorkspaceState) => buildSiteViews(state.scan.callSites, state.projection?.callSites ?? [], state.recommendations, state.projection?.excluded ?? []);
const expectedOf = (state: WorkspaceState, id: string): number | undefined => state.projection?.callSites.find((c) => c.callSiteId === id)?.current?.range.expected;

test('each root uses its own tierwise.yml: the same call shape costs three times as much at three times the traffic', () => {
  // support-desk: no traffic configured, 30,000 requests/month; second-app: `traffic.default: 90000/month`.
  const deskCost = expectedOf(desk, 'src/tickets/classify.ts#classifyTicket#0');
  const secondCost = expectedOf(second, 'src/router.ts#routeTicket#0');
  assert.equal(deskCost, 104.25);
  assert.equal(secondCost, 312.75);
  assert.equal(second.configFile, join(SECOND_APP, 'tierwise.yml'));
});

test('the status bar of a multi-root workspace shows the sum of the folders, and its tooltip each folder', () => {
  const d = projectionOf(desk);
  const s = projectionOf(second);
  const folders = [
    { name: 'support-desk', projection: d },
    { name: 'second-app', projection: s },
    { name: 'no-llm', projection: projectionOf(empty) },
    { name: 'not-yet', projection: undefined },
  ];
  const { text, tooltip } = workspaceStatusText(folders, false);
  const now = d.totals.current.expected + s.totals.current.expected;
  const rec = d.totals.recommended.expected + s.totals.recommended.expected;
  assert.equal(text, `$(graph) ${formatUsd(now)}/mo → ${formatUsd(rec)}/mo`);
  const totals = sumFolderTotals(folders);
  assert.equal(totals.current, now);
  assert.equal(totals.callSites, d.callSites.length + s.callSites.length);
  const lines = tooltip.split('\n');
  assert.match(lines[0], /across 4 workspace folders/);
  assert.equal(lines[1], `• support-desk: ${formatUsd(d.totals.current.expected)}/mo → ${formatUsd(d.totals.recommended.expected)}/mo (${d.callSites.length} costed call sites${d.excluded.length ? `, ${d.excluded.length} left out` : ''})`);
  assert.equal(lines[2], `• second-app: $611/mo → $361/mo (2 costed call sites)`);
  assert.equal(lines[3], '• no-llm: no LLM call sites');
  assert.equal(lines[4], '• not-yet: not analysed yet');
});

test('a single folder keeps the single-folder status bar; no projection yet shows the plain item', () => {
  const d = projectionOf(desk);
  assert.deepEqual(workspaceStatusText([{ name: 'support-desk', projection: d }], false), statusBarText(d, false));
  assert.deepEqual(workspaceStatusText([{ name: 'a', projection: undefined }, { name: 'b', projection: undefined }], true), statusBarText(undefined, true));
  assert.equal(workspaceStatusText([], false).text, '$(graph) Tierwise');
});

test('the tree groups by folder first, in workspace order, leaving out folders without call sites', () => {
  const folders = [
    { root: SECOND_APP, name: 'second-app', views: viewsOf(second) },
    { root: emptyRoot, name: 'no-llm', views: viewsOf(empty) },
    { root: SUPPORT_DESK, name: 'support-desk', views: viewsOf(desk) },
  ];
  const top = groupFolders(folders, 'task');
  assert.deepEqual(top.map((f) => f.label), ['second-app', 'support-desk'], 'workspace order, not cost order; the folder without LLM calls is left out');
  assert.equal(top[0].description, '$611/mo · 2 call sites');
  assert.deepEqual(top[0].groups.map((g) => g.key), ['classification', 'summarization']);
  assert.deepEqual(top[1].groups, groupSites(folders[2].views, 'task'), 'inside a folder the tree is the single-folder tree');
  assert.deepEqual(groupFolders(folders, 'file')[0].groups.map((g) => g.key), ['src/router.ts', 'src/digest.ts']);
});

test('a command\'s folder argument names a workspace folder by path, name, Uri or WorkspaceFolder', () => {
  const folders = [{ root: '/ws/support-desk', name: 'support-desk' }, { root: '/ws/second-app', name: 'Second App' }];
  assert.deepEqual(resolveFolderArg(undefined, folders), { kind: 'none' });
  assert.deepEqual(resolveFolderArg('', folders), { kind: 'none' });
  assert.deepEqual(resolveFolderArg('/ws/second-app/', folders), { kind: 'folder', folder: folders[1] });
  assert.deepEqual(resolveFolderArg('Second App', folders), { kind: 'folder', folder: folders[1] });
  assert.deepEqual(resolveFolderArg({ fsPath: '/ws/support-desk', scheme: 'file' }, folders), { kind: 'folder', folder: folders[0] });
  assert.deepEqual(resolveFolderArg({ uri: { fsPath: '/ws/second-app' }, name: 'x', index: 1 }, folders), { kind: 'folder', folder: folders[1] });
  const unknown = resolveFolderArg('/elsewhere', folders);
  assert.equal(unknown.kind, 'unknown');
  assert.match(unknown.kind === 'unknown' ? unknown.message : '', /"\/elsewhere" is not a folder of this workspace\. Workspace folders: support-desk \(\/ws\/support-desk\), Second App \(\/ws\/second-app\)\./);
  assert.equal(resolveFolderArg(42, folders).kind, 'unknown');
});

test('only the tierwise.yml / tierwise.yaml at a folder\'s root is that folder\'s configuration', () => {
  assert.deepEqual(CONFIG_FILE_NAMES, [...ENGINE_CONFIG_FILE_NAMES], 'the same names, in the same order, as the engine');
  assert.equal(isConfigFileOf('/ws/a', '/ws/a/tierwise.yml'), true);
  assert.equal(isConfigFileOf('/ws/a/', '/ws/a/tierwise.yaml'), true);
  assert.equal(isConfigFileOf('/ws/a', '/ws/a/sub/tierwise.yml'), false);
  assert.equal(isConfigFileOf('/ws/a', '/ws/ab/tierwise.yml'), false);
  assert.equal(isConfigFileOf('C:\\ws\\a', 'C:\\ws\\a\\tierwise.yml'), true);
});
