import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNonce, getPanelHtml, panelCsp } from '../../../src/vscode/panels/html';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

test('the panel CSP allows nothing by default, scripts by nonce only and never unsafe-inline', () => {
  const nonce = createNonce();
  const csp = panelCsp(SOURCE, nonce);
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
  assert.match(csp, new RegExp(`style-src ${SOURCE.replace(/[.+]/g, '\\$&')}(;|$)`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
});

test('the page loads exactly one script, carrying the nonce, and no inline code', () => {
  const nonce = createNonce();
  const html = getPanelHtml({ cspSource: SOURCE, nonce, scriptUri: `${SOURCE}/dist/webview.js`, styleUri: `${SOURCE}/dist/webview.css` });
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [`<script nonce="${nonce}" src="${SOURCE}/dist/webview.js">`]);
  assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'`));
});

test('nonces are fresh and well-formed; a weak nonce is refused', () => {
  const a = createNonce();
  assert.notEqual(a, createNonce());
  assert.match(a, /^[A-Za-z0-9_-]{22}$/);
  assert.throws(() => getPanelHtml({ cspSource: SOURCE, nonce: 'abc', scriptUri: 'x', styleUri: 'y' }), /nonce/);
});

test('resource URIs are escaped into attributes', () => {
  const html = getPanelHtml({ cspSource: SOURCE, nonce: createNonce(), scriptUri: 'a"><script>alert(1)</script>', styleUri: 's' });
  assert.ok(html.includes('src="a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
});
