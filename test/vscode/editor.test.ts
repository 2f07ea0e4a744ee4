/**
 * The extension in a real VS Code (code-server + Chromium) on a copy of the example app:
 * CodeLens text above a known call, diagnostics with the right codes, a quick fix changing the
 * file, hovers, and lenses following an unsaved edit. Screenshots: test-results/vscode/editor-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
}

const FILE = 'src/tickets/classify.ts';
let session: Session;
let obs: EditorObservations;
let domLens = '';
const shots: string[] = [];

before(async () => {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  session = await startSession({ workspace, scenario: 'editor', file: FILE, trusted: true });
  const { outDir, workbench } = session;
  await waitForPhase(outDir, 'lenses');
  await workbench.page.waitForSelector('.codelens-decoration a', { timeout: 30_000 });
  shots.push(await workbench.screenshot('editor-1-lenses'));
  domLens = await workbench.page.locator('.codelens-decoration').first().innerText();
  ack(outDir, 'lenses');
  await waitForPhase(outDir, 'quickfix');
  await workbench.page.waitForTimeout(500);
  shots.push(await workbench.screenshot('editor-2-after-quickfix'));
  ack(outDir, 'quickfix');
  await waitForPhase(outDir, 'edited');
  await workbench.page.waitForTimeout(500);
  shots.push(await workbench.screenshot('editor-3-after-edit'));
  ack(outDir, 'edited');
  obs = await readResult<EditorObservations>(outDir);
});

after(async () => {
  await session?.close();
});

test('the companion ran every step without error', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['lenses', 'hover', 'quickfix', 'edited']);
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

test('an unsaved edit re-analyses the file: the lens moves with the call', () => {
  assert.equal(obs.dirtyAfterEdit, true, 'the buffer was not saved');
  assert.equal(obs.lensesAfterEdit[0].line, 11);
});

test('screenshots of each state were saved', () => {
  assert.equal(shots.length, 3);
});
