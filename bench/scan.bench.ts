/**
 * Scan speed and memory (issue 8 items 1-3), against baselines measured in the same run on the same
 * files:
 *  - full scan vs parsing every file with TypeScript's `createSourceFile` (target <= 2x) and vs a
 *    full `tsc --noEmit` of the same tree (target <= 0.25x), on a generated 2,000-file project and
 *    on real SDK sources copied from node_modules (openai + @anthropic-ai/sdk);
 *  - incremental: re-analysing one edited LLM file of the 2,000-file project, p95 (target <= 50 ms);
 *  - peak RSS of a full scan of the 2,000-file project, in a child process (target < 600 MB).
 *
 * The scan measured is the real `engine.scan()` of a cold engine (file discovery, syntactic
 * pre-filter, the checker program over the files that can reach an SDK, detection, value resolution,
 * wrapper expansion, token sizing and pricing); the incremental figure is the real
 * `engine.analyzeFile()` with an unsaved buffer, after a first scan.
 *
 * Run: node --import tsx bench/scan.bench.ts [--files 2000]     (child mode: --rss-child <root>)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { createEngine } from '../src/engine/api';
import { copyRealSources, generateProject, tsFiles } from './corpus';

interface Row {
  figure: string;
  value: string;
  ratio?: number;
  target?: string;
  met?: boolean;
}

function parseAll(files: string[]): number {
  const start = performance.now();
  for (const file of files) ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return performance.now() - start;
}

async function fullScan(root: string): Promise<{ ms: number; sites: number; sdkFiles: number; files: number }> {
  const start = performance.now();
  const engine = createEngine({ catalog: { bundledOnly: true } });
  try {
    const result = await engine.scan(root);
    return { ms: performance.now() - start, sites: result.callSites.length, sdkFiles: result.filesWithSdkImports, files: result.filesScanned };
  } finally {
    engine.dispose();
  }
}

function tscNoEmit(root: string): number {
  const tsc = require.resolve('typescript/bin/tsc');
  const start = performance.now();
  spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(root, 'tsconfig.json')], { stdio: 'ignore' });
  return performance.now() - start;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Edits one LLM file N times (unsaved-buffer overlay) and re-analyses it with `engine.analyzeFile`
 * after a first full scan; checks every edit is seen (the output cap follows the edit).
 */
async function incremental(root: string, llmFile: string, runs: number): Promise<number[]> {
  const engine = createEngine({ catalog: { bundledOnly: true } });
  try {
    await engine.scan(root);
    const absolute = resolve(root, llmFile);
    const original = readFileSync(absolute, 'utf8');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const edited = original.replace('max_tokens: 10', `max_tokens: ${11 + i}`).replace('model:', `/* edit ${i} */ model:`);
      const start = performance.now();
      const result = await engine.analyzeFile(root, absolute, edited);
      times.push(performance.now() - start);
      const cap = result.callSites[0]?.site.params.maxTokens?.candidates[0]?.value;
      if (cap !== 11 + i) throw new Error(`edit ${i} not seen: max_tokens ${String(cap)}`);
    }
    return times;
  } finally {
    engine.dispose();
  }
}

function rssChild(root: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--rss-child', root], { encoding: 'utf8' });
  const match = /maxRSS=(\d+)/.exec(r.stdout);
  if (!match) throw new Error(`RSS child failed: ${r.stderr}`);
  return Number(match[1]) / 1024; // KB -> MB
}

async function corpusRows(label: string, root: string): Promise<Row[]> {
  const files = tsFiles(join(root, 'src'));
  parseAll(files.slice(0, 50)); // warm the parser
  const parseMs = parseAll(files);
  const scan = await fullScan(root);
  const tscMs = tscNoEmit(root);
  const vsParse = scan.ms / parseMs;
  const vsTsc = scan.ms / tscMs;
  return [
    { figure: `${label}: files / with SDK imports / call sites`, value: `${scan.files} / ${scan.sdkFiles} / ${scan.sites}` },
    { figure: `${label}: createSourceFile parse (baseline)`, value: `${parseMs.toFixed(0)} ms` },
    { figure: `${label}: tsc --noEmit (baseline)`, value: `${tscMs.toFixed(0)} ms` },
    { figure: `${label}: full scan (cold engine)`, value: `${scan.ms.toFixed(0)} ms` },
    { figure: `${label}: scan / parse`, value: `${vsParse.toFixed(2)}x`, ratio: vsParse, target: '<= 2x', met: vsParse <= 2 },
    { figure: `${label}: scan / tsc --noEmit`, value: `${vsTsc.toFixed(2)}x`, ratio: vsTsc, target: '<= 0.25x', met: vsTsc <= 0.25 },
  ];
}

function print(rows: Row[]): void {
  const w = Math.max(...rows.map((r) => r.figure.length));
  console.log(`${'figure'.padEnd(w)}  ${'value'.padStart(16)}  ${'target'.padEnd(9)} verdict`);
  for (const r of rows) {
    const verdict = r.met === undefined ? '' : r.met ? 'met' : 'MISSED';
    console.log(`${r.figure.padEnd(w)}  ${r.value.padStart(16)}  ${(r.target ?? '').padEnd(9)} ${verdict}`);
  }
}

async function main(): Promise<number> {
  const filesArg = process.argv.indexOf('--files');
  const count = filesArg > 0 ? Number(process.argv[filesArg + 1]) : 2000;
  const generated = generateProject(count);
  const real = copyRealSources();
  try {
    const rows = [...(await corpusRows(`generated ${count}`, generated.root)), ...(await corpusRows('real SDK sources', real))];
    const times = await incremental(generated.root, generated.llmFiles[0], 40);
    const p95 = percentile(times, 95);
    rows.push({ figure: 'incremental edit: p50', value: `${percentile(times, 50).toFixed(1)} ms` });
    rows.push({ figure: 'incremental edit: p95', value: `${p95.toFixed(1)} ms`, ratio: p95 / 50, target: '<= 50 ms', met: p95 <= 50 });
    const rss = rssChild(generated.root);
    rows.push({ figure: `peak RSS, full scan of ${count} files`, value: `${rss.toFixed(0)} MB`, ratio: rss / 600, target: '< 600 MB', met: rss < 600 });
    print(rows);
    return rows.some((r) => r.met === false) ? 1 : 0;
  } finally {
    rmSync(generated.root, { recursive: true, force: true });
    rmSync(real, { recursive: true, force: true });
  }
}

if (process.argv.includes('--rss-child')) {
  const root = process.argv[process.argv.indexOf('--rss-child') + 1];
  void fullScan(root).then(() => console.log(`maxRSS=${process.resourceUsage().maxRSS}`));
} else {
  void main().then((code) => (process.exitCode = code));
}
