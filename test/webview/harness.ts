/**
 * Browser harness for the webview: serves the BUILT bundle (dist/webview.js, dist/webview.css) from
 * 127.0.0.1 inside the exact panel HTML (src/vscode/panels/html.ts, same CSP), plus a stub
 * `acquireVsCodeApi` that records posted messages and keeps `setState` in sessionStorage (so a
 * reload restores UI state like VS Code's serializer does). Drives Debian's Chromium through
 * playwright-core. Used by test/webview/*.test.ts and bench/webview.bench.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/messages';
import { createNonce, getPanelHtml } from '../../src/vscode/panels/html';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Theme of the page (VS Code body class and variables). */
export type Theme = 'dark' | 'light';

const STUB = `
(() => {
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  const theme = new URL(location.href).searchParams.get('theme') || 'dark';
  document.body.classList.add(theme === 'light' ? 'vscode-light' : 'vscode-dark');
  document.body.dataset.vscodeThemeKind = theme === 'light' ? 'vscode-light' : 'vscode-dark';
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => { const s = sessionStorage.getItem('vscodeState'); return s ? JSON.parse(s) : undefined; },
      setState: (s) => { sessionStorage.setItem('vscodeState', JSON.stringify(s)); return s; },
    };
  };
})();
`;

function pageHtml(origin: string): string {
  const nonce = createNonce();
  const html = getPanelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css` });
  // Theme variables stand in for the ones VS Code injects; the stub stands in for VS Code's API.
  return html
    .replace('</head>', `<link rel="stylesheet" id="theme" href="${origin}/theme.css">\n</head>`)
    .replace('<script nonce=', `<script nonce="${nonce}" src="${origin}/stub.js"></script>\n<script nonce=`);
}

function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') return send('text/html; charset=utf-8', pageHtml(origin));
    if (url.pathname === '/stub.js') return send('text/javascript', STUB);
    if (url.pathname === '/theme.css') {
      const referer = new URL(req.headers.referer ?? origin);
      const theme = referer.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      return send('text/css', readFileSync(join(__dirname, 'themes', `${theme}.css`)));
    }
    const file = { '/dist/webview.js': 'text/javascript', '/dist/webview.css': 'text/css' }[url.pathname];
    if (file) return send(file, readFileSync(join(ROOT, url.pathname)));
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A running server + browser. */
export interface Harness {
  origin: string;
  browser: Browser;
  /** Opens the panel page; `dialogs` collects any alert/confirm the page tries to open. */
  open(theme?: Theme): Promise<{ page: Page; dialogs: string[] }>;
  close(): Promise<void>;
}

/** Starts the server and Chromium. Fails with the fix when the bundle or Chromium is missing. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(ROOT, 'dist', 'webview.js')) || !existsSync(join(ROOT, 'dist', 'webview.css'))) {
    throw new Error('dist/webview.js is missing: run `node scripts/build.mjs` first');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium\` (scripts/setup-test-env.sh)`);
  const server = await startServer();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    origin,
    browser,
    async open(theme: Theme = 'dark') {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      // Nothing may leave 127.0.0.1.
      await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
      await page.goto(`${origin}/?theme=${theme}`);
      return { page, dialogs };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a host message to the page, as `webview.postMessage` would. */
export async function sendToWebview(page: Page, message: HostToWebview): Promise<void> {
  // A JSON string crosses the protocol far faster than a large structured argument.
  await page.evaluate((json) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage(JSON.parse(json), '*'), JSON.stringify(message));
}

/** Messages the webview posted to the host so far. */
export async function posted(page: Page): Promise<WebviewToHost[]> {
  return (await page.evaluate('window.__posted')) as WebviewToHost[];
}

/** CSP violations reported by the page so far. */
export async function violations(page: Page): Promise<Array<{ directive: string; blocked: string; sample: string }>> {
  return (await page.evaluate('window.__violations')) as Array<{ directive: string; blocked: string; sample: string }>;
}
