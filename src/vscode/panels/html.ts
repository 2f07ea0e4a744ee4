/**
 * The cost projection panel's HTML and Content Security Policy (pure: no `vscode` import, so the
 * browser tests serve exactly this page). Policy: nothing by default; scripts only by nonce; styles,
 * images and fonts only from the webview's own source; no 'unsafe-inline' anywhere.
 */
import { randomBytes } from 'node:crypto';

/** What the page needs from the host. */
export interface PanelHtmlInput {
  /** `webview.cspSource` (the origin the webview may load resources from). */
  cspSource: string;
  /** Fresh per page load (see `createNonce`). */
  nonce: string;
  /** URI of dist/webview.js as the webview sees it. */
  scriptUri: string;
  /** URI of dist/webview.css as the webview sees it. */
  styleUri: string;
}

/** A random nonce for the script tag (base64url, 128 bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64url');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy of the panel. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The complete HTML document of the panel. Data never goes into the HTML: it arrives by message. */
export function getPanelHtml(input: PanelHtmlInput): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(input.nonce)) throw new Error('nonce must be at least 16 base64url characters');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(panelCsp(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
<title>Tierwise: Cost Projection</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the cost projection…</p></main>
<script nonce="${input.nonce}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>
`;
}
