/** `tierwise init [dir]`: writes a commented starter tierwise.yml from a scan; never overwrites one. */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE_NAMES, TierwiseError, createEngine, defaultConfig, parseConfig, formatConfigProblem } from '../../engine/api';
import type { CliCommand, CliIO } from '../types';
import { starterConfig } from '../../engine/api';

const USAGE = `Usage: tierwise init [dir]

Scans dir (default: .) and writes dir/tierwise.yml: the tiers, the task types found with their call
sites and models, traffic placeholders and routing thresholds, all commented. An existing
tierwise.yml is never overwritten.`;

async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {} });
  } catch (error) {
    throw new TierwiseError('bad-argument', (error as Error).message, 'run `tierwise init --help`');
  }
  const root = resolve(io.cwd, parsed.positionals[0] ?? '.');
  const existing = CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (existing) {
    io.stderr(`tierwise init: ${existing} already exists and was not changed. Edit it (see \`tierwise project\` for what it implies), or move it away to generate a new starter file.\n`);
    return 1;
  }
  const config = defaultConfig();
  const engine = createEngine();
  try {
    const scan = await engine.scan(root, { config });
    const text = starterConfig(scan, config, new Date().toISOString().slice(0, 10));
    const target = join(root, 'tierwise.yml');
    const check = parseConfig(text, target);
    if (check.problems.length) throw new Error(`generated tierwise.yml is invalid: ${check.problems.map(formatConfigProblem).join('; ')}`);
    writeFileSync(target, text, { flag: 'wx' });
    const tasks = new Set(scan.callSites.filter((a) => a.costed).map((a) => a.task.task));
    io.stdout(`wrote ${target}: ${tasks.size} task type(s), ${scan.callSites.filter((a) => a.costed).length} call site(s). Next: set consequence and traffic per task, then run \`tierwise project\`.\n`);
    return 0;
  } finally {
    engine.dispose();
  }
}

/** The `init` command. */
export const command: CliCommand = { name: 'init', summary: 'write a commented starter tierwise.yml from a scan (never overwrites)', usage: USAGE, run };
