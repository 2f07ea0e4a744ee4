import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots } from '../../../src/review/diff';
import { monthly, snapshot } from './snapshots';
import type { SiteSpec } from './snapshots';

const classify: SiteSpec = { id: 'src/tickets/classify.ts#classifyTicket#0', model: 'claude-haiku-4-5', input: 410, output: 8, perMonth: 30_000 };
const summarize: SiteSpec = { id: 'src/tickets/summarize.ts#summarize#0', task: 'summarization', model: 'claude-sonnet-4-6', input: 2_000, output: 300, perMonth: 5_000 };

test('a model change moves the site, its task and the total by the price difference', () => {
  const base = snapshot([classify, summarize]);
  const head = snapshot([{ ...classify, model: 'claude-opus-4-7' }, summarize], 'b'.repeat(40));
  const diff = diffSnapshots(base, head);

  // 30,000 x (410 x ($5 - $1) + 8 x ($25 - $5)) / 1e6 = 30,000 x 0.0018 = $54.00
  const expected = (30_000 * (410 * 4 + 8 * 20)) / 1e6;
  assert.ok(Math.abs(expected - 54) < 1e-9);
  const site = diff.callSites.find((s) => s.id === classify.id);
  assert.equal(site?.status, 'changed');
  assert.deepEqual(site?.changes.map((c) => c.kind), ['model']);
  assert.ok(Math.abs((site?.deltaUsd ?? 0) - expected) < 1e-9);
  assert.ok(Math.abs(diff.totals.deltaUsd - expected) < 1e-9);
  const baseTotal = monthly('claude-haiku-4-5', 410, 8, 30_000) + monthly('claude-sonnet-4-6', 2_000, 300, 5_000);
  assert.ok(Math.abs((diff.totals.deltaPct ?? 0) - (expected / baseTotal) * 100) < 1e-9);
  const byTask = Object.fromEntries(diff.byTask.map((t) => [t.task, t.deltaUsd]));
  assert.ok(Math.abs(byTask.classification - expected) < 1e-9);
  assert.equal(byTask.summarization, 0);
  assert.equal(diff.counts.changed, 1);
  assert.equal(diff.counts.unchanged, 1);
});

test('an added classification call on a frontier model is reported as an ignored recommendation', () => {
  const base = snapshot([summarize]);
  const added: SiteSpec = { id: 'src/tickets/priority.ts#rankPriority#0', model: 'claude-opus-4-7', input: 300, output: 5, perMonth: 20_000, suggest: 'claude-haiku-4-5' };
  const diff = diffSnapshots(base, snapshot([summarize, added]));
  assert.equal(diff.counts.added, 1);
  assert.equal(diff.callSites[0].status, 'added', 'added sites are listed first');
  const cost = monthly('claude-opus-4-7', 300, 5, 20_000);
  assert.ok(Math.abs((diff.callSites[0].deltaUsd ?? 0) - cost) < 1e-9);
  assert.equal(diff.ignoredRecommendations.length, 1);
  const ignored = diff.ignoredRecommendations[0];
  assert.equal(ignored.because, 'added');
  assert.equal(ignored.suggestedModel, 'claude-haiku-4-5');
  assert.ok(Math.abs((ignored.savingUsd ?? 0) - (cost - monthly('claude-haiku-4-5', 300, 5, 20_000))) < 1e-9);
  assert.match(ignored.text, /new classification call on claude-opus-4-7 \(tier 3\)/);
});

test('an untouched site whose recommendation is ignored is not blamed on the change', () => {
  const wasteful: SiteSpec = { ...classify, model: 'claude-opus-4-7', suggest: 'claude-haiku-4-5' };
  const diff = diffSnapshots(snapshot([wasteful]), snapshot([wasteful]));
  assert.equal(diff.ignoredRecommendations.length, 0);
  assert.equal(diff.totals.deltaUsd, 0);
});

test('a call moved within its file keeps its identity: moved, not removed + added', () => {
  const diff = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, line: 42 }]));
  assert.deepEqual(diff.counts, { added: 0, changed: 0, removed: 0, moved: 1, unchanged: 0 });
  assert.equal(diff.callSites[0].changes[0].text, 'moved src/tickets/classify.ts:11 → src/tickets/classify.ts:43');
  assert.equal(diff.callSites[0].deltaUsd, 0);
});

test('a call in a renamed file is matched through git renames, then by declaration', () => {
  const renamedId = 'src/routing/classify.ts#classifyTicket#0';
  const viaGit = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, id: renamedId }]), {
    renames: new Map([['src/tickets/classify.ts', 'src/routing/classify.ts']]),
  });
  assert.equal(viaGit.callSites.length, 1);
  assert.equal(viaGit.callSites[0].matchedBy, 'rename');
  assert.equal(viaGit.callSites[0].status, 'moved');

  const viaDecl = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, id: renamedId }]));
  assert.equal(viaDecl.callSites[0].matchedBy, 'declaration');

  // Two candidates for the same declaration: ambiguous, so no guess.
  const twin = { ...classify, id: 'src/other/classify.ts#classifyTicket#0' };
  const ambiguous = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, id: renamedId }, twin]));
  assert.equal(ambiguous.counts.removed, 1);
  assert.equal(ambiguous.counts.added, 2);
});

test('invocation ids are renamed in both the caller and the wrapper part', () => {
  const inv: SiteSpec = { id: 'src/a.ts#run#0@src/llm/complete.ts#complete#0', model: 'claude-haiku-4-5', input: 100, output: 10, perMonth: 1000 };
  const moved = { ...inv, id: 'src/a.ts#run#0@src/llm/llm.ts#complete#0' };
  const diff = diffSnapshots(snapshot([inv]), snapshot([moved]), { renames: new Map([['src/llm/complete.ts', 'src/llm/llm.ts']]) });
  assert.equal(diff.callSites[0].matchedBy, 'rename');
});

test('traffic, prompt size and price changes are told apart', () => {
  const traffic = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, perMonth: 90_000 }]));
  assert.deepEqual(traffic.callSites[0].changes.map((c) => c.kind), ['traffic']);
  assert.ok(Math.abs(traffic.totals.deltaUsd - 2 * monthly('claude-haiku-4-5', 410, 8, 30_000)) < 1e-9);

  const prompt = diffSnapshots(snapshot([classify]), snapshot([{ ...classify, input: 830 }]));
  assert.deepEqual(prompt.callSites[0].changes.map((c) => c.kind), ['prompt']);
  assert.equal(prompt.callSites[0].changes[0].text, 'prompt +420 tokens (410 → 830)');
  assert.ok(Math.abs(prompt.totals.deltaUsd - (30_000 * 420 * 1) / 1e6) < 1e-9);

  const base = snapshot([classify]);
  const head = snapshot([classify]);
  const cheaper = head.callSites[0];
  cheaper.monthly = { min: 1, expected: 1, max: 1 };
  const price = diffSnapshots(base, head);
  assert.deepEqual(price.callSites[0].changes.map((c) => c.kind), ['price']);
});

test('task types are attributed per revision, and a removed site subtracts its cost', () => {
  const base = snapshot([classify, summarize]);
  const head = snapshot([{ ...classify, task: 'extraction' }]);
  const diff = diffSnapshots(base, head);
  const rows = Object.fromEntries(diff.byTask.map((t) => [t.task, t]));
  const c = monthly('claude-haiku-4-5', 410, 8, 30_000);
  const s = monthly('claude-sonnet-4-6', 2_000, 300, 5_000);
  assert.ok(Math.abs(rows.classification.deltaUsd + c) < 1e-9);
  assert.ok(Math.abs(rows.extraction.deltaUsd - c) < 1e-9);
  assert.ok(Math.abs(rows.summarization.deltaUsd + s) < 1e-9);
  assert.ok(Math.abs(diff.totals.deltaUsd + s) < 1e-9);
  assert.equal(diff.counts.removed, 1);
  assert.equal(diff.callSites.find((x) => x.status === 'removed')?.deltaUsd, -s);
});

test('a new call on a model without a price is listed as new unpriced and left out of the totals', () => {
  const unknown: SiteSpec = { id: 'src/x.ts#f#0', model: 'my-finetune-v2', input: 100, output: 10, perMonth: 1000 };
  const diff = diffSnapshots(snapshot([classify]), snapshot([classify, unknown]));
  assert.equal(diff.newUnpriced.length, 1);
  assert.equal(diff.newUnpriced[0].model, 'my-finetune-v2');
  assert.equal(diff.totals.deltaUsd, 0);
  assert.equal(diff.callSites.find((s) => s.id === unknown.id)?.deltaUsd, null);
  // Wrappers carried by invocations (costed: false) are not diffed at all.
  const wrapper = diffSnapshots(snapshot([]), snapshot([{ ...unknown, costed: false }]));
  assert.equal(wrapper.callSites.length, 0);
});

test('from a zero base the percentage is null, not Infinity', () => {
  const diff = diffSnapshots(snapshot([]), snapshot([classify]));
  assert.equal(diff.totals.deltaPct, null);
  assert.ok(diff.totals.deltaUsd > 0);
  assert.doesNotThrow(() => JSON.stringify(diff));
});
