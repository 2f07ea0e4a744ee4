/**
 * Webview scale benchmark (issue 6 / issue 8): renders 2,000 call sites in Chromium (the built
 * bundle, the panel's CSP) and reports, against a 20-call-site baseline measured in the same run:
 * - time to first render: from the snapshot message to the frame after the table is filled
 *   (measured inside the page with performance.now, median of 5 fresh pages);
 * - scroll frame times while scrolling the table by ~10 rows per frame for 120 frames, vs idle
 *   frames of the same page.
 * Target: 2,000 rows render in under 1 s (exit 1 otherwise). Requires `node scripts/build.mjs`.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { ViewSnapshot } from '../src/protocol/messages';
import { largeSnapshot } from '../test/webview/fixtures/snapshots';
import { startHarness } from '../test/webview/harness';
import type { Harness } from '../test/webview/harness';

const RUNS = 5;
const TARGET_MS = 1000;

/** Posts the snapshot inside the page and resolves after the first frame that shows the rows. */
const RENDER_IN_PAGE = `async (json) => {
  const message = { type: 'snapshot', state: JSON.parse(json) };
  const t0 = performance.now();
  window.postMessage(message, '*');
  await new Promise((resolve) => {
    const check = () => document.querySelector('.vt-row[data-id]') ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check);
    requestAnimationFrame(check);
  });
  return performance.now() - t0;
}`;

/** Frame deltas while scrolling (or idling, with step 0). */
const FRAMES_IN_PAGE = `async (step) => {
  const viewport = document.querySelector('.vt-viewport');
  const deltas = [];
  let last = await new Promise((r) => requestAnimationFrame(r));
  for (let i = 0; i < 120; i++) {
    viewport.scrollTop += step;
    const now = await new Promise((r) => requestAnimationFrame(r));
    deltas.push(now - last);
    last = now;
  }
  return deltas;
}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function renderMs(harness: Harness, snapshot: ViewSnapshot): Promise<{ ms: number; page: Page }> {
  const { page } = await harness.open('dark');
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  const ms = (await page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(JSON.stringify(snapshot))})`)) as number;
  return { ms, page };
}

async function firstRender(harness: Harness, snapshot: ViewSnapshot): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, page } = await renderMs(harness, snapshot);
    times.push(ms);
    await page.close();
  }
  return times;
}

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'chromium (version unknown)';
  }
}

async function main(): Promise<number> {
  const harness = await startHarness();
  try {
    const small = largeSnapshot(20);
    const large = largeSnapshot(2000);
    const baseline = await firstRender(harness, small);
    const big = await firstRender(harness, large);
    const { page } = await renderMs(harness, large);
    const idle = (await page.evaluate(`(${FRAMES_IN_PAGE})(0)`)) as number[];
    const scroll = (await page.evaluate(`(${FRAMES_IN_PAGE})(280)`)) as number[];
    const domRows = await page.locator('.vt-rows .vt-row').count();
    await page.close();
    const b = median(baseline);
    const l = median(big);
    const rows: Array<[string, string, string, string]> = [
      ['first render (median of 5)', `${b.toFixed(1)} ms`, `${l.toFixed(1)} ms`, `${(l / b).toFixed(2)}x`],
      ['first render (worst of 5)', `${Math.max(...baseline).toFixed(1)} ms`, `${Math.max(...big).toFixed(1)} ms`, ''],
      ['frame p50 idle vs scrolling', `${percentile(idle, 0.5).toFixed(1)} ms`, `${percentile(scroll, 0.5).toFixed(1)} ms`, `${(percentile(scroll, 0.5) / percentile(idle, 0.5)).toFixed(2)}x`],
      ['frame p95 idle vs scrolling', `${percentile(idle, 0.95).toFixed(1)} ms`, `${percentile(scroll, 0.95).toFixed(1)} ms`, `${(percentile(scroll, 0.95) / percentile(idle, 0.95)).toFixed(2)}x`],
      ['row elements in the DOM', '', String(domRows), ''],
    ];
    console.log(`webview benchmark · ${chromiumVersion()} · headless · ${new Date().toISOString().slice(0, 10)}`);
    console.log(`${'measure'.padEnd(30)} ${'20 rows / idle'.padStart(16)} ${'2,000 rows'.padStart(12)} ${'ratio'.padStart(8)}`);
    for (const [name, base, value, ratio] of rows) console.log(`${name.padEnd(30)} ${base.padStart(16)} ${value.padStart(12)} ${ratio.padStart(8)}`);
    const ok = Math.max(...big) < TARGET_MS;
    console.log(ok ? `target met: 2,000 rows render in < ${TARGET_MS} ms` : `TARGET MISSED: 2,000 rows took ${Math.max(...big).toFixed(0)} ms (> ${TARGET_MS} ms)`);
    return ok ? 0 : 1;
  } finally {
    await harness.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
