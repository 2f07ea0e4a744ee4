/**
 * `tierwise profile` end to end: the built CLI (dist/cli.js) on a copy of the example app and its
 * shipped samples, against the fake model server on 127.0.0.1 through the real SDK clients.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeModelServer } from '../support/fakeModelServer';
import type { FakeModelServer } from '../support/fakeModelServer';
import { createAnswer } from '../support/supportDeskScript';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE = join(ROOT, 'examples', 'support-desk');
const ANTHROPIC_KEY = 'sk-ant-integration-key-000000000000';
const OPENAI_KEY = 'sk-openai-integration-key-0000000000';
const TOTAL = (30 + 24 + 20) * 3;

const temps: string[] = [];

/** A copy of the example app (with the repo's node_modules linked, so SDK types resolve as in-tree). */
function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-profile-cli-'));
  temps.push(dir);
  const app = join(dir, 'support-desk');
  cpSync(EXAMPLE, app, { recursive: true, filter: (src) => !src.includes(`${join('tierwise', 'results')}`) });
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  return app;
}

function env(server: FakeModelServer, keys = { anthropic: true, openai: true }): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TIERWISE_CACHE_DIR: join(tmpdir(), 'tierwise-test-cache') };
  return {
    ...base,
    ...(keys.anthropic ? { ANTHROPIC_API_KEY: ANTHROPIC_KEY } : {}),
    ...(keys.openai ? { OPENAI_API_KEY: OPENAI_KEY } : {}),
    ANTHROPIC_BASE_URL: server.url,
    OPENAI_BASE_URL: `${server.url}/v1`,
  };
}

/** Runs the built CLI asynchronously (the fake server lives in this process: never block its event loop). */
function cli(args: string[], environment: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'profile', ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function resultsFiles(app: string): string[] {
  const dir = join(app, 'tierwise', 'results');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f)) : [];
}

function completeLines(file: string): Array<{ type: string; key: string }> {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    try {
      return [JSON.parse(l) as { type: string; key: string }];
    } catch {
      return [];
    }
  });
}

const generations = (server: FakeModelServer) => server.requests.filter((r) => r.path === '/v1/messages' || r.path === '/v1/chat/completions');

before(() => {
  if (!existsSync(CLI)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
});

after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

test('a run killed with SIGKILL mid-way and resumed loses and duplicates nothing', async () => {
  const server = await startFakeModelServer({ answer: createAnswer(), latencyMs: 40 });
  const app = exampleCopy();
  try {
    const child = spawn(process.execPath, [CLI, 'profile', app, '--yes'], { env: env(server), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      const files = resultsFiles(app);
      if (files.length === 1 && completeLines(files[0]).length >= 60) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const [log] = resultsFiles(app);
    const logged = completeLines(log).length;
    const sentBeforeKill = generations(server).length;
    assert.ok(logged < TOTAL, `the run was interrupted (${logged} of ${TOTAL} logged)`);

    const resumed = await cli([app, '--yes', '--format', 'json'], env(server));
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${logged} already done`));
    const records = completeLines(log).filter((r) => r.type === 'result');
    assert.equal(records.length, TOTAL, 'every request is in the log exactly once');
    assert.equal(new Set(records.map((r) => r.key)).size, TOTAL, 'no duplicated (sample, model) pair');
    // Only the requests in flight at the kill (sent, never logged) are sent a second time.
    assert.equal(generations(server).length, TOTAL + (sentBeforeKill - logged));

    const report = JSON.parse(resumed.stdout) as { decisions: Array<{ task: string; tier: number; mode: string }>; rows: Array<{ task: string; tier: number; passed: number; graded: number }> };
    const decision = (task: string) => report.decisions.find((d) => d.task === task);
    assert.deepEqual([decision('classification')?.tier, decision('classification')?.mode], [1, 'route']);
    assert.deepEqual([decision('extraction')?.tier, decision('extraction')?.mode], [1, 'monitor']);
    assert.deepEqual([decision('summarization')?.tier, decision('summarization')?.mode], [2, 'route']);
    const smallSummaries = report.rows.find((r) => r.task === 'summarization' && r.tier === 1);
    assert.deepEqual([smallSummaries?.passed, smallSummaries?.graded], [14, 20]);
    const logText = readFileSync(log, 'utf8');
    assert.ok(!logText.includes(ANTHROPIC_KEY) && !logText.includes(OPENAI_KEY), 'keys never reach the results log');
  } finally {
    await server.close();
  }
});

test('--dry-run sends nothing; a costly run without a terminal and without --yes is refused', async () => {
  const server = await startFakeModelServer({ answer: createAnswer() });
  const app = exampleCopy();
  try {
    const dry = await cli([app, '--dry-run'], env(server));
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`Profiling plan: ${TOTAL} requests`));
    assert.match(dry.stdout, /Estimated cost: \$\d/);
    assert.match(dry.stdout, /count_tokens/, 'exact Anthropic counts when a key is present');

    const config = join(app, 'tierwise.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('confirmAboveUsd: 0.5', 'confirmAboveUsd: 0.01'));
    const refused = await cli([app], env(server));
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /above profiling.confirmAboveUsd .*--yes/);
    assert.equal(generations(server).length, 0);
  } finally {
    await server.close();
  }
});

test('a missing key fails before any request, naming the variable', async () => {
  const server = await startFakeModelServer({ answer: createAnswer() });
  const app = exampleCopy();
  try {
    const run = await cli([app, '--yes'], env(server, { anthropic: true, openai: false }));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /OPENAI_API_KEY is not set/);
    assert.equal(generations(server).length, 0);
    assert.ok(!run.stderr.includes(ANTHROPIC_KEY));
  } finally {
    await server.close();
  }
});

test('--apply writes the decisions into tierwise.yml and shows the diff; without it nothing changes', async () => {
  const server = await startFakeModelServer({ answer: createAnswer() });
  const app = exampleCopy();
  try {
    const config = join(app, 'tierwise.yml');
    const before = readFileSync(config, 'utf8');
    const plain = await cli([app, '--yes', '--task', 'classification', '--task', 'summarization'], env(server));
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stdout, /summarization\s+tier 2 claude-sonnet-4-6 \[route\]/);
    assert.equal(readFileSync(config, 'utf8'), before);

    const applied = await cli([app, '--yes', '--task', 'classification', '--task', 'summarization', '--apply'], env(server));
    assert.equal(applied.status, 0, applied.stderr);
    assert.match(applied.stderr, /\+\s+defaultTier: 2/);
    const after = readFileSync(config, 'utf8');
    assert.match(after, /summarization:\n\s+oracle: \.\/tierwise\/oracles\/summarization\.mjs\n\s+# tierwise profile: claude-sonnet-4-6 route \(95\.0% pass\)\n\s+defaultTier: 2/);
    assert.match(after, /# Quality oracles per task/, 'comments are kept');
    assert.equal(generations(server).length, (30 + 20) * 3, 'the second run resumed from the first');
  } finally {
    await server.close();
  }
});

test('Ctrl-C (SIGINT) cancels promptly: exit 130, finished requests kept, nothing new sent afterwards', async () => {
  const server = await startFakeModelServer({ answer: createAnswer(), latencyMs: 80 });
  const app = exampleCopy();
  try {
    const child = spawn(process.execPath, [CLI, 'profile', app, '--yes'], { env: env(server), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (;;) {
      const files = resultsFiles(app);
      if (files.length === 1 && completeLines(files[0]).length >= 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    const interruptedAt = Date.now();
    assert.equal(await exited, 130);
    // In-flight requests were aborted; a request started after the signal would arrive >= 80ms later.
    assert.deepEqual(generations(server).filter((r) => r.at > interruptedAt + 60), []);
    const [log] = resultsFiles(app);
    const kept = completeLines(log).length;
    assert.ok(kept >= 20 && kept < TOTAL);
    const resumed = await cli([app, '--yes'], env(server));
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${kept} already done`));
    assert.equal(new Set(completeLines(log).map((r) => r.key)).size, TOTAL);
  } finally {
    await server.close();
  }
});
