/**
 * The extension in a real VS Code (code-server + Chromium) on a copy of the example app:
 * CodeLens text above a known call, diagnostics with the right codes, a quick fix changing the
 * file, hovers, and lenses following an unsaved edit. Screenshots: test-results/vscode/editor-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { copyWorkspace } from './support/layout';
import { startSession } from './support/session';
import type { Session } from './support/session';

interface Lens {
  line: number;
  title: string;
  command?: string;
  args?: { focusCallSiteId?: string };
}

interface EditorObservations {
  error?: string;
  steps: string[];
  msToFirstLens: number;
  lenses: Lens[];
  diagnostics: Array<{ code: string; line: number; message: string; severity: number }>;
  hover: string[];
  codeActions: string[];
  fixApplied?: boolean;
  textBeforeFix?: string;
  textAfterFix?: string;
  lensesAfterFix?: Lens[];
  lensesAfterEdit: Lens[];
  dirtyAfterEdit: boolean;
  lensesAfterTraffic: Lens[];
  compare?: { base: number; head: number; deltaUsd: number };
  brokenConfigText: string;
  addedToConfig: boolean;
  configAfterAdd: string;
  annotatedText: string;
  lensesAfterAnnotation: Lens[];
  hoverAfterAnnotation: string[];
  engineLoadedAtActivation: boolean;
  engineLoadedAfterPlainFile: boolean;
  engineLoadedAfterLlmFile: boolean;
  configDiagnostics: Array<{ code: string; line: number; message: string; severity: number }>;
}

const FILE = 'src/tickets/classify.ts';

/** Makes the workspace copy a git repository with everything committed (the base of the comparison). */
function gitCommitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Tierwise Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
}
let session: Session;
let obs: EditorObservations;
let domLens = '';
let statusBar = '';
let treeRows: string[] = [];
const shots: string[] = [];

before(async () => {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  gitCommitAll(workspace);
  session = await startSession({ workspace, scenario: 'editor', file: FILE, trusted: true });
  const { outDir, workbench } = session;
  await waitForPhase(outDir, 'lenses');
  await workbench.page.waitForSelector('.codelens-decoration a', { timeout: 30_000 });
  shots.push(await workbench.screenshot('editor-1-lenses'));
  statusBar = await workbench.page.locator('.statusbar-item', { hasText: '/mo →' }).first().innerText();
  await workbench.page.locator('.activitybar .action-item a[aria-label^="Tierwise"]').click();
  const tree = workbench.page.locator('.pane', { hasText: 'LLM Call Sites' });
  await tree.locator('.monaco-list-row', { hasText: 'classifyTicket' }).waitFor({ timeout: 30_000 });
  treeRows = await tree.locator('.monaco-list-row').allInnerTexts();
  shots.push(await workbench.screenshot('editor-1b-tree'));
  domLens = await workbench.page.locator('.codelens-decoration').first().innerText();
  ack(outDir, 'lenses');
  await waitForPhase(outDir, 'quickfix');
  await workbench.page.waitForTimeout(500);
  shots.push(await workbench.screenshot('editor-2-after-quickfix'));
  ack(outDir, 'quickfix');
  await waitForPhase(outDir, 'compare');
  await workbench.page.waitForTimeout(1500);
  shots.push(await workbench.screenshot('editor-3-compare-with-head'));
  ack(outDir, 'compare');
  await waitForPhase(outDir, 'edited');
  await workbench.page.waitForTimeout(500);
  shots.push(await workbench.screenshot('editor-4-after-edit'));
  ack(outDir, 'edited');
  obs = await readResult<EditorObservations>(outDir);
});

after(async () => {
  await session?.close();
});

test('the companion ran every step without error', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['lenses', 'hover', 'quickfix', 'compare', 'edited', 'config', 'decisions']);
});

test('activation is cheap: the engine bundle loads only when a file importing an LLM SDK is opened', () => {
  assert.equal(obs.engineLoadedAtActivation, false);
  assert.equal(obs.engineLoadedAfterPlainFile, false, 'src/db/messages.ts imports no LLM SDK');
  assert.equal(obs.engineLoadedAfterLlmFile, true);
});

test('a CodeLens above classifyTicket shows task, tokens, monthly cost, model and the suggested tier', () => {
  const lens = obs.lenses[0];
  assert.match(lens.title, /^classification · ~\d[\d.k]*→\d+ tok · \$[\d,.]+\/mo on claude-opus-4-7 · tier 1 saves \d+%$/);
  assert.equal(lens.line, 8, 'anchored on the line of `client.messages.create(` (0-based 8)');
  assert.equal(lens.command, 'tierwise.showProjection');
  assert.equal(lens.args?.focusCallSiteId, 'src/tickets/classify.ts#classifyTicket#0');
  assert.equal(domLens.trim(), lens.title, 'the workbench renders the same text above the call');
});

test('diagnostics carry the stable finding codes at the model literal', () => {
  const codes = obs.diagnostics.map((d) => d.code).sort();
  assert.ok(codes.includes('downgrade-opportunity'), `codes: ${codes.join(', ')}`);
  assert.ok(codes.includes('hard-coded-model'), `codes: ${codes.join(', ')}`);
  for (const d of obs.diagnostics) assert.equal(d.severity, 2, 'Information by default');
  assert.ok(obs.diagnostics.some((d) => d.line === 9), 'on the `model:` line (0-based 9)');
});

test('the hover explains the task type, the tokens, the price source and the rules', () => {
  const text = obs.hover.join('\n');
  assert.match(text, /\*\*Task:\*\* classification/);
  assert.match(text, /\*\*Tokens:\*\*/);
  assert.match(text, /as of \d{4}-\d{2}-\d{2}/);
  assert.match(text, /\*\*Suggested:\*\* tier 1/);
});

test('quick fixes: use the suggested model, annotate, add to tierwise.yml', () => {
  assert.ok(obs.codeActions.some((t) => /^Tierwise: use claude-haiku-4-5 \(tier 1\)/.test(t)), obs.codeActions.join('\n'));
  assert.ok(obs.codeActions.some((t) => t.includes('`// tierwise:` annotation')), obs.codeActions.join('\n'));
  assert.ok(obs.codeActions.includes('Tierwise: Add this call site to tierwise.yml'));
});

test('applying the model quick fix edits the literal and the lens follows', () => {
  assert.equal(obs.fixApplied, true);
  assert.match(obs.textBeforeFix ?? '', /model: 'claude-opus-4-7',/);
  assert.match(obs.textAfterFix ?? '', /model: 'claude-haiku-4-5',/);
  assert.equal((obs.textAfterFix ?? '').replace("'claude-haiku-4-5'", "'claude-opus-4-7'"), obs.textBeforeFix, 'only the model literal changed');
  assert.match(obs.lensesAfterFix?.[0]?.title ?? '', /on claude-haiku-4-5 · tier 1 ✓$/);
});

test('Compare Cost with Branch: the saved fix against HEAD lowers the projected cost by that call site\'s saving', () => {
  const c = obs.compare;
  assert.ok(c, 'the command returned the diff totals');
  // classifyTicket: $104.25/mo on claude-opus-4-7 at HEAD, $20.85/mo on claude-haiku-4-5 in the working tree.
  assert.ok(Math.abs(c.deltaUsd - (20.85 - 104.25)) < 0.01, JSON.stringify(c));
  assert.ok(Math.abs(c.base - c.head - 83.4) < 0.01);
});

test('an unsaved edit re-analyses the file: the lens moves with the call', () => {
  assert.equal(obs.dirtyAfterEdit, true, 'the buffer was not saved');
  assert.equal(obs.lensesAfterEdit[0].line, 11);
});

test('the status bar shows the workspace cost now -> recommended', () => {
  assert.match(statusBar.trim(), /^\$[\d,]+\/mo → \$[\d,]+\/mo$/);
});

test('the tree lists call sites grouped by task type, the costliest group first', () => {
  const groups = treeRows.filter((r) => /\$[\d,.]+\/mo · \d+ call sites?/.test(r));
  assert.ok(groups.length >= 5, treeRows.join(' | '));
  const costs = groups.map((g) => Number(/\$([\d,.]+)\/mo/.exec(g)?.[1].replace(/,/g, '')));
  assert.deepEqual(costs, [...costs].sort((a, b) => b - a), 'sorted by monthly cost');
  assert.ok(treeRows.some((r) => r.includes('classifyTicket (src/tickets/classify.ts:9)')), treeRows.join(' | '));
});

test('saving tierwise.yml refreshes the lenses: doubling the default traffic doubles the monthly cost', () => {
  // Before: 30,000 requests/month (default) at $0.6950 per 1,000 calls on claude-haiku-4-5 = $20.85/mo.
  // After `traffic.default: 60000/month`: 60 x $0.6950 = $41.70/mo.
  assert.match(obs.lensesAfterEdit[0].title, /\$20\.85\/mo on claude-haiku-4-5/);
  assert.match(obs.lensesAfterTraffic[0].title, /\$41\.70\/mo on claude-haiku-4-5/);
});

test('a broken tierwise.yml shows its problem as a diagnostic in tierwise.yml, on the offending line', () => {
  const problem = obs.configDiagnostics.find((d) => d.message.includes('contextGuard'));
  assert.ok(problem, JSON.stringify(obs.configDiagnostics));
  assert.equal(problem.severity, 0, 'an error');
  assert.match(problem.message, /Fix: /);
  const lines = obs.brokenConfigText.split('\n');
  assert.match(lines[problem.line], /contextGuard: 7/);
});

test('the "add to tierwise.yml" fix lists the call site under traffic.callSites with its current traffic', () => {
  assert.equal(obs.addedToConfig, true);
  assert.match(obs.configAfterAdd, /^traffic:\n(?:.*\n)*?\s+callSites:\n(?:.*\n)*?\s+src\/tickets\/classify\.ts#classifyTicket#0: 30000\/month$/m);
  assert.match(obs.configAfterAdd, /^tasks:/m, 'the rest of the file is kept');
});

test('the annotation fix records task, tier, traffic and consequence above the call, and the engine reads it back', () => {
  const lines = obs.annotatedText.split('\n');
  const at = obs.lensesAfterEdit[0].line;
  assert.equal(lines[at], '  // tierwise: task=classification tier=1 traffic=30000/month consequence=medium');
  assert.match(lines[at + 1], /const response = await client\.messages\.create\(\{/);
  assert.equal(obs.lensesAfterAnnotation[0].line, at + 1, 'the lens moved below the new comment line');
  assert.match(obs.hoverAfterAnnotation.join('\n'), /\*\*Task:\*\* classification \(100% confidence, annotation\)/);
});

test('screenshots of each state were saved', () => {
  assert.equal(shots.length, 5);
});
