/**
 * Restricted Mode in a real VS Code: started WITHOUT --disable-workspace-trust, the user answers
 * "No, I don't trust the authors". Static analysis still shows lenses; "Run Profiling Batch"
 * refuses with an explanation. Screenshot: test-results/vscode/untrusted-refused.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { copyWorkspace } from './support/layout';
import { startSession } from './support/session';
import type { Session } from './support/session';

interface UntrustedObservations {
  error?: string;
  isTrusted: boolean;
  steps: string[];
  lenses: Array<{ line: number; title: string }>;
  outcome: { refused?: string };
  createdConfig: string | null;
  activeEditor: string | null;
}

let session: Session;
let obs: UntrustedObservations;
let notificationText = '';

before(async () => {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  rmSync(join(workspace, 'tierwise.yml')); // "Open Configuration" must create it from the scan
  session = await startSession({ workspace, scenario: 'untrusted', file: 'src/tickets/classify.ts', trusted: false });
  const { page } = session.workbench;
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await session.workbench.screenshot('untrusted-1-trust-prompt');
  await dialog.getByRole('button', { name: /No, I don.t trust the authors/ }).click();
  await waitForPhase(session.outDir, 'refused');
  const toast = page.locator('.notification-toast', { hasText: 'profiling is disabled in Restricted Mode' });
  await toast.waitFor({ timeout: 30_000 });
  notificationText = await toast.innerText();
  await page.waitForTimeout(500); // let the toast finish sliding in before the screenshot
  await session.workbench.screenshot('untrusted-2-refused');
  ack(session.outDir, 'refused');
  obs = await readResult<UntrustedObservations>(session.outDir);
});

after(async () => {
  await session?.close();
});

test('the workspace runs in Restricted Mode and the companion finished', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.equal(obs.isTrusted, false);
  assert.deepEqual(obs.steps, ['lenses', 'refused', 'config-created']);
});

test('static analysis still works: the CodeLens is shown', () => {
  assert.match(obs.lenses[0]?.title ?? '', /^classification · .* on claude-opus-4-7/);
});

test('profiling refuses with an explanation', () => {
  assert.deepEqual(obs.outcome, { refused: 'untrusted' });
  assert.match(notificationText, /sends prompts built from this workspace's code to model APIs and spends money/);
});

test('"Open Configuration" creates tierwise.yml from the scan when missing and opens it', () => {
  assert.ok(obs.createdConfig, 'tierwise.yml was written');
  assert.match(obs.createdConfig, /^tiers:/m);
  assert.match(obs.createdConfig, /src\/tickets\/classify\.ts#classifyTicket#0/, 'pre-filled with the call sites the scan found');
  assert.equal(obs.activeEditor, join(session.workspace, 'tierwise.yml'));
});
