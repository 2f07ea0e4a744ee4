import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { diffSnapshots } from '../../../src/review/diff';
import { evaluateGates } from '../../../src/review/gates';
import { COMMENT_MARKER, githubLinks, renderMarkdown } from '../../../src/review/render/markdown';
import { renderTable } from '../../../src/review/render/table';
import { snapshot } from './snapshots';
import type { SiteSpec } from './snapshots';

const classify: SiteSpec = { id: 'src/tickets/classify.ts#classifyTicket#0', model: 'claude-haiku-4-5', input: 410, output: 8, perMonth: 30_000 };
const summarize: SiteSpec = { id: 'src/tickets/summarize.ts#summarize#0', task: 'summarization', model: 'claude-sonnet-4-6', input: 2_000, output: 300, perMonth: 5_000 };
const priority: SiteSpec = { id: 'src/tickets/priority.ts#rank|Priority#0', line: 4, model: 'claude-opus-4-7', input: 300, output: 5, perMonth: 20_000, suggest: 'claude-haiku-4-5' };

function sampleDiff() {
  const base = snapshot([classify, summarize], '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  const head = snapshot([{ ...classify, model: 'claude-opus-4-7' }, { ...summarize, line: 30 }, priority], '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  return diffSnapshots(base, head, { baseLabel: 'origin/main', headLabel: 'HEAD' });
}

/** Checks every markdown table: header, separator and rows have the same number of cells. */
function tablesOf(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length) {
      tables.push(current);
      current = [];
    }
  }
  return tables;
}

function cellCount(row: string): number {
  return row.replace(/\\\|/g, '').split('|').length - 2;
}

test('the comment starts with the marker and the summary table, with correct totals', () => {
  const md = renderMarkdown(sampleDiff());
  const lines = md.split('\n');
  assert.equal(lines[0], COMMENT_MARKER);
  const firstTable = lines.findIndex((l) => l.startsWith('|'));
  const firstDetails = lines.findIndex((l) => l.startsWith('<details>'));
  assert.ok(firstTable > 0 && firstTable < firstDetails, 'summary table comes before any details');
  // base: 30,000 x (410 + 8 x 5)/1e6 = $13.50 + 5,000 x (2,000 x 3 + 300 x 15)/1e6 = $52.50 -> $66.00
  // head: 30,000 x (410 x 5 + 8 x 25)/1e6 = $67.50 + $52.50 + 20,000 x (300 x 5 + 5 x 25)/1e6 = $32.50 -> $152.50
  assert.ok(md.includes('**$66.00 → $152.50** (+$86.50, +131.1%)'), md.slice(0, 400));
  assert.ok(lines[firstTable + 2].startsWith('| **Total / month** | **$66.00** | **$152.50** | **+$86.50** | **+131.1%** |'));
  assert.ok(md.includes('base `origin/main` (1111111) → head `HEAD` (2222222)'));
});

test('every table has consistent cells and renders to a real HTML table', () => {
  const diff = sampleDiff();
  const md = renderMarkdown(diff, { gates: evaluateGates(diff, { failOnIncreasePct: 50 }) });
  const tables = tablesOf(md);
  assert.ok(tables.length >= 3);
  for (const table of tables) {
    const counts = table.map(cellCount);
    assert.ok(counts.every((c) => c === counts[0]), `cell counts differ: ${counts} in\n${table.join('\n')}`);
  }
  const html = marked.parse(md, { async: false });
  const rendered = html.match(/<table>/g) ?? [];
  assert.equal(rendered.length, tables.length, 'every markdown table renders as <table> (also inside <details>)');
  const rows = html.match(/<tr>/g) ?? [];
  assert.equal(rows.length, tables.reduce((n, t) => n + t.length - 1, 0), 'one <tr> per header and body row');
  assert.ok(html.includes('rank\\|Priority') === false && html.includes('rank|Priority'), 'a pipe in a name stays inside its cell');
  assert.ok(html.includes('Cost gate failed'));
});

test('the details name what changed and the ignored recommendation', () => {
  const md = renderMarkdown(sampleDiff());
  assert.ok(md.includes('model `claude-haiku-4-5` → `claude-opus-4-7`') || md.includes('`claude-haiku-4-5` → `claude-opus-4-7`'));
  assert.ok(md.includes('model claude-haiku-4-5 → claude-opus-4-7'));
  assert.match(md, /Recommendations this change ignores \(1\)/);
  assert.match(md, /new classification call on claude-opus-4-7 \(tier 3\); Tierwise recommends tier 1 \(claude-haiku-4-5\): saves \$26\.00\/month/);
  assert.match(md, /moved src\/tickets\/summarize\.ts:11 → src\/tickets\/summarize\.ts:31/);
});

test('links point at GitHub blobs when the Actions environment is set, else relative paths', () => {
  const diff = sampleDiff();
  const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/desk', GITHUB_SHA: 'feedface' };
  const md = renderMarkdown(diff, { links: githubLinks(env, diff, 'services/desk/') });
  assert.ok(md.includes('[src/tickets/priority.ts:5](https://github.com/acme/desk/blob/feedface/services/desk/src/tickets/priority.ts#L5)'));
  const local = renderMarkdown(diff, { links: githubLinks({}, diff) });
  assert.ok(local.includes('[src/tickets/priority.ts:5](src/tickets/priority.ts)'));
});

test('the terminal table shows totals per task and each moving call site', () => {
  const text = renderTable(sampleDiff());
  assert.match(text.split('\n')[0], /Cost diff origin\/main -> HEAD: \$66\.00 -> \$152\.50 per month \(\+\$86\.50, \+131\.1%\)/);
  assert.match(text, /classification\s+\$13\.50\s+\$100\.00\s+\+\$86\.50/);
  assert.match(text, /added\s+src\/tickets\/priority\.ts:5/);
});
