/**
 * Profiling runner throughput (issue 8 item 5): N requests at concurrency C against the fake model
 * server (a separate process) with a fixed latency L must complete within 1.15x of ceil(N/C) x L;
 * with a 429 storm injected (retry-after honoured) the run must still finish with every sample
 * recorded. Goes through the real Anthropic SDK client, the gate, the budget and the fsync'ed log.
 *
 * L defaults to 250ms (real model latencies are 0.5-5s, so this is the harsh end): the runner's own
 * CPU per request (SDK, oracle, log) is a fixed cost that a shorter L magnifies, and on a machine
 * whose cores are busy with other work it dominates below ~100ms.
 *
 * Run: `node --import tsx bench/profilingRunner.bench.ts [--n 240] [--c 8] [--latency 250]`
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProfile as runPlan } from '../src/profiling/runner/runProfile';
import type { Oracle, PlannedRequest, RunPlan, Sample } from '../src/profiling/api';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--n', 240);
const C = arg('--c', 8);
const L = arg('--latency', 250);
const TARGET = 1.15;

async function startServer(extra: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'test', 'support', 'fakeModelServer.ts'), '--port', '0', '--latency', String(L), ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error('fake server exited')));
  });
  return { url, child };
}

function plan(resultsFile: string): { plan: RunPlan; samples: Map<string, Sample> } {
  const samples = new Map<string, Sample>();
  const requests: PlannedRequest[] = [];
  for (let i = 0; i < N; i++) {
    const id = `s${i}`;
    samples.set(`classification|${id}`, { id, expected: 'ok', file: 'bench', line: i + 1 });
    requests.push({ key: `classification|${id}|claude-haiku-4-5`, task: 'classification', tier: 1, model: 'claude-haiku-4-5', provider: 'anthropic', sampleId: id, callSiteId: null, request: { messages: [{ role: 'user', content: `sample ${i}` }], maxTokens: 5 }, estInputTokens: 5, estCostUsd: 0.00001, maxCostUsd: 0.00003 });
  }
  const price = { inputPerMTok: 1, outputPerMTok: 5, batchDiscount: 0.5 };
  return {
    samples,
    plan: { root: tmpdir(), requests, tasks: ['classification'], tiers: [1], models: [{ model: 'claude-haiku-4-5', provider: 'anthropic', tier: 1, price }], alreadyDone: 0, estimatedCostUsd: 0, maxCostUsd: 0, estimatedSeconds: 0, tokenMethod: 'bench', batch: false, resultsFile, oracleVersions: {}, skipped: [] },
  };
}

const oracle: Oracle = { spec: 'exact', version: 'bench', usesModel: false, grade: async (output) => ({ pass: output === 'ok', score: 1, reason: '' }) };

async function scenario(name: string, inject: string[]): Promise<{ name: string; seconds: number; recorded: number; ratio: number }> {
  const { url, child } = await startServer(inject);
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-bench-'));
  try {
    const { plan: p, samples } = plan(join(dir, 'results.jsonl'));
    const started = performance.now();
    const run = await runPlan(p, {
      access: { anthropic: { provider: 'anthropic', apiKey: 'sk-ant-bench-000000000000', baseURL: url, concurrency: C } },
      oracles: { classification: oracle }, samples, retry: { baseDelayMs: 50, maxDelayMs: 500 },
    });
    const seconds = (performance.now() - started) / 1000;
    const ideal = (Math.ceil(N / C) * L) / 1000;
    return { name, seconds, recorded: run.completed, ratio: seconds / ideal };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const clean = await scenario('steady', []);
  const storm = await scenario('429 storm (20 x retry-after 300ms)', ['--inject', 'rate-limit:20:300']);
  const ideal = (Math.ceil(N / C) * L) / 1000;
  console.log(`N=${N} requests, C=${C} in flight, L=${L}ms latency: ideal ceil(N/C) x L = ${ideal.toFixed(2)}s (load average ${loadavg()[0].toFixed(1)})`);
  console.log(`${'scenario'.padEnd(38)} ${'wall'.padStart(8)} ${'ratio'.padStart(7)} ${'recorded'.padStart(9)}  target`);
  const okClean = clean.ratio <= TARGET && clean.recorded === N;
  const okStorm = storm.recorded === N;
  console.log(`${clean.name.padEnd(38)} ${`${clean.seconds.toFixed(2)}s`.padStart(8)} ${clean.ratio.toFixed(3).padStart(7)} ${String(clean.recorded).padStart(9)}  <= ${TARGET}x and all recorded: ${okClean ? 'met' : 'MISSED'}`);
  console.log(`${storm.name.padEnd(38)} ${`${storm.seconds.toFixed(2)}s`.padStart(8)} ${storm.ratio.toFixed(3).padStart(7)} ${String(storm.recorded).padStart(9)}  all recorded: ${okStorm ? 'met' : 'MISSED'}`);
  return okClean && okStorm ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
