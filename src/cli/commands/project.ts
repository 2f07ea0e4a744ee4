/**
 * `tierwise project [dir] --format table|json|markdown|html --out FILE`: monthly cost of every call
 * site now vs. with its recommendation, per task and in total, with the assumptions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TierwiseError } from '../../engine/api';
import type { Projection } from '../../engine/api';
import { renderProjectHtml } from '../report/projectHtml';
import { renderProjectMarkdown } from '../report/projectMarkdown';
import { renderProjectTable } from '../report/projectTable';
import type { CliCommand, CliIO } from '../types';
import { loadWorkspace } from './workspaceInputs';

const USAGE = `Usage: tierwise project [dir] [--format table|json|markdown|html] [--out FILE]

Projects the monthly cost of every LLM call site under dir (default: .) now and with the
recommended tier, from tierwise.yml traffic x token estimates x catalog prices (min/expected/max),
with per-task totals, cascade and classifier costs, exclusions and assumptions.
Profiling results under profiling.resultsDir, when present, override the default tiers.

  --format    table (default), json, markdown, or html (a self-contained report file)
  --out FILE  write the report to FILE (e.g. --format json --out tierwise/projection.json,
              which \`tierwise audit\` reads as readiness item 4)`;

const FORMATS = ['table', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

function render(p: Projection, format: Format): string {
  if (format === 'json') return `${JSON.stringify(p, null, 2)}\n`;
  if (format === 'markdown') return renderProjectMarkdown(p);
  if (format === 'html') return renderProjectHtml(p);
  return renderProjectTable(p);
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'table' }, out: { type: 'string' } } });
  } catch (error) {
    throw new TierwiseError('bad-argument', (error as Error).message, 'run `tierwise project --help` for the options');
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new TierwiseError('bad-argument', `unknown format '${values.format}'`, `use one of ${FORMATS.join(', ')}`, { field: '--format' });
  if (positionals.length > 1) throw new TierwiseError('bad-argument', `expected one directory, got ${positionals.length}`, 'run `tierwise project [dir]`');
  const inputs = await loadWorkspace(io, 'project', positionals[0]);
  if (!inputs) return 2;
  try {
    const projection = inputs.engine.project(inputs.scan, inputs.config, inputs.evidence);
    const report = render(projection, format);
    if (values.out) {
      const out = resolve(io.cwd, values.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, report);
      io.stdout(`wrote ${format} projection of ${projection.callSites.length} call sites to ${out}\n`);
    } else {
      io.stdout(report);
    }
    return 0;
  } finally {
    inputs.engine.dispose();
  }
}

/** The `project` command. */
export const command: CliCommand = { name: 'project', summary: 'monthly cost now vs. recommended tiers, per call site and task', usage: USAGE, run };
