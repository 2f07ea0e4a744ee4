/** Drives Debian's Chromium with playwright-core against a code-server workbench. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, REPO_ROOT } from './codeServer';

/** Screenshots land here (gitignored; CI keeps them as artifacts). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'vscode');

/** An open workbench page. */
export interface Workbench {
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Launches Chromium and opens the workbench for `folder` (or a `.code-workspace` file); resolves once the workbench is rendered. */
export async function openWorkbench(url: string, folder: string): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const kind = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  await page.goto(`${url}/?${kind}=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    page,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
}

/** Waits until the companion reached `name` (it wrote `phase-<name>`) or finished with an error. */
export async function waitForPhase(outDir: string, name: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(outDir, `phase-${name}`))) {
    if (existsSync(join(outDir, 'result.json'))) throw new Error(`companion finished before phase '${name}': ${readResultSafe(outDir)}`);
    if (Date.now() > deadline) throw new Error(`companion did not reach phase '${name}' within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Lets the companion continue past `name`. */
export function ack(outDir: string, name: string): void {
  writeFileSync(join(outDir, `ack-${name}`), String(Date.now()));
}

/** Waits for the companion's result file and parses it. */
export async function readResult<T>(outDir: string, timeoutMs = 120_000): Promise<T> {
  const file = join(outDir, 'result.json');
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`companion wrote no result within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(readResultSafe(outDir)) as T;
}

function readResultSafe(outDir: string): string {
  try {
    return readFileSync(join(outDir, 'result.json'), 'utf8');
  } catch {
    return '(unreadable)';
  }
}
