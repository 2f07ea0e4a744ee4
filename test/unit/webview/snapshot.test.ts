import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supportDeskSnapshot } from '../../webview/fixtures/snapshots';

const row = (id: string) => supportDeskSnapshot().rows.find((r) => r.id.includes(id))!;

test('rows carry per-request costs that multiply back to the projected monthly cost', () => {
  const r = row('classifyTicket');
  // 410 x $5/M + 8 x $25/M = $0.00225 per request
  assert.ok(Math.abs(r.perRequest.current!.expected - 0.00225) < 1e-12);
  assert.ok(Math.abs(r.perRequest.current!.expected * r.requestsPerMonth - r.current!.expected) < 1e-9);
  assert.ok(Math.abs(r.perRequest.recommended!.expected - 0.00045) < 1e-12);
});

test('each row knows which traffic rule gave its rate', () => {
  assert.equal(row('classifyTicket').trafficRule, 'task');
  assert.equal(row('scorePriority').trafficRule, 'annotation');
  assert.equal(row('extractOrder').trafficRule, 'default');
  assert.equal(row('summarizeThread').trafficRule, 'path');
  assert.equal(row('embedArticle').trafficRule, 'call-site');
});

test('base traffic removes the configured growth', () => {
  const snap = supportDeskSnapshot({ growthPerMonth: 0.1, monthsAhead: 2 });
  const r = snap.rows.find((x) => x.id.includes('classifyTicket'))!;
  assert.ok(Math.abs(r.requestsPerMonth - 36_300) < 1e-6);
  assert.ok(Math.abs(r.baseRequestsPerMonth - 30_000) < 1e-6);
  assert.equal(snap.traffic.monthsAhead, 2);
});

test('reasons join task inference, rules and findings; the prompt preview is the static text', () => {
  const r = row('classifyTicket');
  assert.deepEqual(r.reasons, ['closed label set in the prompt (5 labels)', 'max_tokens 10', 'classification defaults to tier 1', 'claude-haiku-4-5 would save $54.00/month']);
  assert.match(r.promptPreview ?? '', /^You are a support ticket router/);
  assert.equal(r.enclosing, 'classifyTicket');
});
