/** `tierwise scan --format markdown`: a GitHub-flavoured table (cells escaped), then the summary. */
import type { ScanResult } from '../../engine/api';
import { apiText, costText, locationText, modelText, summaryLine, taskText, tokensText } from './scanFormat';

/** Escapes text for a markdown table cell (pipes, backticks, newlines, HTML). */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** Renders the scan as markdown. */
export function renderScanMarkdown(result: ScanResult): string {
  const lines = [
    '# Tierwise scan',
    '',
    '| location | provider | api | model | task | input tokens (min/exp/max) | output tokens | cost / 1k calls |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of result.callSites) {
    const cells = [locationText(s), s.site.provider, apiText(s), modelText(s), taskText(s), tokensText(s.tokens.input), tokensText(s.tokens.output), costText(s)];
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  lines.push('', mdCell(summaryLine(result)));
  if (result.problems.length > 0) {
    lines.push('', '## Problems', '');
    for (const p of result.problems) lines.push(`- ${mdCell(`${p.file}${p.position ? `:${p.position.line + 1}` : ''}: ${p.message}${p.fix ? ` Fix: ${p.fix}` : ''}`)}`);
  }
  return lines.join('\n') + '\n';
}
