/** `tierwise audit [dir] [--strict] [--format text|json|markdown]`: the ten readiness items. */
import { parseArgs } from 'node:util';
import { TierwiseError } from '../../engine/api';
import { audit, gatherAuditFacts, renderAuditMarkdown, renderAuditText } from '../../audit/api';
import type { CliCommand, CliIO } from '../types';
import { loadWorkspace, reportConfigProblems } from './workspaceInputs';

const USAGE = `Usage: tierwise audit [dir] [--strict] [--format text|json|markdown]

Evaluates the ten pre-launch readiness items (MISSION.md) statically: each pass, fail or unknown
with its evidence and locations. With --strict the exit code is 1 when any item fails.`;

async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { strict: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' } } });
  } catch (error) {
    throw new TierwiseError('bad-argument', (error as Error).message, 'run `tierwise audit --help`');
  }
  const { values, positionals } = parsed;
  if (!['text', 'json', 'markdown'].includes(values.format ?? '')) throw new TierwiseError('bad-argument', `unknown format '${values.format}'`, 'use text, json or markdown', { field: '--format' });
  const inputs = await loadWorkspace(io, 'audit', positionals[0], true);
  if (!inputs) return 2;
  try {
    reportConfigProblems(io, 'audit', inputs.config, inputs.problems);
    const facts = gatherAuditFacts(inputs.root, inputs.scan, inputs.config);
    const report = audit({ scan: inputs.scan, config: inputs.config, configProblems: inputs.problems, evidence: inputs.evidence, facts });
    io.stdout(values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : values.format === 'markdown' ? renderAuditMarkdown(report) : renderAuditText(report));
    return values.strict && report.counts.fail > 0 ? 1 : 0;
  } finally {
    inputs.engine.dispose();
  }
}

/** The `audit` command. */
export const command: CliCommand = { name: 'audit', summary: 'the ten pre-launch readiness items: pass / fail / unknown with evidence', usage: USAGE, run };
