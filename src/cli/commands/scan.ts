/**
 * `tierwise scan [dir] --format table|json|markdown --out FILE [--progress]`: every LLM call site
 * of a workspace with its location, provider, API, model (or why it is unknown), task type and
 * confidence, token estimates and cost per 1,000 calls, then a summary line. File problems go to
 * stderr (the scan continues past them); an invalid tierwise.yml stops with file:line:column.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TierwiseError, createEngine, formatConfigProblem, loadConfig } from '../../engine/api';
import type { FileProblem, ScanResult } from '../../engine/api';
import { renderScanJson } from '../report/scanJson';
import { renderScanMarkdown } from '../report/scanMarkdown';
import { renderScanTable } from '../report/scanTable';
import type { CliCommand, CliIO } from '../types';

const USAGE = `Usage: tierwise scan [dir] [--format table|json|markdown] [--out FILE] [--progress]

Finds every LLM call site under dir (default: the current directory) and prints, per call site,
its location, provider, API, model (or why it is unknown), task type and confidence, input/output
token estimates (min/expected/max) and cost per 1,000 calls.

  --format    table (default), json (follows schemas/scan.schema.json) or markdown
  --out FILE  write the report to FILE instead of stdout
  --progress  show progress on stderr (default: only when stderr is a terminal)`;

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'table' }, out: { type: 'string' }, progress: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new TierwiseError('bad-argument', (error as Error).message, 'run `tierwise scan --help` for the options');
  }
}

function render(result: ScanResult, format: Format): string {
  if (format === 'json') return renderScanJson(result);
  if (format === 'markdown') return renderScanMarkdown(result);
  return renderScanTable(result);
}

function problemLine(p: FileProblem): string {
  const at = p.position ? `:${p.position.line + 1}:${p.position.character + 1}` : '';
  const message = p.message.replace(/\.+$/, '');
  return `${p.severity}: ${p.file}${at}: ${message}.${p.fix ? ` Fix: ${p.fix}` : ''}`;
}

function progressReporter(io: CliIO, enabled: boolean) {
  if (!enabled) return undefined;
  return (done: number, total: number, file: string) => {
    io.stderr(done >= total ? `\rscanned ${total} files${' '.repeat(40)}\n` : `\rscanning ${done + 1}/${total} ${file.slice(-60).padEnd(60)}`);
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new TierwiseError('bad-argument', `unknown format '${values.format}'`, `use one of ${FORMATS.join(', ')}`, { field: '--format' });
  }
  if (positionals.length > 1) throw new TierwiseError('bad-argument', `expected one directory, got ${positionals.length}`, 'run `tierwise scan [dir]`');
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const { config, problems: configProblems } = await loadConfig(root);
  if (configProblems.length > 0) {
    for (const problem of configProblems) io.stderr(`tierwise scan: ${formatConfigProblem(problem)}\n`);
    io.stderr(`tierwise scan: ${config.file ?? 'tierwise.yml'} is invalid; fix the problems above (or remove the file to use the defaults).\n`);
    return 2;
  }
  const engine = createEngine();
  try {
    const result = await engine.scan(root, { config, onProgress: progressReporter(io, values.progress || io.isTTY) });
    for (const problem of result.problems) io.stderr(`${problemLine(problem)}\n`);
    const report = render(result, format);
    if (values.out) {
      const out = resolve(io.cwd, values.out);
      writeFileSync(out, report);
      io.stdout(`wrote ${format} report of ${result.callSites.length} call sites to ${out}\n`);
    } else {
      io.stdout(report);
    }
    return 0;
  } finally {
    engine.dispose();
  }
}

/** The `scan` command. */
export const command: CliCommand = { name: 'scan', summary: 'find every LLM call site with model, task, tokens and cost per 1,000 calls', usage: USAGE, run };
