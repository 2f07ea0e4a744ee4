/** `audit`: the readiness report (ten items, each pass / fail / unknown with evidence and locations). */
import type { AuditInputs, AuditReport, AuditStatus } from './types';
import { evaluateItems } from './items';

/** Runs the audit over plain inputs (pure). */
export function audit(inputs: AuditInputs): AuditReport {
  const items = evaluateItems(inputs);
  const counts: Record<AuditStatus, number> = { pass: 0, fail: 0, unknown: 0 };
  for (const i of items) counts[i.status] += 1;
  return { root: inputs.scan.root, items, counts };
}

/** The terminal rendering: one block per item. */
export function renderAuditText(report: AuditReport): string {
  const out = [`Readiness audit of ${report.root}`, ''];
  for (const i of report.items) {
    out.push(`[${i.status.toUpperCase().padEnd(7)}] ${i.id}. ${i.title}`);
    for (const e of i.evidence) out.push(`           ${e}`);
  }
  out.push('', `${report.counts.pass} pass, ${report.counts.fail} fail, ${report.counts.unknown} unknown`, '');
  return out.join('\n');
}

/** Markdown rendering (for a PR comment or docs). */
export function renderAuditMarkdown(report: AuditReport): string {
  const icon: Record<AuditStatus, string> = { pass: 'pass', fail: '**FAIL**', unknown: 'unknown' };
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  const out = ['## Tierwise readiness audit', '', '| # | Item | Status | Evidence |', '|---:|---|---|---|'];
  for (const i of report.items) out.push(`| ${i.id} | ${esc(i.title)} | ${icon[i.status]} | ${i.evidence.map(esc).join('<br>')} |`);
  out.push('', `${report.counts.pass} pass, ${report.counts.fail} fail, ${report.counts.unknown} unknown`, '');
  return out.join('\n');
}
