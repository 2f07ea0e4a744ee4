/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so one benchmark's heap and
 * JIT state never colours another's), streams its table, and exits non-zero when any benchmark
 * missed a ratio target (each benchmark exits non-zero only for that).
 *
 * Usage: node --import tsx bench/run.ts [name-filter ...]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

function main(): number {
  const dir = __dirname;
  const filters = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
  const rows: Array<{ name: string; code: number; seconds: number }> = [];
  for (const name of files) {
    console.log(`\n## ${name}`);
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, name)], { stdio: 'inherit', cwd: join(dir, '..') });
    rows.push({ name, code: result.status ?? 1, seconds: (performance.now() - start) / 1000 });
  }
  console.log('\n## summary');
  console.log(`${'benchmark'.padEnd(28)} ${'result'.padEnd(14)} wall`);
  for (const r of rows) {
    const verdict = r.code === 0 ? 'targets met' : `MISSED (exit ${r.code})`;
    console.log(`${r.name.padEnd(28)} ${verdict.padEnd(14)} ${r.seconds.toFixed(1)}s`);
  }
  return rows.some((r) => r.code !== 0) ? 1 : 0;
}

process.exitCode = main();
