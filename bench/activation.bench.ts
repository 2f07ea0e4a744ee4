/**
 * Editor responsiveness (issue 8 item 6, issue 5's "lenses within a second"), measured in a real
 * VS Code (code-server + Chromium) on a copy of the example app, with baselines taken in the same
 * editor at the same moment:
 *  - activation cost of the extension (its own `activated in N ms` log line; target < 50 ms);
 *  - cold open of an LLM file -> first CodeLens (engine bundle load + first analysis), against
 *    VS Code's own TypeScript document symbols for the same file (target <= 3x), in two sessions:
 *    the first ever (nothing in the extension's global storage) and the next one (same user data and
 *    installed extension, a fresh editor process: the engine's code cache and token-count memo are
 *    there, as for a user's every later session), and a third that opens the file 8 s after the
 *    window loaded (a person reading the explorer first; the engine still loads on that open);
 *  - when the lens data is ready in the extension host (the log line of the first analysis) and when
 *    the lens is drawn in the editor (Playwright on the workbench; includes the workbench asking for
 *    lenses, which VS Code debounces, and drawing them); the target of issue 5 ("within a second")
 *    applies to the data, the rest is the workbench's;
 *  - warm open of a second LLM file -> first CodeLens (target <= 1.5x TypeScript's symbols);
 *  - edit -> lens moved, p50 over 8 edits, against the configured debounce (target <= 3x).
 * Needs `bash scripts/setup-test-env.sh`. Run: node --import tsx bench/activation.bench.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResult } from '../test/vscode/support/browser';
import { REPO_ROOT } from '../test/vscode/support/codeServer';
import { buildExtension, copyWorkspace, layoutExtensions } from '../test/vscode/support/layout';
import { startSession } from '../test/vscode/support/session';

interface BenchObservations {
  error?: string;
  cold: { lensMs: number; symbolsMs: number; openedAt?: string; drawnMs?: number; readyMs?: number };
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

/** The Tierwise log of the latest session (user data may hold several sessions' logs). */
function latestLog(userDataDir: string): string | undefined {
  const logs = findLogs(join(userDataDir, 'logs'), /Tierwise\.log$/).sort((a, b) => statSync(b).birthtimeMs - statSync(a).birthtimeMs || b.localeCompare(a));
  return logs[0];
}

/** A figure from the Tierwise log of the latest session. */
function logFigure(userDataDir: string, pattern: RegExp): string | undefined {
  const file = latestLog(userDataDir);
  return file ? pattern.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
}

interface SessionFigures {
  obs: BenchObservations;
  activation: number | undefined;
  engineLoad: number | undefined;
  codeCache: string | undefined;
}

/** One editor session on a fresh copy of the example app, with the given user data and installed extension. */
async function measureSession(reuse: { userDataDir: string; extensionsDir: string }, settleMs = 0): Promise<SessionFigures> {
  const workspace = copyWorkspace(join(REPO_ROOT, 'examples', 'support-desk'));
  // TIERWISE_BENCH_PROFILE=DIR: CPU profiles of the extension host from each cold open to its first lens.
  const profileDir = process.env.TIERWISE_BENCH_PROFILE;
  const cpuProfile = profileDir ? join(profileDir, `cold-${Date.now()}.cpuprofile`) : undefined;
  const session = await startSession({ workspace, scenario: 'bench', file: 'src/tickets/classify.ts', trusted: true, companion: { cpuProfile, settleMs }, ...reuse });
  try {
    // What the user sees: the first Tierwise lens drawn in the editor (the companion's figure is when
    // the lens provider answers `vscode.executeCodeLensProvider`, a round trip through the workbench).
    const drawn = session.workbench.page
      .locator('.codelens-decoration', { hasText: ' tok' })
      .first()
      .waitFor({ timeout: 120_000 })
      .then(() => Date.now(), () => NaN);
    const obs = await readResult<BenchObservations>(session.outDir, 240_000);
    if (obs.error) throw new Error(obs.error);
    obs.cold.drawnMs = (await drawn) - Date.parse(obs.cold.openedAt ?? '');
    // When the lens data was ready in the extension host: the log line of the file's first analysis.
    const analysed = /^(\S+ \S+) \[info\] analyse src\/tickets\/classify\.ts: /m.exec(readFileSync(latestLog(session.userDataDir) ?? '', 'utf8'));
    obs.cold.readyMs = analysed ? Date.parse(`${analysed[1].replace(' ', 'T')}Z`) - Date.parse(obs.cold.openedAt ?? '') : NaN;
    // A user's session outlasts the few seconds after which the code cache is written: wait for it.
    for (let waited = 0; waited < 30_000 && logFigure(session.userDataDir, /engine loaded from .* \(code cache: (miss|rejected)\)/) && !logFigure(session.userDataDir, /(engine code cache written)/); waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const log = latestLog(session.userDataDir);
    if (process.env.TIERWISE_BENCH_LOG === '1' && log) console.log(`opened ${obs.cold.openedAt} (UTC)\n${readFileSync(log, 'utf8').split('\n').slice(0, 6).join('\n')}`);
    const number = (pattern: RegExp) => {
      const found = logFigure(session.userDataDir, pattern);
      return found === undefined ? undefined : Number(found);
    };
    return {
      obs,
      activation: number(/activated in (\d+) ms/),
      engineLoad: number(/engine loaded from .* in (\d+) ms/),
      codeCache: logFigure(session.userDataDir, /engine loaded from .* \(code cache: (\w+)\)/),
    };
  } finally {
    await session.close();
  }
}

/** The third session opens its first file this long after the window loaded, as a person would. */
const SETTLE_MS = 8_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<number> {
  // The bench owns the user data and the installed extension so that both survive into the next session.
  buildExtension();
  const userDataDir = mkdtempSync(join(tmpdir(), 'tierwise-user-'));
  const dirs = { userDataDir, extensionsDir: await layoutExtensions(userDataDir) };
  let first: SessionFigures;
  let next: SessionFigures;
  let settled: SessionFigures;
  try {
    first = await measureSession(dirs);
    next = await measureSession(dirs);
    settled = await measureSession(dirs, SETTLE_MS);
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
  const { obs } = first;
  const editP50 = median(obs.editMs);
  const rows = [
    { figure: 'activation (extension code)', ms: first.activation ?? NaN, base: NaN, target: '< 50 ms', met: first.activation !== undefined && first.activation < 50 },
    { figure: `engine bundle load, 1st session (${first.codeCache})`, ms: first.engineLoad ?? NaN, base: NaN, target: '(info)', met: true },
    { figure: `engine bundle load, next session (${next.codeCache})`, ms: next.engineLoad ?? NaN, base: first.engineLoad ?? NaN, target: '(info)', met: true },
    { figure: 'cold open -> first lens, 1st session', ms: obs.cold.lensMs, base: obs.cold.symbolsMs, target: '<= 3x TS symbols', met: obs.cold.lensMs <= 3 * obs.cold.symbolsMs },
    { figure: 'cold open -> first lens, next session', ms: next.obs.cold.lensMs, base: next.obs.cold.symbolsMs, target: '<= 3x TS symbols', met: next.obs.cold.lensMs <= 3 * next.obs.cold.symbolsMs },
    { figure: 'cold open -> lens data ready, 1st session', ms: obs.cold.readyMs ?? NaN, base: obs.cold.symbolsMs, target: '(info)', met: true },
    { figure: 'cold open -> lens data ready, next session', ms: next.obs.cold.readyMs ?? NaN, base: next.obs.cold.symbolsMs, target: '< 1000 ms', met: (next.obs.cold.readyMs ?? Infinity) < 1000 },
    { figure: 'cold open -> lens drawn, 1st session', ms: obs.cold.drawnMs ?? NaN, base: obs.cold.symbolsMs, target: '<= 3x TS symbols', met: (obs.cold.drawnMs ?? Infinity) <= 3 * obs.cold.symbolsMs },
    { figure: 'cold open -> lens drawn, next session', ms: next.obs.cold.drawnMs ?? NaN, base: next.obs.cold.symbolsMs, target: '<= 3x TS symbols', met: (next.obs.cold.drawnMs ?? Infinity) <= 3 * next.obs.cold.symbolsMs },
    { figure: `settled editor (${SETTLE_MS / 1000} s) -> lens data ready`, ms: settled.obs.cold.readyMs ?? NaN, base: settled.obs.cold.symbolsMs, target: '< 1000 ms', met: (settled.obs.cold.readyMs ?? Infinity) < 1000 },
    { figure: `settled editor (${SETTLE_MS / 1000} s) -> lens drawn`, ms: settled.obs.cold.drawnMs ?? NaN, base: settled.obs.cold.symbolsMs, target: '< 1000 ms', met: (settled.obs.cold.drawnMs ?? Infinity) < 1000 },
    { figure: 'warm open -> first lens', ms: obs.warm.lensMs, base: obs.warm.symbolsMs, target: '<= 1.5x TS symbols', met: obs.warm.lensMs <= 1.5 * Math.max(obs.warm.symbolsMs, 50) },
    { figure: `edit -> lens moved (p50 of ${obs.editMs.length})`, ms: editP50, base: obs.debounceMs, target: '<= 3x debounce', met: editP50 <= 3 * obs.debounceMs },
  ];
  console.log(`${'figure'.padEnd(44)} ${'ms'.padStart(7)} ${'baseline'.padStart(9)} ${'ratio'.padStart(6)}  target`);
  for (const r of rows) {
    const ratio = Number.isFinite(r.base) && r.base > 0 ? (r.ms / r.base).toFixed(2) : '';
    console.log(`${r.figure.padEnd(44)} ${String(Math.round(r.ms)).padStart(7)} ${Number.isFinite(r.base) ? String(Math.round(r.base)).padStart(9) : ''.padStart(9)} ${ratio.padStart(6)}  ${r.target}${r.met ? '' : '  MISSED'}`);
  }
  console.log(`edits: ${obs.editMs.join(', ')} ms (debounce ${obs.debounceMs} ms); next session's warm open: ${next.obs.warm.lensMs} ms`);
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
