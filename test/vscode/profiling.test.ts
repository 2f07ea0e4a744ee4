/**
 * "Tierwise: Run Profiling Batch" in a real VS Code against the local fake model server: the key
 * comes from SecretStorage, the dry-run confirmation is a modal the user clicks through, progress
 * shows in a notification with spend so far, Cancel stops the run, and the results log is written.
 * Screenshots: test-results/vscode/profiling-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeModelServer } from '../support/fakeModelServer';
import type { FakeModelServer } from '../support/fakeModelServer';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { copyWorkspace } from './support/layout';
import { startSession } from './support/session';
import type { Session } from './support/session';

const KEY = 'sk-ant-test-editor-secret-0123456789';

interface ProfilingObservations {
  error?: string;
  steps: string[];
  keyStored: boolean;
  outcome: { cancelled?: boolean; completed?: number; total?: number; spentUsd?: number; resultsFile?: string; refused?: string; error?: string };
  resultsFileExists: boolean;
  resultsLines: number;
  resultsText: string;
}

let fake: FakeModelServer;
let session: Session;
let obs: ProfilingObservations;
let modalText = '';
let progressText = '';

before(async () => {
  fake = await startFakeModelServer({ latencyMs: 700, requireKey: KEY });
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  session = await startSession({
    workspace,
    scenario: 'profiling',
    file: 'src/tickets/classify.ts',
    trusted: true,
    companion: { profiling: { tasks: ['classification'], tiers: [1, 2], key: KEY } },
    settings: { 'tierwise.providers.anthropic.baseURL': fake.url },
  });
  const { page } = session.workbench;
  await waitForPhase(session.outDir, 'profiling-started');
  const dialog = page.locator('.monaco-dialog-box');
  try {
    await dialog.waitFor({ timeout: 60_000 });
  } catch (error) {
    await session.workbench.screenshot('profiling-failure-no-confirmation');
    throw new Error(`no confirmation dialog within 60 s (${(error as Error).message.split('\n')[0]}). Tierwise log:\n${session.tierwiseLog().slice(-4000)}`);
  }
  modalText = await dialog.innerText();
  await session.workbench.screenshot('profiling-1-confirm');
  await dialog.getByRole('button', { name: 'Run' }).click();
  const toast = page.locator('.notification-toast', { hasText: 'Tierwise profiling' });
  await toast.waitFor({ timeout: 60_000 });
  await toast.getByText(/\b[1-9]\d*\/\d+ requests/).waitFor({ timeout: 60_000 });
  progressText = await toast.innerText();
  await session.workbench.screenshot('profiling-2-progress');
  await toast.hover();
  await toast.getByRole('button', { name: 'Cancel' }).click();
  ack(session.outDir, 'profiling-started');
  await waitForPhase(session.outDir, 'profiling-finished');
  await page.waitForTimeout(1000);
  await session.workbench.screenshot('profiling-3-cancelled');
  ack(session.outDir, 'profiling-finished');
  obs = await readResult<ProfilingObservations>(session.outDir);
});

after(async () => {
  await session?.close();
  await fake?.close();
});

test('the companion ran every step without error', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['profiling-started', 'profiling-finished']);
  assert.equal(obs.keyStored, true);
});

test('the dry-run estimate is shown for confirmation before anything is sent', () => {
  assert.match(modalText, /Run 60 profiling requests \(~\$[\d.]+\)\?/);
  assert.match(modalText, /tier 1 · claude-haiku-4-5 · 30 requests/);
  assert.match(modalText, /Estimated cost \$[\d.]+/);
});

test('progress shows requests done and spend so far', () => {
  assert.match(progressText, /\d+\/60 requests · \$[\d.]+ spent · 0 errors/);
});

test('Cancel stops the run early; what finished is in the results log', () => {
  const { outcome } = obs;
  assert.equal(outcome.cancelled, true, JSON.stringify(outcome));
  assert.equal(outcome.total, 60);
  assert.ok((outcome.completed ?? 0) > 0 && (outcome.completed ?? 0) < 60, `completed ${outcome.completed}`);
  assert.equal(obs.resultsFileExists, true, `results file ${outcome.resultsFile}`);
  assert.match(outcome.resultsFile ?? '', /^tierwise\/results\/profile-[0-9a-f]+\.jsonl$/);
  assert.ok(obs.resultsLines >= (outcome.completed ?? 0), `${obs.resultsLines} log lines for ${outcome.completed} completed`);
});

test('the requests reached the local server with the key from SecretStorage, and the key is nowhere in the log', () => {
  const sent = fake.countByModel();
  assert.ok((sent['claude-haiku-4-5'] ?? 0) + (sent['claude-sonnet-4-6'] ?? 0) > 0, JSON.stringify(sent));
  assert.ok(!obs.resultsText.includes(KEY));
  assert.ok(!session.server.log().includes(KEY));
  const leaks = filesUnder(session.userDataDir).filter((f) => readFileSync(f).includes(KEY));
  assert.deepEqual(leaks, [], 'no log or settings file under the user-data dir holds the key');
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}
