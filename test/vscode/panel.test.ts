/**
 * The cost projection panel in a real VS Code (code-server + Chromium) on a copy of the example app,
 * checked against `tierwise project --format json` run by the built CLI on the same copy: the
 * headline cards and the classifyTicket row show the CLI's numbers, clicking the row reveals the call
 * in the editor, the What-if tab recomputes the totals when classification traffic changes, a
 * CodeLens click focuses the panel on its call site, and the webview logs no CSP violation.
 * Screenshots: test-results/vscode/panel-*.png.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { ack, readResult, waitForPhase } from './support/browser';
import { REPO_ROOT } from './support/codeServer';
import { copyWorkspace } from './support/layout';
import { startSession } from './support/session';
import type { Session } from './support/session';

const FILE = 'src/tickets/classify.ts';
const CLASSIFY_ID = 'src/tickets/classify.ts#classifyTicket#0';
/** The what-if value typed for classification (per call site per month). */
const WHAT_IF_CLASSIFICATION = 60_000;

/** The parts of `tierwise project --format json` (src/engine/data/projection.ts) this test reads. */
interface CliRange {
  min: number;
  expected: number;
  max: number;
}
interface CliProjection {
  totals: { current: CliRange; recommended: CliRange; savingUsd: number };
  callSites: Array<{
    callSiteId: string;
    task: string;
    requestsPerMonth: number;
    trafficSource: string;
    span: { file: string; start: { line: number; character: number }; end: { line: number; character: number } };
    current: { range: CliRange } | null;
    recommended: { range: CliRange } | null;
  }>;
}

interface EditorState {
  file: string | null;
  selection: { start: { line: number; character: number }; end: { line: number; character: number } } | null;
  selectedText: string;
}

interface PanelObservations {
  error?: string;
  steps: string[];
  afterRowClick: EditorState;
}

/** What the panel showed, read through the DOM of the webview inside the workbench. */
interface Seen {
  cards: Record<string, string>;
  cardLabels: string[];
  classifyRow: { now: string; recommended: string };
  rowsAfterArrow: { selected: string[] };
  whatIfCards: Record<string, string>;
  whatIfLabels: string[];
  projectionCardsUnderWhatIf: Record<string, string>;
  afterLens: { view: string | null; selected: string[]; details: string; activeTab: string; rowOnScreen: boolean };
  violations: string[];
  consoleCsp: string[];
  probeCaught: string[];
}

/** Money as the panel formats it (webview/src/format.ts formatUsd, for amounts of at least a cent). */
function usd(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The webview document: code-server nests it as `iframe.webview` > `#active-frame`. */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
}

async function webviewFrame(page: Page): Promise<Frame> {
  const handle = await page.frameLocator('iframe.webview').first().locator('#active-frame').elementHandle({ timeout: 60_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the projection panel has no webview document (#active-frame)');
  return frame;
}

/** Installs a `securitypolicyviolation` listener in the (current) webview document. */
async function watchCsp(frame: Frame): Promise<void> {
  // A string, evaluated in the webview (this file is type-checked without the DOM lib).
  await frame.evaluate(`(() => {
    if (window.__tierwiseCsp) return;
    const seen = [];
    window.__tierwiseCsp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber));
  })()`);
}

async function cspSeen(frame: Frame): Promise<string[]> {
  return frame.evaluate<string[]>('[...(window.__tierwiseCsp ?? [])]');
}

async function cards(view: FrameLocator, panel: string): Promise<{ values: Record<string, string>; labels: string[] }> {
  const values: Record<string, string> = {};
  const labels: string[] = [];
  for (const figure of ['current', 'recommended', 'saving']) {
    const card = view.locator(`vscode-tab-panel[data-view="${panel}"] .card[data-figure="${figure}"]`);
    values[figure] = (await card.locator('.card-value').innerText()).trim();
    labels.push(((await card.locator('.card-label').textContent()) ?? '').trim());
  }
  return { values, labels };
}

async function selectedRows(view: FrameLocator): Promise<string[]> {
  return view.locator('.vt-rows .vt-row[aria-selected="true"]:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { id?: string } }).dataset.id ?? ''));
}

/** Brings the panel's editor tab to the front (its webview is re-created when it was hidden). */
async function showPanelTab(page: Page): Promise<Frame> {
  await page.locator('.tabs-container .tab', { hasText: 'Tierwise: Cost Projection' }).click();
  await webview(page).locator('.card[data-figure="current"]').first().waitFor({ timeout: 60_000 });
  const frame = await webviewFrame(page);
  await watchCsp(frame);
  return frame;
}

let session: Session;
let cli: CliProjection;
let obs: PanelObservations;
const seen: Partial<Seen> = {};
const consoleLines: string[] = [];
const violations: string[] = [];

/** Opens the panel from the command palette (F1), the way a person would. */
async function openPanelFromPalette(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill('>Tierwise: Show Cost Projection');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tierwise: Show Cost Projection' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

before(async () => {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  // VS Code's default dark theme: the panel must read well in it (see the screenshots).
  session = await startSession({ workspace, scenario: 'panel', file: FILE, trusted: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  try {
    await drivePanel(workspace);
  } catch (error) {
    await session.workbench.screenshot('panel-failure').catch(() => undefined);
    throw error;
  }
});

/** Everything the user does, in order; fills `seen` and `obs`. */
async function drivePanel(workspace: string): Promise<void> {
  // Same built CLI, same copy: the numbers the panel must show.
  cli = JSON.parse(execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'project', workspace, '--format', 'json'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 })) as CliProjection;
  const { page } = session.workbench;
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await waitForPhase(session.outDir, 'lenses');
  await page.locator('.codelens-decoration a', { hasText: 'classification ·' }).first().waitFor({ timeout: 30_000 });

  // 1-2. The panel from the palette: cards and the classifyTicket row.
  await openPanelFromPalette(page);
  const view = webview(page);
  const classifyRow = view.locator(`.vt-rows .vt-row[data-id="${CLASSIFY_ID}"]`);
  await classifyRow.waitFor({ timeout: 90_000 });
  let frame = await webviewFrame(page);
  await watchCsp(frame);
  const first = await cards(view, 'projection');
  seen.cards = first.values;
  seen.cardLabels = first.labels;
  seen.classifyRow = { now: (await classifyRow.locator('.col-costNow').innerText()).trim(), recommended: (await classifyRow.locator('.col-costRecommended').innerText()).trim() };
  await session.workbench.screenshot('panel-projection');

  // 3. Clicking the row reveals the call in the editor (the companion reads the editor's selection).
  // (The webview document is discarded when its tab is hidden: collect what it saw first.)
  violations.push(...(await cspSeen(frame)));
  await classifyRow.locator('.col-file').click();
  await page.locator('.tabs-container .tab.active', { hasText: 'classify.ts' }).waitFor({ timeout: 30_000 });
  ack(session.outDir, 'lenses');
  await waitForPhase(session.outDir, 'revealed');
  await session.workbench.screenshot('panel-revealed');

  // Move the selection away with the keyboard (select only, no reveal), so the CodeLens click below
  // has to bring it back.
  frame = await showPanelTab(page);
  await view.locator('.vt[role="grid"]').focus();
  await page.keyboard.press('End');
  seen.rowsAfterArrow = { selected: await selectedRows(view) };

  // 4. What-if: classification traffic per call site.
  await view.locator('vscode-tab-header[data-view="whatIf"]').click();
  await view.locator('vscode-textfield[data-task="classification"] >> input').fill(String(WHAT_IF_CLASSIFICATION));
  await view.locator('vscode-tab-panel[data-view="whatIf"] .card[data-figure="current"] .card-label', { hasText: '(what-if)' }).waitFor({ timeout: 10_000 });
  const whatIf = await cards(view, 'whatIf');
  seen.whatIfCards = whatIf.values;
  seen.whatIfLabels = whatIf.labels;
  await session.workbench.screenshot('panel-what-if');
  seen.projectionCardsUnderWhatIf = (await cards(view, 'projection')).values;
  violations.push(...(await cspSeen(frame)));

  // CodeLens click from the editor: the panel comes back focused on that call site.
  await page.locator('.tabs-container .tab', { hasText: 'classify.ts' }).click();
  await page.locator('.codelens-decoration a', { hasText: 'classification ·' }).first().click();
  await view.locator('vscode-tab-panel[data-view="projection"]:not([hidden]) .vt-row[aria-selected="true"]').first().waitFor({ timeout: 30_000 });
  frame = await webviewFrame(page);
  await watchCsp(frame);
  await page.waitForTimeout(500);
  seen.afterLens = {
    view: await view.locator('vscode-tab-header[active]').first().getAttribute('data-view').catch(() => null),
    selected: await selectedRows(view),
    details: (await view.locator('section.details h3').innerText()).trim(),
    activeTab: (await page.locator('.tabs-container .tab.active').first().innerText()).trim(),
    rowOnScreen: await frame.evaluate<boolean>(`(() => {
      const row = document.querySelector('.vt-row[aria-selected="true"]:not([hidden])');
      if (!row) return false;
      const r = row.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    })()`),
  };
  await session.workbench.screenshot('panel-lens-focus');

  // 5. CSP: what the listeners saw, then a deliberate inline <style> proves the listener works.
  violations.push(...(await cspSeen(frame)));
  seen.violations = [...violations];
  seen.consoleCsp = consoleLines.filter((l) => /Content Security Policy|Refused to/i.test(l));
  await frame.evaluate("(() => { const style = document.createElement('style'); style.textContent = 'body { outline: 1px solid red; }'; document.head.append(style); })()");
  await page.waitForTimeout(300);
  seen.probeCaught = await cspSeen(frame);

  ack(session.outDir, 'revealed');
  obs = await readResult<PanelObservations>(session.outDir);
}

after(async () => {
  await session?.close();
});

function cliSite(id: string): CliProjection['callSites'][number] {
  const site = cli.callSites.find((c) => c.callSiteId === id);
  assert.ok(site, `tierwise project lists ${id}`);
  return site;
}

test('the companion ran every step without error', () => {
  assert.equal(obs.error, undefined, obs.error);
  assert.deepEqual(obs.steps, ['lenses', 'revealed', 'done']);
});

test('the Now / Recommended / Saving cards show the totals `tierwise project` printed', () => {
  assert.deepEqual(seen.cardLabels, ['Now', 'Recommended', 'Saving']);
  assert.deepEqual(seen.cards, {
    current: usd(cli.totals.current.expected),
    recommended: usd(cli.totals.recommended.expected),
    saving: usd(cli.totals.savingUsd),
  });
});

test('the classifyTicket row shows the CLI cost now and recommended for that call site', () => {
  const site = cliSite(CLASSIFY_ID);
  assert.ok(site.current && site.recommended, 'the CLI prices classifyTicket');
  assert.deepEqual(seen.classifyRow, { now: usd(site.current.range.expected), recommended: usd(site.recommended.range.expected) });
});

test('clicking the row reveals the call in the editor: classify.ts active, the call selected', () => {
  const site = cliSite(CLASSIFY_ID);
  const editor = obs.afterRowClick;
  assert.equal(editor.file, FILE);
  assert.deepEqual(editor.selection, { start: site.span.start, end: site.span.end }, 'the selection is the call span the CLI reports');
  assert.match(editor.selectedText, /^client\.messages\.create\(\{/);
});

test('the What-if tab: classification traffic per call site changes the totals by exactly the per-request cost of the sites that follow it', () => {
  // Sites whose traffic comes from traffic.tasks.classification or traffic.default take the new rate;
  // sites with their own rate (annotation, traffic.callSites, traffic.paths) and unpriced ones keep theirs.
  const follows = cli.callSites.filter((c) => c.task === 'classification' && /^(default|traffic\.tasks|task)\b/.test(c.trafficSource));
  assert.ok(follows.filter((c) => c.current).length >= 3, `classification sites that follow the task rate: ${follows.map((c) => c.callSiteId).join(', ')}`);
  const delta = (pick: (c: CliProjection['callSites'][number]) => CliRange | undefined) =>
    follows.reduce((sum, c) => {
      const r = pick(c);
      return r ? sum + (r.expected / c.requestsPerMonth) * (WHAT_IF_CLASSIFICATION - c.requestsPerMonth) : sum;
    }, 0);
  const current = cli.totals.current.expected + delta((c) => c.current?.range);
  const recommended = cli.totals.recommended.expected + delta((c) => c.recommended?.range);
  assert.deepEqual(seen.whatIfLabels, ['Now (what-if)', 'Recommended (what-if)', 'Saving (what-if)']);
  assert.deepEqual(seen.whatIfCards, { current: usd(current), recommended: usd(recommended), saving: usd(current - recommended) });
  assert.notEqual(seen.whatIfCards?.current, seen.cards?.current, 'the total moved');
  assert.deepEqual(seen.projectionCardsUnderWhatIf, seen.whatIfCards, 'the Projection tab shows the same what-if totals');
});

test('clicking the CodeLens above classifyTicket opens the panel focused on that call site', () => {
  assert.ok(seen.rowsAfterArrow?.selected.length === 1 && seen.rowsAfterArrow.selected[0] !== CLASSIFY_ID, `End moved the selection away first: ${JSON.stringify(seen.rowsAfterArrow)}`);
  const after = seen.afterLens;
  assert.ok(after);
  assert.equal(after.activeTab.split('\n')[0], 'Tierwise: Cost Projection');
  assert.equal(after.view, 'projection', 'the Projection tab, even though What-if was open');
  assert.deepEqual(after.selected, [CLASSIFY_ID]);
  assert.equal(after.rowOnScreen, true, 'the selected row is scrolled into view, not left below the chart');
  assert.equal(after.details, `${FILE}:${cliSite(CLASSIFY_ID).span.start.line + 1} classifyTicket`);
});

test('no Content Security Policy violation in the webview (and the check does catch one)', () => {
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(seen.consoleCsp, []);
  assert.equal(seen.probeCaught?.length, 1, `a deliberate inline <style> is reported: ${JSON.stringify(seen.probeCaught)}`);
  assert.match(seen.probeCaught?.[0] ?? '', /^style-src/);
});
