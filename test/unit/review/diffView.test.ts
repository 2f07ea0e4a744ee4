import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../src/review/diff';
import { toDiffView } from '../../../src/review/diffView';
import { formatPct } from '../../../webview/src/format';
import { monthly, snapshot } from './snapshots';
import type { SiteSpec } from './snapshots';

const classify: SiteSpec = { id: 'src/tickets/classify.ts#classifyTicket#0', model: 'claude-opus-4-7', input: 655, output: 8, perMonth: 30_000 };
const summarize: SiteSpec = { id: 'src/tickets/summarize.ts#summarize#0', task: 'summarization', model: 'claude-sonnet-4-6', input: 2_000, output: 300, perMonth: 5_000 };

test('the editor diff view shows the same percentage as the PR comment (a fraction, not percent x 100)', () => {
  const base = snapshot([classify, summarize]);
  const head = snapshot([{ ...classify, model: 'claude-haiku-4-5' }, summarize], 'b'.repeat(40));
  const diff = diffSnapshots(base, head);
  const baseTotal = monthly('claude-opus-4-7', 655, 8, 30_000) + monthly('claude-sonnet-4-6', 2_000, 300, 5_000);
  const deltaUsd = monthly('claude-haiku-4-5', 655, 8, 30_000) - monthly('claude-opus-4-7', 655, 8, 30_000);
  const view = toDiffView(diff);
  assert.ok(Math.abs((view.totals.deltaFraction ?? 0) - deltaUsd / baseTotal) < 1e-12);
  // -$83.40 on $104.25 + $105.00 = -39.9%: what a reviewer reads in both places.
  assert.equal(formatPct(view.totals.deltaFraction), `${(diff.totals.deltaPct ?? 0).toFixed(1)}%`);
});
