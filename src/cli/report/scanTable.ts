/** `tierwise scan --format table`: one row per call site, aligned columns, then the summary line. */
import type { ScanResult } from '../../engine/api';
import { apiText, costText, locationText, modelText, summaryLine, taskText, tokensText } from './scanFormat';

const MAX_CELL = 70;

function clip(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** Renders the scan as a terminal table. */
export function renderScanTable(result: ScanResult): string {
  const header = ['location', 'provider', 'api', 'model', 'task', 'input tok (min/exp/max)', 'output tok', 'cost / 1k calls'];
  const rows = result.callSites.map((s) => [
    locationText(s),
    s.site.provider,
    apiText(s),
    modelText(s),
    taskText(s),
    tokensText(s.tokens.input),
    tokensText(s.tokens.output),
    costText(s),
  ].map(clip));
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (rows.length === 0) out.push('(no LLM call sites found)');
  out.push('', summaryLine(result));
  return out.join('\n') + '\n';
}
