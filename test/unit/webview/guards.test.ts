import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/protocol/guards';
import { routeWebviewMessage } from '../../../src/vscode/panels/router';
import type { PanelHandlers } from '../../../src/vscode/panels/router';

test('accepts each well-formed webview intent', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
  assert.deepEqual(parseWebviewMessage({ type: 'requestRefresh' }), { ok: true, message: { type: 'requestRefresh' } });
  assert.deepEqual(parseWebviewMessage({ type: 'revealCallSite', callSiteId: 'src/a.ts#f#0' }), { ok: true, message: { type: 'revealCallSite', callSiteId: 'src/a.ts#f#0' } });
  assert.deepEqual(parseWebviewMessage({ type: 'applyProfilingDecision', task: 'classification' }), { ok: true, message: { type: 'applyProfilingDecision', task: 'classification' } });
  assert.deepEqual(parseWebviewMessage({ type: 'saveTraffic', tasks: { classification: 60000, extraction: 0 }, growthPerMonth: 0.05 }), { ok: true, message: { type: 'saveTraffic', tasks: { classification: 60000, extraction: 0 }, growthPerMonth: 0.05 } });
});

const hostile: Array<[string, unknown]> = [
  ['not an object', 'ready'],
  ['null', null],
  ['an array', [{ type: 'ready' }]],
  ['unknown type', { type: 'runShell', command: 'rm -rf /' }],
  ['type is not a string', { type: { toString: () => 'ready' } }],
  ['inherited type name', { type: 'toString' }],
  ['extra fields', { type: 'ready', html: '<img src=x onerror=alert(1)>' }],
  ['missing id', { type: 'revealCallSite' }],
  ['id not a string', { type: 'revealCallSite', callSiteId: 42 }],
  ['empty id', { type: 'revealCallSite', callSiteId: '' }],
  ['oversized id', { type: 'revealCallSite', callSiteId: 'a'.repeat(5000) }],
  ['control characters in id', { type: 'revealCallSite', callSiteId: 'src/a.ts\n#f#0' }],
  ['unknown task', { type: 'applyProfilingDecision', task: 'mining' }],
  ['task prototype key', { type: 'saveTraffic', tasks: JSON.parse('{"__proto__": 5}'), growthPerMonth: 0 }],
  ['negative traffic', { type: 'saveTraffic', tasks: { classification: -1 }, growthPerMonth: 0 }],
  ['NaN traffic', { type: 'saveTraffic', tasks: { classification: Number.NaN }, growthPerMonth: 0 }],
  ['string traffic', { type: 'saveTraffic', tasks: { classification: '1000' }, growthPerMonth: 0 }],
  ['absurd traffic', { type: 'saveTraffic', tasks: { classification: 1e15 }, growthPerMonth: 0 }],
  ['tasks an array', { type: 'saveTraffic', tasks: [1, 2], growthPerMonth: 0 }],
  ['missing growth', { type: 'saveTraffic', tasks: {} }],
  ['growth out of range', { type: 'saveTraffic', tasks: {}, growthPerMonth: 50 }],
  ['infinite growth', { type: 'saveTraffic', tasks: {}, growthPerMonth: Number.POSITIVE_INFINITY }],
  ['class instance', new (class Ready { type = 'ready'; })()],
];

for (const [name, message] of hostile) {
  test(`rejects a malformed or hostile message: ${name}`, () => {
    const result = parseWebviewMessage(message);
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.reason.length > 0 && result.reason.length < 300, result.reason);
  });
}

function recordingHandlers(calls: string[]): PanelHandlers {
  return {
    ready: () => void calls.push('ready'),
    requestRefresh: () => void calls.push('refresh'),
    revealCallSite: (m) => void calls.push(`reveal ${m.callSiteId}`),
    saveTraffic: (m) => void calls.push(`save ${JSON.stringify(m.tasks)} ${m.growthPerMonth}`),
    applyProfilingDecision: (m) => void calls.push(`apply ${m.task}`),
  };
}

test('the router dispatches valid messages and drops (and logs) the rest', async () => {
  const calls: string[] = [];
  const logs: string[] = [];
  const handlers = recordingHandlers(calls);
  assert.equal(await routeWebviewMessage({ type: 'revealCallSite', callSiteId: 'src/a.ts#f#0' }, handlers, (l) => logs.push(l)), true);
  assert.equal(await routeWebviewMessage({ type: 'saveTraffic', tasks: { chat: 10 }, growthPerMonth: 0.1 }, handlers, (l) => logs.push(l)), true);
  assert.equal(await routeWebviewMessage({ type: 'eval', code: 'process.exit()' }, handlers, (l) => logs.push(l)), false);
  assert.deepEqual(calls, ['reveal src/a.ts#f#0', 'save {"chat":10} 0.1']);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /dropped a webview message: unknown message type "eval"/);
});
