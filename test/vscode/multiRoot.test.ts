/**
 * A multi-root workspace in a real VS Code (code-server + Chromium): a `.code-workspace` with a copy
 * of the support-desk example and a second app (test/fixtures/multi-root-second-app) holding the
 * same ticket-router call at three times the traffic (its own tierwise.yml) plus an OpenAI gpt-4o
 * call. Each folder's lenses use its own tierwise.yml; the status bar is the sum of the folders (as
 * `tierwise project <folder>` computes them); typing in the second folder's tierwise.yml updates it
 * before any save, and an invalid typed value is flagged on its line. Screenshots:
 * test-results/vscode/multiroot-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { usdCompact as formatUsd } from '../../src/format';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { startSession } from './support/session';
import type { Session } from './support/session';

interface Lens {
  line: number;
  title: string;
  args?: { focusCallSiteId?: string; folder?: string };
}

interface Diagnostic {
  code: string;
  line: number;
  message: string;
  severity: number;
}

interface MultiRootObservations {
  error?: string;
  steps: string[];
  folders: Array<{ name: string; path: string }>;
  firstLenses: Lens[];
  secondLenses: Lens[];
  otherLenses: Lens[];
  secondDiagnostics: Diagnostic[];
  openedConfig?: string;
  activeAfterOpen: string | null;
  secondLensesUnsaved: Lens[];
  firstLensesUnsaved: Lens[];
  dirtyAfterValid: boolean;
  invalidDiagnostics: Diagnostic[];
  invalidText: string;
  dirtyWhileInvalid: boolean;
  firstConfigDiagnostics: Diagnostic[];
  diagnosticsAfterFix: Diagnostic[];
  dirtyAfterFix: boolean;
  secondLensesAfterFix: Lens[];
  secondLensesAfterRevert: Lens[];
  revertedToDisk: boolean;
  removeAccepted: boolean;
  afterRemove: { lenses: number; diagnostics: number; firstLenses: Lens[] };
  addAccepted: boolean;
  lensesAfterReAdd: Lens[];
}

/** The part of `tierwise project --format json` the test compares with. */
interface CliProjection {
  totals: { current: { expected: number }; recommended: { expected: number } };
  callSites: Array<{ callSiteId: string; current: { range: { expected: number } } | null }>;
}

const FIRST = 'support-desk';
const SECOND = 'second-app';
const FIRST_FILE = 'src/tickets/classify.ts';
const SECOND_FILE = 'src/router.ts';
const OTHER_FILE = 'src/digest.ts';
const FIRST_ID = 'src/tickets/classify.ts#classifyTicket#0';
const SECOND_ID = 'src/router.ts#routeTicket#0';

function cliProject(folder: string): CliProjection {
  const out = execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'project', folder, '--format', 'json'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return JSON.parse(out) as CliProjection;
}

const siteCost = (p: CliProjection, id: string): number => {
  const cost = p.callSites.find((c) => c.callSiteId === id)?.current?.range.expected;
  assert.ok(cost !== undefined, `the CLI priced ${id}`);
  return cost;
};

/** The status bar text of a sum of CLI projections, as the extension formats it. */
const statusOf = (...projections: CliProjection[]): string => {
  const now = projections.reduce((sum, p) => sum + p.totals.current.expected, 0);
  const rec = projections.reduce((sum, p) => sum + p.totals.recommended.expected, 0);
  return `${formatUsd(now)}/mo → ${formatUsd(rec)}/mo`;
};

/** Waits until the Tierwise status bar item reads `expected`; returns what it last read. */
async function statusBarReading(page: Page, expected: string, timeoutMs = 60_000): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: '/mo →' }).first();
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await item.innerText().catch(() => '')).trim();
    if (text === expected) return text;
    await page.waitForTimeout(250);
  }
  return text;
}

let session: Session;
let obs: MultiRootObservations;
let cli: { first: CliProjection; second: CliProjection; secondTyped: CliProjection };
const status: Record<'lenses' | 'unsavedValid' | 'removed', string> = { lenses: '', unsavedValid: '', removed: '' };
let folderRows: string[] = [];
const shots: string[] = [];

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-multiroot-'));
  cpSync(join(REPO_ROOT, 'examples', 'support-desk'), join(dir, FIRST), { recursive: true, filter: (src) => !src.includes('node_modules') });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'multi-root-second-app'), join(dir, SECOND), { recursive: true });
  const workspaceFile = join(dir, 'tierwise-multi-root.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: FIRST }, { path: SECOND }], settings: {} }, null, 2));
  session = await startSession({
    workspace: dir,
    workspaceFile,
    scenario: 'multiRoot',
    file: '',
    trusted: true,
    // Desktop VS Code's default (code-server, a web build, auto-saves after a second): the test types into an unsaved tierwise.yml.
    settings: { 'files.autoSave': 'off', 'workbench.view.alwaysShowHeaderActions': true },
    companion: { multiRoot: { first: FIRST, second: SECOND, firstFile: FIRST_FILE, secondFile: SECOND_FILE, secondOtherFile: OTHER_FILE } },
  });
  // The session built dist/ (the CLI too): the CLI's projection of each folder, and of the second
  // folder with the traffic value the companion types (a copy: the workspace itself is never saved).
  const typedCopy = mkdtempSync(join(tmpdir(), 'tierwise-multiroot-typed-'));
  cpSync(join(dir, SECOND), typedCopy, { recursive: true });
  const config = join(typedCopy, 'tierwise.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('90000/month', '120000/month'));
  cli = { first: cliProject(join(dir, FIRST)), second: cliProject(join(dir, SECOND)), secondTyped: cliProject(typedCopy) };
  rmSync(typedCopy, { recursive: true, force: true });

  const { outDir, workbench } = session;
  const { page } = workbench;
  await waitForPhase(outDir, 'lenses', 240_000);
  await page.waitForSelector('.codelens-decoration a', { timeout: 30_000 });
  status.lenses = await statusBarReading(page, statusOf(cli.first, cli.second));
  shots.push(await workbench.screenshot('multiroot-1-lenses'));
  await page.locator('.activitybar .action-item a[aria-label^="Tierwise"]').click();
  const tree = page.locator('.pane', { hasText: 'LLM Call Sites' });
  await tree.locator('.monaco-list-row', { hasText: SECOND }).waitFor({ timeout: 30_000 });
  // Collapse the folders to see both folder rows (the tree renders only the rows in view). The
  // view's actions sit in the side bar's title (a single view has no header of its own).
  await page.locator('.part.sidebar .composite.title').hover();
  await page.locator('.part.sidebar .action-label[aria-label="Collapse All"]:visible').first().click();
  await page.waitForTimeout(500);
  folderRows = await tree.locator('.monaco-list-row').allInnerTexts();
  shots.push(await workbench.screenshot('multiroot-2-tree-by-folder'));
  ack(outDir, 'lenses');

  await waitForPhase(outDir, 'unsaved-valid');
  status.unsavedValid = await statusBarReading(page, statusOf(cli.first, cli.secondTyped));
  shots.push(await workbench.screenshot('multiroot-3-unsaved-traffic'));
  ack(outDir, 'unsaved-valid');

  await waitForPhase(outDir, 'invalid');
  await page.waitForTimeout(500);
  shots.push(await workbench.screenshot('multiroot-4-invalid-unsaved-value'));
  ack(outDir, 'invalid');

  await waitForPhase(outDir, 'removed');
  status.removed = await statusBarReading(page, statusOf(cli.first));
  ack(outDir, 'removed');
  obs = await readResult<MultiRootObservations>(outDir);
});

after(async () => {
  await session?.close();
});

test('the companion ran every step without error', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['lenses', 'unsaved-valid', 'invalid', 'reverted', 'removed', 're-added']);
  assert.deepEqual(obs.folders.map((f) => f.name), [FIRST, SECOND]);
});

test('each folder\'s lenses use that folder\'s tierwise.yml: the same call shape, three times the traffic, three times the cost', () => {
  const first = siteCost(cli.first, FIRST_ID);
  const second = siteCost(cli.second, SECOND_ID);
  assert.ok(Math.abs(second - 3 * first) < 0.01, `CLI: ${first} vs ${second}`);
  assert.match(obs.firstLenses[0].title, new RegExp(`^classification · ~655→8 tok · \\${formatUsd(first)}/mo on claude-opus-4-7 · tier 1 saves 80%$`));
  assert.match(obs.secondLenses[0].title, new RegExp(`^classification · ~655→8 tok · \\${formatUsd(second)}/mo on claude-opus-4-7 · tier 1 saves 80%$`));
  assert.equal(formatUsd(second), '$313');
  assert.equal(obs.secondLenses[0].args?.focusCallSiteId, SECOND_ID);
  assert.equal(obs.secondLenses[0].args?.folder, obs.folders[1].path, 'a lens click opens its own folder\'s projection');
  assert.match(obs.otherLenses[0].title, new RegExp(`\\${formatUsd(siteCost(cli.second, 'src/digest.ts#digestConversation#0'))}/mo on gpt-4o`));
  assert.ok(obs.secondDiagnostics.some((d) => d.code === 'downgrade-opportunity'), JSON.stringify(obs.secondDiagnostics));
});

test('the status bar shows the workspace total: the sum of `tierwise project` over the folders', () => {
  assert.equal(status.lenses, statusOf(cli.first, cli.second));
  assert.notEqual(status.lenses, statusOf(cli.first), 'not just the first folder');
});

test('the tree groups by folder first, in workspace order, each with its total', () => {
  assert.equal(folderRows.length, 2, folderRows.join(' | '));
  assert.match(folderRows[0], new RegExp(`^${FIRST}\\s*\\$[\\d,.]+/mo · \\d+ call sites$`));
  assert.match(folderRows[1], new RegExp(`^${SECOND}\\s*\\${formatUsd(cli.second.totals.current.expected)}/mo · 2 call sites$`));
});

test('a command acts on the folder it is given: Open Configuration opens the second folder\'s tierwise.yml', () => {
  assert.equal(obs.openedConfig, join(obs.folders[1].path, 'tierwise.yml'));
  assert.equal(obs.activeAfterOpen, obs.openedConfig);
});

test('typing a traffic value into tierwise.yml (unsaved) re-projects that folder only: lenses and status bar', () => {
  assert.equal(obs.dirtyAfterValid, true, 'not saved');
  assert.match(obs.secondLensesUnsaved[0].title, new RegExp(`\\${formatUsd(siteCost(cli.secondTyped, SECOND_ID))}/mo on claude-opus-4-7`));
  assert.equal(formatUsd(siteCost(cli.secondTyped, SECOND_ID)), '$417');
  assert.deepEqual(obs.firstLensesUnsaved, obs.firstLenses, 'the other folder is untouched');
  assert.equal(status.unsavedValid, statusOf(cli.first, cli.secondTyped));
});

test('an invalid value typed into tierwise.yml shows a diagnostic on its line before any save; fixing it clears it', () => {
  assert.equal(obs.dirtyWhileInvalid, true, 'not saved');
  const problem = obs.invalidDiagnostics.find((d) => d.message.includes('traffic.default'));
  assert.ok(problem, JSON.stringify(obs.invalidDiagnostics));
  assert.equal(problem.severity, 0, 'an error');
  assert.equal(problem.code, 'config');
  assert.match(problem.message, /"lots".*Fix: /);
  assert.match(obs.invalidText.split('\n')[problem.line], /^\s+default: lots$/);
  assert.deepEqual(obs.firstConfigDiagnostics, [], 'the other folder\'s tierwise.yml has no problem');
  assert.deepEqual(obs.diagnosticsAfterFix, []);
  assert.equal(obs.dirtyAfterFix, true, 'cleared before any save');
  assert.match(obs.secondLensesAfterFix[0].title, /\$417\/mo on claude-opus-4-7/);
});

test('reverting tierwise.yml goes back to the file on disk', () => {
  assert.equal(obs.revertedToDisk, true);
  assert.equal(obs.secondLensesAfterRevert[0].title, obs.secondLenses[0].title);
});

test('removing a folder drops its lenses, diagnostics and share of the total; adding it back analyses it again', () => {
  assert.equal(obs.removeAccepted, true);
  assert.deepEqual(obs.afterRemove, { lenses: 0, diagnostics: 0, firstLenses: obs.firstLenses });
  assert.equal(status.removed, statusOf(cli.first));
  assert.equal(obs.addAccepted, true);
  assert.equal(obs.lensesAfterReAdd[0].title, obs.secondLenses[0].title);
});

test('screenshots of each state were saved', () => {
  assert.equal(shots.length, 4);
});
