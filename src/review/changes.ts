/**
 * What changed about one matched call site between two snapshots (model, prompt size, output size,
 * task, traffic, price, pricing status, location), each with a sentence for reports.
 */
import type { SiteChange, SnapshotCallSite } from './model';

function signed(n: number): string {
  return n > 0 ? `+${n.toLocaleString('en-US')}` : n.toLocaleString('en-US');
}

function location(site: SnapshotCallSite): string {
  return `${site.span.file}:${site.span.start.line + 1}`;
}

function sizeChanges(base: SnapshotCallSite, head: SnapshotCallSite): SiteChange[] {
  const changes: SiteChange[] = [];
  const inBase = base.tokens.input.expected;
  const inHead = head.tokens.input.expected;
  if (inBase !== inHead) {
    changes.push({ kind: 'prompt', from: inBase, to: inHead, text: `prompt ${signed(inHead - inBase)} tokens (${inBase} → ${inHead})` });
  }
  const outBase = base.tokens.output.expected;
  const outHead = head.tokens.output.expected;
  if (outBase !== outHead) {
    changes.push({ kind: 'output', from: outBase, to: outHead, text: `output ${signed(outHead - outBase)} tokens (${outBase} → ${outHead})` });
  }
  return changes;
}

function pricingChanges(base: SnapshotCallSite, head: SnapshotCallSite, costDrivers: number): SiteChange[] {
  const before = base.monthly?.expected ?? null;
  const after = head.monthly?.expected ?? null;
  if (before === null && after !== null) {
    return [{ kind: 'priced', from: null, to: after, text: `now priced (${head.model ?? 'unknown model'})` }];
  }
  if (before !== null && after === null) {
    const reason = head.unpriced?.reason ?? 'no price';
    return [{ kind: 'unpriced', from: before, to: null, text: `no longer priced: ${reason}` }];
  }
  // Same model, tokens and traffic, different money: the price itself moved (override or catalog).
  if (before !== null && after !== null && costDrivers === 0 && Math.abs(after - before) > 1e-9) {
    const perReqBefore = base.requestsPerMonth ? before / base.requestsPerMonth : before;
    const perReqAfter = head.requestsPerMonth ? after / head.requestsPerMonth : after;
    return [{
      kind: 'price',
      from: perReqBefore,
      to: perReqAfter,
      text: `price of ${head.model ?? 'the model'} changed ($${(perReqBefore * 1000).toFixed(4)} → $${(perReqAfter * 1000).toFixed(4)} per 1k calls)`,
    }];
  }
  return [];
}

/** Every change between a base site and its matched head site, cost drivers first, `moved` last. */
export function siteChanges(base: SnapshotCallSite, head: SnapshotCallSite): SiteChange[] {
  const changes: SiteChange[] = [];
  if (base.model !== head.model) {
    changes.push({ kind: 'model', from: base.model, to: head.model, text: `model ${base.model ?? 'unknown'} → ${head.model ?? 'unknown'}` });
  }
  if (base.task !== head.task) {
    changes.push({ kind: 'task', from: base.task, to: head.task, text: `task ${base.task} → ${head.task}` });
  }
  changes.push(...sizeChanges(base, head));
  if (base.requestsPerMonth !== head.requestsPerMonth) {
    const from = base.requestsPerMonth;
    const to = head.requestsPerMonth;
    const text = `traffic ${from?.toLocaleString('en-US') ?? 'n/a'} → ${to?.toLocaleString('en-US') ?? 'n/a'} requests/month` +
      (head.trafficSource && head.trafficSource !== base.trafficSource ? ` (${head.trafficSource})` : '');
    changes.push({ kind: 'traffic', from, to, text });
  }
  changes.push(...pricingChanges(base, head, changes.length));
  if (base.span.file !== head.span.file || base.span.start.line !== head.span.start.line) {
    changes.push({ kind: 'moved', from: location(base), to: location(head), text: `moved ${location(base)} → ${location(head)}` });
  }
  return changes;
}
