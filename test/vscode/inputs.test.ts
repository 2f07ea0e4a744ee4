/**
 * The API key and profiling inputs typed the way a person does, in a real VS Code (code-server +
 * Chromium) with Tierwise installed from its .vsix, against the local fake model server:
 * F1 → "Tierwise: Set API Key" → type the provider into the quick pick → type the key into the
 * password box → Enter; then "Tierwise: Run Profiling Batch" with a task and a tier chosen in the
 * multi-select pickers by keyboard, the dry-run estimate confirmed with Enter, and the run checked
 * on disk and at the server (which must have received exactly the typed key). The key must be in
 * no settings file, no log, no results log and not in the webview. Then "Tierwise: Clear API Key"
 * and profiling refuses before the confirmation, naming the missing key.
 * Screenshots: test-results/vscode/inputs-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeModelServer } from '../support/fakeModelServer';
import type { FakeModelServer, LoggedRequest } from '../support/fakeModelServer';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { copyWorkspace } from './support/layout';
import { startSession } from './support/session';
import type { Session } from './support/session';

const FILE = 'src/tickets/classify.ts';
/** What the person types into the password box. */
const KEY = 'sk-ant-typed-by-hand-5f3a9c0e7b21d4';

interface ResultsLog {
  file: string;
  lines: number;
  text: string;
}

interface InputsObservations {
  error?: string;
  steps: string[];
  extensionPath: string | null;
  lenses: string[];
  resultsBefore: ResultsLog[];
  settingsHoldingKey: string[];
  resultsAfterRun: ResultsLog[];
  settingsHoldingKeyAfterClear: string[];
  resultsAfterClear: ResultsLog[];
}

/** One row of the open quick pick as shown. */
interface Row {
  label: string;
  checked: boolean | null;
}

/** What the person saw, in order. */
interface Seen {
  providerRows: Row[];
  providerRowsAfterTyping: Row[];
  keyInputType: string | null;
  keyInputValueLength: number;
  keyBoxText: string;
  savedToast: string;
  taskRows: Row[];
  taskRowsChosen: Row[];
  tierRows: Row[];
  tierRowsChosen: Row[];
  modalText: string;
  finishedToast: string;
  webviewHtml: string;
  clearedToast: string;
  requestsBeforeRefusal: number;
  refusedToast: string;
  dialogAfterRefusal: boolean;
  requestsAfterRefusal: number;
}

let fake: FakeModelServer;
let session: Session;
let obs: InputsObservations;
const seen: Partial<Seen> = {};

/** Evaluated in the workbench page: the quick pick's filter has narrowed the list to one row. */
const ONE_ROW = "document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row').length === 1";

/** F1, type the command's title, Enter: how a person runs a command. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  // When a webview has focus (the results view after a run), F1 can go to the webview's frame: like a
  // person, click a neutral spot of the workbench (the side bar's title) and press F1 again.
  const pressF1 = async (): Promise<boolean> => {
    await page.keyboard.press('F1');
    return input.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  };
  for (let attempt = 1; !(await pressF1()); attempt++) {
    if (attempt === 4) throw new Error(`F1 did not open the command palette (4 tries) to run "${title}"`);
    await page.locator('.part.sidebar .composite.title').click();
  }
  // Keystrokes can also still land in the webview's frame until the palette's input takes focus.
  await input.focus();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Waits for the quick input titled `title` (the command's own picker or box replaced the palette). */
async function waitForQuickInput(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
  // A command that fails instead shows an error notification: report it rather than time out.
  const failure = page.locator('.notification-toast', { has: page.locator('.codicon-error'), hasText: 'Tierwise' });
  await input.or(failure).first().waitFor({ timeout: 90_000 });
  if (!(await input.isVisible())) throw new Error(`instead of "${title}" the editor showed: ${await failure.first().innerText()}`);
  await page.locator('.quick-input-widget .monaco-list-row, .quick-input-widget input[type="password"]').first().waitFor({ timeout: 30_000 });
}

/** The rows of the open quick pick with their checkbox state (null: a single-select pick). */
async function rows(page: Page): Promise<Row[]> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
    els.map((el) => {
      const box = el.querySelector('[role="checkbox"]');
      return { label: el.getAttribute('aria-label') ?? '', checked: box ? box.getAttribute('aria-checked') === 'true' : null };
    }),
  );
}

/**
 * In a multi-select quick pick (every row checked by default): Shift+Tab moves from the filter box
 * into the list, ArrowDown walks the rows, Space toggles the focused row's checkbox. Leaves only
 * the rows whose label starts with `keep` checked.
 */
async function keepOnly(page: Page, keep: string): Promise<Row[]> {
  const before = await rows(page);
  await page.keyboard.press('Shift+Tab');
  for (const row of before) {
    await page.keyboard.press('ArrowDown');
    if (row.checked !== row.label.startsWith(keep)) await page.keyboard.press('Space');
  }
  return rows(page);
}

async function toast(page: Page, text: string | RegExp): Promise<string> {
  const found = page.locator('.notification-toast', { hasText: text }).last();
  await found.waitFor({ timeout: 120_000 });
  return found.innerText();
}

/** The profiling results view's HTML once it shows `mustShow` (code-server nests `iframe.webview` > `#active-frame`). */
async function webviewHtml(page: Page, mustShow: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  let html = '';
  while (Date.now() < deadline) {
    const handle = await page.frameLocator('iframe.webview').first().locator('#active-frame').elementHandle({ timeout: 5_000 }).catch(() => null);
    const frame = await handle?.contentFrame();
    html = (await frame?.content().catch(() => '')) ?? '';
    if (html.includes(mustShow)) return html;
    await page.waitForTimeout(300);
  }
  throw new Error(`the results view did not show "${mustShow}"; last HTML seen: ${html.slice(0, 500)}`);
}

before(async () => {
  fake = await startFakeModelServer({ requireKey: KEY });
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  session = await startSession({
    workspace,
    scenario: 'inputs',
    file: FILE,
    trusted: true,
    companion: { inputs: { key: KEY } },
    settings: { 'tierwise.providers.anthropic.baseURL': fake.url },
  });
  try {
    await drive(session.workbench.page);
  } catch (error) {
    await session.workbench.screenshot('inputs-failure').catch(() => undefined);
    // What the person would have read on screen (an error notification usually explains the failure).
    const toasts = await session.workbench.page.locator('.notification-toast').allInnerTexts().catch(() => []);
    throw toasts.length ? new Error(`${error instanceof Error ? error.message : String(error)}\nNotifications on screen:\n${toasts.join('\n')}`, { cause: error }) : error;
  }
});

after(async () => {
  await session?.close();
  await fake?.close();
});

/** Everything the person does, in order; fills `seen` and `obs`. */
async function drive(page: Page): Promise<void> {
  const shot = (name: string): Promise<string> => session.workbench.screenshot(`inputs-${name}`);
  await waitForPhase(session.outDir, 'ready');

  // 1. Set API Key: provider typed into the quick pick, key typed into the password box.
  await runFromPalette(page, 'Tierwise: Set API Key');
  await waitForQuickInput(page, 'Tierwise: Set API Key');
  seen.providerRows = await rows(page);
  await page.keyboard.type('anthr');
  await page.waitForFunction(ONE_ROW, undefined, { timeout: 10_000 });
  seen.providerRowsAfterTyping = await rows(page);
  await shot('1-provider');
  await page.keyboard.press('Enter');
  await waitForQuickInput(page, 'Tierwise: anthropic API key');
  await page.keyboard.type(KEY);
  const keyBox = page.locator('.quick-input-widget input[type="password"]');
  seen.keyInputType = await keyBox.getAttribute('type');
  seen.keyInputValueLength = (await keyBox.inputValue()).length;
  seen.keyBoxText = await page.locator('.quick-input-widget').innerText();
  await shot('2-key-masked');
  await page.keyboard.press('Enter');
  seen.savedToast = await toast(page, 'API key saved');

  // 2. Run Profiling Batch: one task, one tier, chosen by keyboard; confirm the estimate with Enter.
  await runFromPalette(page, 'Tierwise: Run Profiling Batch');
  await waitForQuickInput(page, 'Tierwise profiling: tasks');
  seen.taskRows = await rows(page);
  seen.taskRowsChosen = await keepOnly(page, 'classification');
  await shot('3-tasks');
  await page.keyboard.press('Enter');
  await waitForQuickInput(page, 'Tierwise profiling: tiers');
  seen.tierRows = await rows(page);
  seen.tierRowsChosen = await keepOnly(page, 'tier 1');
  await shot('4-tiers');
  await page.keyboard.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 90_000 });
  seen.modalText = await dialog.innerText();
  await shot('5-confirm');
  await page.keyboard.press('Enter'); // the dialog's primary button, "Run", has the focus
  seen.finishedToast = await toast(page, 'Tierwise profiling finished');
  seen.webviewHtml = await webviewHtml(page, 'claude-haiku-4-5');
  await shot('6-finished');
  ack(session.outDir, 'ready');
  await waitForPhase(session.outDir, 'ran');

  // 3. Clear API Key, then profiling refuses before asking to spend anything.
  await runFromPalette(page, 'Tierwise: Clear API Key');
  await waitForQuickInput(page, 'Tierwise: Clear API Key');
  await page.keyboard.type('anthr');
  await page.waitForFunction(ONE_ROW, undefined, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  seen.clearedToast = await toast(page, 'API key removed');
  seen.requestsBeforeRefusal = fake.requests.length;
  await runFromPalette(page, 'Tierwise: Run Profiling Batch');
  await waitForQuickInput(page, 'Tierwise profiling: tasks');
  await page.keyboard.press('Enter'); // every task
  await waitForQuickInput(page, 'Tierwise profiling: tiers');
  await page.keyboard.press('Enter'); // every tier
  seen.refusedToast = await toast(page, 'no API key for');
  seen.dialogAfterRefusal = await dialog.isVisible();
  await page.waitForTimeout(500);
  await shot('7-missing-key');
  seen.requestsAfterRefusal = fake.requests.length;
  ack(session.outDir, 'ran');
  obs = await readResult<InputsObservations>(session.outDir);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** The key a request carried (the Anthropic SDK sends `x-api-key`; OpenAI-style clients a bearer token). */
function keyOf(request: LoggedRequest): string {
  const header = request.headers['x-api-key'] ?? String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  return Array.isArray(header) ? header.join(',') : String(header);
}

test('the companion saw every step and Tierwise ran from the installed .vsix', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['ready', 'ran', 'cleared']);
  assert.match(obs.extensionPath ?? '', /[\\/]tierwise\.tierwise-\d+\.\d+\.\d+$/);
  const manifest = JSON.parse(readFileSync(join(obs.extensionPath ?? '', '..', 'extensions.json'), 'utf8')) as Array<{ identifier: { id: string }; metadata?: { source?: string } }>;
  assert.equal(manifest.find((e) => e.identifier.id === 'tierwise.tierwise')?.metadata?.source, 'vsix', 'code-server installed it from the .vsix');
  assert.ok(obs.lenses.some((t) => t.includes(' tok')), JSON.stringify(obs.lenses));
});

test('Set API Key: the provider is picked by typing, the key goes into a masked password box', () => {
  assert.deepEqual(seen.providerRows?.map((r) => r.label), ['anthropic', 'openai', 'google']);
  assert.deepEqual(seen.providerRowsAfterTyping?.map((r) => r.label), ['anthropic'], 'typing "anthr" filters to anthropic');
  assert.equal(seen.keyInputType, 'password');
  assert.equal(seen.keyInputValueLength, KEY.length, 'every typed character reached the box');
  assert.ok(!seen.keyBoxText?.includes(KEY), 'the box shows no key text');
  assert.match(seen.keyBoxText ?? '', /secret storage/);
  assert.match(seen.savedToast ?? '', /anthropic API key saved in the editor's secret storage/);
});

test('the profiling pickers are multi-select with everything checked, and the keyboard narrows them to one task and one tier', () => {
  assert.ok((seen.taskRows?.length ?? 0) >= 2, JSON.stringify(seen.taskRows));
  assert.ok(seen.taskRows?.every((r) => r.checked === true), JSON.stringify(seen.taskRows));
  assert.deepEqual(seen.taskRowsChosen?.filter((r) => r.checked).map((r) => r.label.split(',')[0]), ['classification']);
  assert.deepEqual(seen.tierRows?.map((r) => r.checked), [true, true, true]);
  assert.deepEqual(seen.tierRowsChosen?.filter((r) => r.checked).map((r) => r.label.split(',')[0]), ['tier 1']);
});

test('the dry-run estimate for exactly that choice is confirmed with Enter, and the run completes', () => {
  assert.match(seen.modalText ?? '', /Run 30 profiling requests \(~\$[\d.]+\)\?/);
  assert.match(seen.modalText ?? '', /tier 1 · claude-haiku-4-5 · 30 requests/);
  assert.doesNotMatch(seen.modalText ?? '', /tier 2|extraction|summarization/);
  assert.match(seen.finishedToast ?? '', /Tierwise profiling finished: 30\/30 requests, \$[\d.]+ spent\. Results: tierwise\/results\/profile-[0-9a-f]+\.jsonl/);
});

test('the run is in the results log on disk: 30 successful classification results on tier 1', () => {
  assert.deepEqual(obs.resultsBefore, []);
  assert.equal(obs.resultsAfterRun.length, 1, JSON.stringify(obs.resultsAfterRun.map((r) => r.file)));
  const log = obs.resultsAfterRun[0];
  assert.ok((seen.finishedToast ?? '').includes(log.file), `the toast names ${log.file}`);
  const results = log.text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { type: string; ok?: boolean; task?: string; model?: string; key?: string });
  const ok = results.filter((r) => r.type === 'result' && r.ok);
  assert.equal(ok.length, 30, `ok results: ${ok.length} of ${results.length} records`);
  assert.ok(ok.every((r) => r.task === 'classification' && r.model === 'claude-haiku-4-5'));
});

test('the server received exactly the typed key on every request (read from SecretStorage)', () => {
  const generations = fake.requests.filter((r) => r.path === '/v1/messages');
  assert.equal(generations.length, 30);
  assert.deepEqual([...new Set(generations.map(keyOf))], [KEY]);
  assert.deepEqual([...new Set(generations.map((r) => r.status))], [200]);
});

test('the key is in no setting, no settings file, no log, no results log and not in the webview', () => {
  assert.deepEqual(obs.settingsHoldingKey, [], 'effective configuration in the extension host');
  assert.deepEqual(obs.settingsHoldingKeyAfterClear, []);
  const settingsFiles = [join(session.userDataDir, 'User', 'settings.json'), join(session.workspace, '.vscode', 'settings.json')].filter(existsSync);
  assert.ok(settingsFiles.length >= 1);
  for (const file of settingsFiles) assert.ok(!readFileSync(file, 'utf8').includes(KEY), file);
  const tierwiseLog = filesUnder(join(session.userDataDir, 'logs')).find((f) => /tierwise\.tierwise[\\/]Tierwise\.log$/.test(f));
  assert.ok(tierwiseLog, 'the Tierwise output channel has a log file');
  const logText = readFileSync(tierwiseLog, 'utf8');
  assert.match(logText, /API key for anthropic stored in secret storage/, 'this is the log the key would have gone to');
  assert.match(logText, /profiling done: 30\/30 requests/);
  assert.ok(!logText.includes(KEY), 'Tierwise.log');
  const leaks = [...filesUnder(session.userDataDir), ...filesUnder(session.workspace)].filter((f) => readFileSync(f).includes(KEY));
  assert.deepEqual(leaks, [], 'no file under the user-data dir or the workspace holds the key');
  assert.ok(!session.server.log().includes(KEY), 'code-server output');
  assert.match(seen.webviewHtml ?? '', /claude-haiku-4-5/, 'the results view was read');
  assert.ok(!seen.webviewHtml?.includes(KEY), 'the results webview');
});

test('after Clear API Key, profiling refuses before the confirmation, names the missing key, and sends nothing', () => {
  assert.match(seen.clearedToast ?? '', /anthropic API key removed/);
  assert.match(seen.refusedToast ?? '', /no API key for anthropic/);
  assert.match(seen.refusedToast ?? '', /Tierwise: Set API Key/);
  assert.equal(seen.dialogAfterRefusal, false, 'no cost confirmation was shown');
  assert.equal(seen.requestsAfterRefusal, seen.requestsBeforeRefusal, 'no request reached the server');
  assert.deepEqual(obs.resultsAfterClear, obs.resultsAfterRun, 'the results log is unchanged');
  const logText = readFileSync(filesUnder(join(session.userDataDir, 'logs')).find((f) => /Tierwise\.log$/.test(f)) ?? '', 'utf8');
  assert.match(logText, /API key for anthropic removed from secret storage/);
  assert.match(logText, /profiling refused: no API key for anthropic/);
});
