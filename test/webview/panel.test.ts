/**
 * The cost projection webview in real Chromium: the built bundle inside the panel's HTML and CSP,
 * a stub host speaking the protocol. Checks rendered numbers against the fixture arithmetic,
 * what-if controls, reveal/save/apply intents, sorting/filtering, keyboard use, state restore,
 * the XSS fixture, and saves screenshots in dark and light themes under test-results/webview/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ViewSnapshot } from '../../src/protocol/messages';
import { largeSnapshot, supportDeskSnapshot, XSS, xssSnapshot } from './fixtures/snapshots';
import { posted, sendToWebview, startHarness, violations } from './harness';
import type { Harness, Theme } from './harness';

/**
 * Retries a DOM assertion until it holds or `ms` pass: the view re-renders on the next animation
 * frame after an input, so a read right after a click can see the previous frame on a busy machine.
 */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}


const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const CLASSIFY = 'src/tickets/classify.ts#classifyTicket#0';

const panel = (view: string) => `vscode-tab-panel[data-view="${view}"]`;
const card = (view: string, figure: string) => `${panel(view)} [data-figure="${figure}"] .card-value`;

let harness: Harness;

async function load(snapshot: ViewSnapshot, theme: Theme = 'dark'): Promise<{ page: Page; dialogs: string[] }> {
  const opened = await harness.open(theme);
  await opened.page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  await sendToWebview(opened.page, { type: 'snapshot', state: snapshot });
  await opened.page.waitForSelector(card('projection', 'current'));
  return opened;
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

async function showTab(page: Page, view: string): Promise<void> {
  await page.click(`vscode-tab-header[data-view="${view}"]`);
  await page.waitForSelector(`${panel(view)}:not([hidden])`);
}

async function rowIds(page: Page): Promise<string[]> {
  return page.locator('.vt-rows .vt-row:not([hidden])').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { id: string } }).dataset.id));
}

async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} >> input`);
  await input.fill(value);
}

describe('cost projection webview in Chromium', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    harness = await startHarness();
  });
  after(async () => harness?.close());

  test('shows the projection totals and each call site cost from the snapshot', async () => {
    const snap = supportDeskSnapshot();
    const { page, dialogs } = await load(snap);
    // Totals: the sum of the fixture's per-call-site arithmetic.
    const now = snap.rows.reduce((s, r) => s + r.current!.expected, 0);
    await eventually(async () => assert.equal(await text(page, card('projection', 'current')), `$${now.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`));
    // classifyTicket: 30,000 x (410 x $5/M + 8 x $25/M) = $67.50 now; haiku: $13.50.
    const row = page.locator(`.vt-row[data-id="${CLASSIFY}"]`);
    await eventually(async () => assert.equal((await row.locator('.col-costNow').textContent())?.trim(), '$67.50'));
    await eventually(async () => assert.equal((await row.locator('.col-costRecommended').textContent())?.trim(), '$13.50'));
    await eventually(async () => assert.equal((await row.locator('.col-saving').textContent())?.trim(), '$54.00'));
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} [data-figure="row-count"]`), '8 of 8 call sites'));
    // Chart has an accessible name carrying the numbers.
    const label = await page.locator(`${panel('projection')} svg.bar-chart`).getAttribute('aria-label');
    assert.match(label ?? '', /Classification \$761\.40 now, \$247\.44 recommended/);
    await page.screenshot({ path: join(SHOTS, 'projection-dark.png'), fullPage: true });
    await eventually(async () => assert.deepEqual(await violations(page), []));
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  test('clicking a row or pressing Enter on it posts revealCallSite with its id', async () => {
    const { page } = await load(supportDeskSnapshot());
    await page.click(`.vt-row[data-id="${CLASSIFY}"] .col-file`);
    const afterClick = await posted(page);
    assert.deepEqual(afterClick.at(-1), { type: 'revealCallSite', callSiteId: CLASSIFY });
    await eventually(async () => assert.match(await text(page, `${panel('projection')} .details h3`), /src\/tickets\/classify\.ts:9 classifyTicket/));
    // Keyboard: the grid has focus after the click; Down then Enter reveals the next row in order.
    const order = await rowIds(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(async () => assert.deepEqual((await posted(page)).at(-1), { type: 'revealCallSite', callSiteId: order[order.indexOf(CLASSIFY) + 1] }));
    await page.close();
  });

  test('sorts by column and filters by text and task', async () => {
    const { page } = await load(supportDeskSnapshot());
    await eventually(async () => assert.equal((await rowIds(page))[0], 'src/tickets/priority.ts#scorePriority#0')); // most expensive first
    await page.click('button.sort[data-key="costNow"]'); // now ascending
    await eventually(async () => assert.equal((await rowIds(page))[0], 'src/search/embed.ts#embedArticle#0'));
    await page.click('button.sort[data-key="file"]');
    await eventually(async () => assert.equal((await rowIds(page))[0], 'src/search/embed.ts#embedArticle#0'));
    await eventually(async () => assert.equal((await rowIds(page)).at(-1), 'src/tickets/summarize.ts#summarizeThread#0'));
    await typeInto(page, `${panel('projection')} vscode-textfield[data-control="filter"]`, 'gpt-5');
    await page.waitForFunction('document.querySelectorAll(".vt-rows .vt-row:not([hidden])").length === 2');
    await eventually(async () => assert.deepEqual((await rowIds(page)).sort(), ['src/tickets/extract.ts#extractOrder#0', 'src/tickets/sentiment.ts#detectSentiment#0']));
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} [data-figure="row-count"]`), '2 of 8 call sites'));
    await typeInto(page, `${panel('projection')} vscode-textfield[data-control="filter"]`, '');
    await page.selectOption(`${panel('projection')} select[data-control="task"]`, 'extraction');
    await eventually(async () => assert.deepEqual(await rowIds(page), ['src/tickets/extract.ts#extractOrder#0']));
    await page.close();
  });

  test('what-if: changing task traffic updates every number at once and can be saved', async () => {
    const snap = supportDeskSnapshot();
    const { page } = await load(snap);
    await showTab(page, 'whatIf');
    const before = snap.projection.totals.current.expected;
    await typeInto(page, `${panel('whatIf')} vscode-textfield[data-task="classification"]`, '60,000');
    // 3 classification call sites follow the task rate and double: +$67.50 +$12.45 +$6.45.
    const expected = before + 67.5 + 12.45 + 6.45;
    const fmt = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    await page.waitForFunction(([sel, want]) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(sel)?.textContent === want, [card('whatIf', 'current'), fmt(expected)] as const);
    // 600,000 (scorePriority's annotation, unchanged) + 3 x 60,000
    await eventually(async () => assert.equal(await text(page, `${panel('whatIf')} tr[data-task="classification"] [data-figure="requests"]`), '780,000'));
    // The Projection tab shows the same what-if numbers (and says so).
    await eventually(async () => assert.equal(await text(page, card('projection', 'current')), fmt(expected)));
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} .vt-row[data-id="${CLASSIFY}"] .col-costNow`), '$135.00'));
    await page.screenshot({ path: join(SHOTS, 'what-if-dark.png'), fullPage: true });
    await page.click(`${panel('whatIf')} vscode-button[data-control="save-traffic"]`);
    await eventually(async () => assert.deepEqual((await posted(page)).at(-1), { type: 'saveTraffic', tasks: { classification: 60000 }, growthPerMonth: 0 }));
    await sendToWebview(page, { type: 'notice', level: 'info', text: 'Saved traffic to tierwise.yml' });
    await eventually(async () => assert.equal(await text(page, '[data-control="status"]'), 'Saved traffic to tierwise.yml'));
    await page.click(`${panel('whatIf')} vscode-button[data-control="reset-what-if"]`);
    await eventually(async () => assert.equal(await text(page, card('whatIf', 'current')), fmt(before)));
    await page.close();
  });

  test('what-if: growth recomputes projected traffic', async () => {
    const { page } = await load(supportDeskSnapshot({ growthPerMonth: 0.1, monthsAhead: 2 }));
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} .vt-row[data-id="${CLASSIFY}"] .col-traffic`), '36,300'));
    await showTab(page, 'whatIf');
    await typeInto(page, `${panel('whatIf')} vscode-textfield[data-control="growth"]`, '0');
    await page.waitForFunction(`document.querySelector('${panel('projection')} .vt-row[data-id="${CLASSIFY}"] .col-traffic').textContent === '30,000'`);
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} .vt-row[data-id="${CLASSIFY}"] .col-costNow`), '$67.50'));
    await page.close();
  });

  test('profiling results: pass rates with intervals, decisions and apply', async () => {
    const { page } = await load(supportDeskSnapshot());
    await showTab(page, 'profiling');
    const section = `${panel('profiling')} section[data-task="classification"]`;
    await eventually(async () => assert.equal(await text(page, `${section} tr[data-tier="1"] td:nth-child(4)`), '96.5%'));
    await eventually(async () => assert.match(await text(page, `${section} .decision strong`), /Route to tier 1 \(claude-haiku-4-5\)/));
    // No profiled tier meets the bar: the best one is named as such, not as a tier to escalate to.
    await eventually(async () => assert.match(await text(page, `${panel('profiling')} section[data-task="summarization"] .decision strong`), /^No profiled tier meets the bar; the best is tier 2 \(claude-sonnet-4-6\)$/));
    await eventually(async () => assert.match((await page.locator(`${section} svg.pass-chart`).getAttribute('aria-label')) ?? '', /tier 1 claude-haiku-4-5 96\.5% \(95% interval 93\.0% to 98\.3%\)/));
    await eventually(async () => assert.equal(await page.locator(`${section} .threshold.route`).count(), 1));
    await page.click(`${section} vscode-button[data-control="apply"]`);
    await eventually(async () => assert.deepEqual((await posted(page)).at(-1), { type: 'applyProfilingDecision', task: 'classification' }));
    await eventually(async () => assert.equal(await page.locator(`${panel('profiling')} section[data-task="extraction"] vscode-button[data-control="apply"]`).getAttribute('disabled'), ''));
    await page.screenshot({ path: join(SHOTS, 'profiling-dark.png'), fullPage: true });
    await page.close();
  });

  test('diff: base vs head per task and call site', async () => {
    const { page } = await load(supportDeskSnapshot());
    await showTab(page, 'diff');
    await eventually(async () => assert.equal(await text(page, card('diff', 'delta')), '+$91.75'));
    await eventually(async () => assert.deepEqual(await page.locator(`${panel('diff')} tr[data-kind]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))), ['added', 'removed', 'changed']));
    await page.click(`${panel('diff')} tr[data-kind="added"] button.link`);
    await eventually(async () => assert.deepEqual((await posted(page)).at(-1), { type: 'revealCallSite', callSiteId: 'src/faq/answer.ts#answerFaq#0' }));
    await page.close();
  });

  test('strings from analysed code render literally and run nothing (XSS fixture)', async () => {
    const { page, dialogs } = await load(xssSnapshot());
    const row = page.locator('.vt-rows .vt-row').filter({ hasText: XSS }).first();
    await eventually(async () => assert.equal((await row.locator('.col-model').textContent())?.trim(), XSS));
    await row.click();
    await eventually(async () => assert.match(await text(page, `${panel('projection')} .details h3`), /<img src=x onerror=alert\(1\)>\.ts:9 <script>alert\(2\)<\/script>/));
    await eventually(async () => assert.match(await text(page, `${panel('projection')} .details .reasons`), /reason <img src=x onerror=alert\(1\)>/));
    await eventually(async () => assert.match(await text(page, 'h1'), /<img src=x onerror=alert\(1\)>/));
    await showTab(page, 'profiling');
    await eventually(async () => assert.equal(await text(page, `${panel('profiling')} section[data-task="classification"] tr[data-tier="1"] td:nth-child(2)`), XSS));
    await showTab(page, 'diff');
    await eventually(async () => assert.match(await text(page, `${panel('diff')} tr[data-kind="added"] ul.changes`), /changed <img src=x onerror=alert\(1\)>/));
    await eventually(async () => assert.equal(await page.locator('img, script:not([src])').count(), 0));
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    await eventually(async () => assert.deepEqual(await violations(page), []));
    await page.screenshot({ path: join(SHOTS, 'xss-dark.png'), fullPage: true });
    await page.close();
  });

  test('UI state survives a reload; a CodeLens focus selects the call site', async () => {
    const { page } = await load(supportDeskSnapshot());
    await page.click('button.sort[data-key="file"]');
    await showTab(page, 'whatIf');
    await typeInto(page, `${panel('whatIf')} vscode-textfield[data-task="extraction"]`, '5000');
    await page.reload();
    await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
    await sendToWebview(page, { type: 'snapshot', state: supportDeskSnapshot({ revision: 2 }) });
    await page.waitForSelector(`${panel('whatIf')}:not([hidden])`);
    await eventually(async () => assert.equal(await page.locator(`${panel('whatIf')} vscode-textfield[data-task="extraction"] >> input`).inputValue(), '5000'));
    await eventually(async () => assert.equal(await page.locator('[aria-sort="ascending"] button.sort').getAttribute('data-key'), 'file'));
    await sendToWebview(page, { type: 'snapshot', state: supportDeskSnapshot({ revision: 3, focusCallSiteId: CLASSIFY }) });
    await page.waitForSelector(`${panel('projection')}:not([hidden]) .vt-row.selected[data-id="${CLASSIFY}"]`);
    await eventually(async () => assert.match(await text(page, `${panel('projection')} .details h3`), /classify\.ts:9/));
    await page.close();
  });

  test('2,000 call sites: only the visible rows are in the DOM and scrolling reaches the end', async () => {
    const snap = largeSnapshot(2000);
    const { page } = await load(snap);
    await eventually(async () => assert.equal(await text(page, `${panel('projection')} [data-figure="row-count"]`), '2,000 of 2,000 call sites'));
    const rendered = await page.locator('.vt-rows .vt-row:not([hidden])').count();
    assert.ok(rendered > 10 && rendered < 60, `rendered ${rendered} rows`);
    await page.click('button.sort[data-key="file"]');
    await page.locator('.vt').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const last = [...snap.rows].sort((a, b) => a.span.file.localeCompare(b.span.file) || a.span.start.line - b.span.start.line).at(-1)!;
    await eventually(async () => assert.deepEqual((await posted(page)).at(-1), { type: 'revealCallSite', callSiteId: last.id }));
    await page.close();
  });

  test('screenshots in the light theme', async () => {
    const { page, dialogs } = await load(supportDeskSnapshot(), 'light');
    await page.click(`.vt-row[data-id="${CLASSIFY}"] .col-file`);
    await page.screenshot({ path: join(SHOTS, 'projection-light.png'), fullPage: true });
    for (const view of ['whatIf', 'profiling', 'diff']) {
      await showTab(page, view);
      await page.screenshot({ path: join(SHOTS, `${view}-light.png`), fullPage: true });
    }
    await eventually(async () => assert.deepEqual(await violations(page), []));
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
