/**
 * `tierwise diff [dir] --base <ref> [--head <ref>] | --compare-to snapshot.json`: how a change moves
 * the projected monthly bill, as a PR comment (markdown), JSON or a terminal table, with CI gates.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TierwiseError } from '../../engine/api';
import {
  compareRevisions,
  compareToSnapshot,
  createEngineSnapshotter,
  evaluateGates,
  githubLinks,
  renderJson,
  renderMarkdown,
  renderTable,
  repoInfo,
} from '../../review/api';
import type { CostDiff, GateOptions, GateResult } from '../../review/api';
import type { CliCommand, CliIO } from '../types';

const USAGE = `Usage: tierwise diff [dir] --base <git-ref> [--head <git-ref>] [options]
       tierwise diff [dir] --compare-to <snapshot.json> [options]

Compares the projected monthly LLM cost of two revisions. The base is read from git without
touching your working tree (fetched from origin in a shallow clone); head defaults to the working tree.

Options:
  --base <ref>                 base revision (branch, tag or commit)
  --head <ref>                 head revision (default: the working tree)
  --compare-to <file>          compare against a snapshot written by \`tierwise snapshot\`
  --format <f>                 markdown | json | table (default: table on a terminal, else markdown)
  --out <file>                 write the report to a file instead of stdout
  --fail-on-increase-pct <n>   exit 1 when the monthly total grows by more than n percent
  --fail-on-increase-usd <n>   exit 1 when the monthly total grows by more than n USD
  --fail-on-new-unpriced       exit 1 when the change adds a call site without a price
`;

type Format = 'markdown' | 'json' | 'table';

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new TierwiseError('bad-option', `${flag} must be a non-negative number, got '${value}'`, `pass a number, e.g. ${flag} 10`, { field: flag });
  }
  return n;
}

function parse(argv: string[], io: CliIO) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      'compare-to': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on-increase-pct': { type: 'string' },
      'fail-on-increase-usd': { type: 'string' },
      'fail-on-new-unpriced': { type: 'boolean' },
    },
  });
  const format = (values.format ?? (io.isTTY && !values.out ? 'table' : 'markdown')) as Format;
  if (!['markdown', 'json', 'table'].includes(format)) {
    throw new TierwiseError('bad-option', `unknown --format '${values.format}'`, 'use --format markdown, json or table', { field: '--format' });
  }
  if (!values.base === !values['compare-to']) {
    throw new TierwiseError('bad-option', 'pass exactly one of --base <git-ref> or --compare-to <snapshot.json>', 'e.g. `tierwise diff --base origin/main`', { field: '--base' });
  }
  const gates: GateOptions = {
    failOnIncreasePct: numberOption(values['fail-on-increase-pct'], '--fail-on-increase-pct'),
    failOnIncreaseUsd: numberOption(values['fail-on-increase-usd'], '--fail-on-increase-usd'),
    failOnNewUnpriced: values['fail-on-new-unpriced'] ?? false,
  };
  return { values, dir: resolve(io.cwd, positionals[0] ?? '.'), format, gates };
}

async function pathPrefix(dir: string): Promise<string> {
  try {
    return (await repoInfo(dir)).prefix;
  } catch {
    return '';
  }
}

async function render(diff: CostDiff, format: Format, gates: GateResult, dir: string, io: CliIO): Promise<string> {
  if (format === 'json') return renderJson(diff, gates);
  if (format === 'table') return renderTable(diff, gates);
  return renderMarkdown(diff, { gates, links: githubLinks(io.env, diff, await pathPrefix(dir)) });
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, dir, format, gates } = parse(argv, io);
  const log = (line: string) => io.stderr(`${line}\n`);
  const snapshotDir = createEngineSnapshotter({ log });
  const diff = values['compare-to']
    ? await compareToSnapshot(dir, resolve(io.cwd, values['compare-to']), snapshotDir)
    : await compareRevisions({ dir, base: values.base as string, head: values.head, log }, snapshotDir);
  const verdict = evaluateGates(diff, gates);
  const report = await render(diff, format, verdict, dir, io);
  if (values.out) {
    writeFileSync(resolve(io.cwd, values.out), report);
    log(`tierwise: wrote the ${format} cost diff to ${relative(io.cwd, resolve(io.cwd, values.out)) || values.out}`);
  } else io.stdout(report);
  for (const reason of verdict.reasons) io.stderr(`tierwise diff: gate failed: ${reason}\n`);
  return verdict.failed ? 1 : 0;
}

/** `tierwise diff`. */
export const command: CliCommand = {
  name: 'diff',
  summary: 'how a change moves the projected monthly cost (PR comment, JSON, table; CI gates)',
  usage: USAGE,
  run,
};
