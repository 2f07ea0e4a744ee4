/**
 * The pull-request comment: a hidden marker (so CI updates one comment instead of adding more), the
 * summary table first (total and per task type), the call sites with a cost change, then details in
 * collapsible `<details>` blocks, with links to files and lines.
 */
import type { CallSiteDiff, CostDiff, RevisionInfo } from '../model';
import type { Span } from '../../engine/model';
import type { GateResult } from '../gates';
import { costCell, shortCommit, pctChange, signedUsd, usd } from './format';

/** The hidden marker the GitHub Action looks for to update its single comment. */
export const COMMENT_MARKER = '<!-- tierwise-cost-review -->';

/** How file references become links. */
export interface MarkdownLinks {
  /** `https://github.com/OWNER/REPO/blob/` (commit and path are appended); absent = relative paths. */
  blobBase?: string;
  /** Commit for head (and unchanged) locations; removed sites link to `baseCommit`. */
  headCommit?: string;
  baseCommit?: string;
  /** Path of the analysed root inside the repository (`packages/api/`), prepended to file paths. */
  pathPrefix?: string;
}

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  links?: MarkdownLinks;
  gates?: GateResult;
  /** Rows in the "cost changes" table before the rest goes to details (default 15). */
  maxRows?: number;
}

/** Builds link settings from GitHub Actions' environment (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA). */
export function githubLinks(env: Record<string, string | undefined>, diff: CostDiff, pathPrefix = ''): MarkdownLinks {
  const server = env.GITHUB_SERVER_URL;
  const repo = env.GITHUB_REPOSITORY;
  const links: MarkdownLinks = { pathPrefix, baseCommit: diff.base.commit, headCommit: env.GITHUB_SHA ?? diff.head.commit };
  if (server && repo) links.blobBase = `${server.replace(/\/$/, '')}/${repo}/blob/`;
  return links;
}

/** Escapes text for a table cell (pipes, newlines) and inline HTML. */
export function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function link(span: Span, links: MarkdownLinks | undefined, removed: boolean): string {
  const label = `${span.file}:${span.start.line + 1}`;
  const commit = removed ? links?.baseCommit : links?.headCommit;
  const path = `${links?.pathPrefix ?? ''}${span.file}`;
  const target = links?.blobBase && commit ? `${links.blobBase}${commit}/${path}#L${span.start.line + 1}` : path;
  return `[${cell(label)}](${encodeURI(target).replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

function revision(info: RevisionInfo): string {
  const commit = shortCommit(info.commit);
  return commit && commit !== info.label ? `\`${cell(info.label)}\` (${commit})` : `\`${cell(info.label)}\``;
}

function table(header: string[], rows: string[][], align: Array<'l' | 'r'>): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function summary(diff: CostDiff): string[] {
  const t = diff.totals;
  const rows = [[`**Total / month**`, `**${usd(t.base)}**`, `**${usd(t.head)}**`, `**${signedUsd(t.deltaUsd)}**`, `**${pctChange(t.deltaPct, t.deltaUsd)}**`]];
  for (const task of diff.byTask) {
    const pct = task.base > 0 ? (task.deltaUsd / task.base) * 100 : null;
    rows.push([task.task, usd(task.base), usd(task.head), signedUsd(task.deltaUsd), pctChange(pct, task.deltaUsd)]);
  }
  return table(['', 'Base', 'Head', 'Change', '%'], rows, ['l', 'r', 'r', 'r', 'r']);
}

function modelCell(site: CallSiteDiff): string {
  const before = site.base?.model ?? null;
  const after = site.head?.model ?? null;
  if (site.base && site.head && before !== after) return `\`${cell(before ?? 'unknown')}\` → \`${cell(after ?? 'unknown')}\``;
  return `\`${cell((after ?? before) ?? 'unknown')}\``;
}

function siteRows(sites: CallSiteDiff[], links: MarkdownLinks | undefined): string[] {
  const rows = sites.map((s) => [
    `${s.status} ${link(s.span, links, s.status === 'removed')} \`${cell(s.enclosing)}\``,
    s.task,
    modelCell(s),
    costCell(s.base?.monthly, s.base !== null),
    costCell(s.head?.monthly, s.head !== null),
    s.deltaUsd === null ? 'n/a' : signedUsd(s.deltaUsd),
    cell(s.changes.map((c) => c.text).join('; ') || (s.status === 'added' ? 'new call site' : s.status === 'removed' ? 'call site removed' : '')),
  ]);
  return table(['Call site', 'Task', 'Model', 'Base', 'Head', 'Change', 'What changed'], rows, ['l', 'l', 'l', 'r', 'r', 'r', 'l']);
}

function details(title: string, body: string[]): string[] {
  return ['<details>', `<summary>${title}</summary>`, '', ...body, '', '</details>', ''];
}

function costChanges(diff: CostDiff, links: MarkdownLinks | undefined, maxRows: number): string[] {
  const moving = diff.callSites.filter((s) => s.status === 'added' || s.status === 'removed' || s.status === 'changed');
  if (moving.length === 0) return ['No call site was added, removed or changed.', ''];
  const shown = [...moving].sort((a, b) => Math.abs(b.deltaUsd ?? 0) - Math.abs(a.deltaUsd ?? 0) || a.id.localeCompare(b.id));
  const out = ['### Call sites that move the bill', '', ...siteRows(shown.slice(0, maxRows), links), ''];
  if (shown.length > maxRows) out.push(...details(`${shown.length - maxRows} more changed call sites`, siteRows(shown.slice(maxRows), links)));
  return out;
}

function findingsSections(diff: CostDiff, links: MarkdownLinks | undefined): string[] {
  const out: string[] = [];
  if (diff.ignoredRecommendations.length > 0) {
    const items = diff.ignoredRecommendations.map((r) => `- ${link(r.span, links, false)}: ${cell(r.text)}`);
    out.push(...details(`⚠️ Recommendations this change ignores (${diff.ignoredRecommendations.length})`, items));
  }
  if (diff.newUnpriced.length > 0) {
    const items = diff.newUnpriced.map((u) => `- ${link(u.span, links, false)} \`${cell(u.model ?? 'unknown model')}\`: ${cell(u.reason)}`);
    out.push(...details(`❓ Call sites without a price (${diff.newUnpriced.length}): not in the totals`, items));
  }
  const quiet = diff.callSites.filter((s) => s.status === 'moved' || s.status === 'unchanged');
  if (quiet.length > 0) out.push(...details(`Unchanged and moved call sites (${quiet.length})`, siteRows(quiet, links)));
  return out;
}

function gateLines(gates: GateResult | undefined): string[] {
  if (!gates || (gates.reasons.length === 0 && gates.passed.length === 0)) return [];
  if (!gates.failed) return [`✅ Cost gates passed: ${cell(gates.passed.join('; '))}.`, ''];
  return ['❌ **Cost gate failed**', '', ...gates.reasons.map((r) => `- ${cell(r)}`), ''];
}

/** Renders the diff as a pull-request comment (GitHub-flavoured markdown). */
export function renderMarkdown(diff: CostDiff, options: MarkdownOptions = {}): string {
  const t = diff.totals;
  const c = diff.counts;
  const lines = [
    COMMENT_MARKER,
    '## Tierwise cost review',
    '',
    `Projected monthly LLM cost: **${usd(t.base)} → ${usd(t.head)}** (${signedUsd(t.deltaUsd)}, ${pctChange(t.deltaPct, t.deltaUsd)}), ` +
      `base ${revision(diff.base)} → head ${revision(diff.head)}.`,
    '',
    ...summary(diff),
    '',
    `Call sites: ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.moved} moved, ${c.unchanged} unchanged.`,
    '',
    ...gateLines(options.gates),
    ...costChanges(diff, options.links, options.maxRows ?? 15),
    ...findingsSections(diff, options.links),
    `<sub>Prices as of ${diff.head.catalogAsOf}${diff.configChanged ? '; tierwise.yml changed in this diff' : ''}. ` +
      'Costs are projections from static analysis and the traffic assumptions in tierwise.yml.</sub>',
    '',
  ];
  return lines.join('\n');
}
