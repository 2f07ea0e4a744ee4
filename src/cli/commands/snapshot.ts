/** `tierwise snapshot [dir] --out file.json`: the versioned, reproducible analysis + projection of a revision. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngineSnapshotter, isClean, repoInfo, serializeSnapshot } from '../../review/api';
import type { CliCommand, CliIO } from '../types';

const USAGE = `Usage: tierwise snapshot [dir] [--out file.json]

Writes the full analysis and cost projection of dir (default: .) as versioned JSON
(schema: schemas/snapshot.schema.json). The same commit and configuration give the same bytes.
Compare it later with \`tierwise diff --compare-to file.json\`.
`;

async function cleanCommit(dir: string): Promise<string | undefined> {
  try {
    const repo = await repoInfo(dir);
    return repo.head && (await isClean(repo)) ? repo.head : undefined;
  } catch {
    return undefined; // not in a git repository: no commit recorded
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' } },
  });
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const snapshotDir = createEngineSnapshotter({ log: (line) => io.stderr(`${line}\n`) });
  const snapshot = await snapshotDir(dir, await cleanCommit(dir));
  const text = serializeSnapshot(snapshot);
  if (values.out) {
    writeFileSync(resolve(io.cwd, values.out), text);
    io.stderr(`tierwise: wrote snapshot of ${snapshot.callSites.length} call sites ($${snapshot.projection.totals.current.expected.toFixed(2)}/month) to ${values.out}\n`);
  } else io.stdout(text);
  return 0;
}

/** `tierwise snapshot`. */
export const command: CliCommand = {
  name: 'snapshot',
  summary: 'versioned JSON of the analysis and cost projection (input of `tierwise diff --compare-to`)',
  usage: USAGE,
  run,
};
