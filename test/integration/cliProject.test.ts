import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/engine/config/load';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const example = join(root, 'examples', 'support-desk');
const temp = mkdtempSync(join(tmpdir(), 'tierwise-cli-project-'));

function tierwise(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TIERWISE_CACHE_DIR: join(temp, 'cache') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tierwise project / init / audit (built binary)', { skip: !existsSync(cli) && 'run `npm run build` first' }, () => {
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('projects the example app with the numbers of the README worked example', () => {
    const run = tierwise(['project', example, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const projection = JSON.parse(run.stdout);
    const classify = projection.callSites.find((s: { span: { file: string } }) => s.span.file === 'src/tickets/classify.ts');
    // 30,000 x (655 x $5 + 8 x $25)/1M = $104.25 now; 30,000 x (655 x $1 + 8 x $5)/1M = $20.85 on claude-haiku-4-5
    assert.equal(classify.requestsPerMonth, 30_000);
    assert.deepEqual(classify.tokens.input.expected, 655);
    assert.equal(classify.current.range.expected, 104.25);
    assert.equal(classify.recommendedModel, 'claude-haiku-4-5');
    assert.equal(classify.recommended.range.expected, 20.85);
    assert.equal(classify.savingUsd, 83.4);
    const total = projection.callSites.filter((s: { callSiteId: string }) => !projection.excluded.some((e: { callSiteId: string }) => e.callSiteId === s.callSiteId))
      .reduce((sum: number, s: { current: { range: { expected: number } } }) => sum + s.current.range.expected, 0);
    assert.ok(Math.abs(total - projection.totals.current.expected) < 1e-6, 'the total is the sum of the included call sites');
  });

  it('writes a self-contained HTML report with code-derived strings escaped', () => {
    const out = join(temp, 'report.html');
    const run = tierwise(['project', example, '--format', 'html', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(!/<script|src="http|href="http/.test(html), 'no scripts and no external resources');
    assert.match(html, /src\/tickets\/classify\.ts:9/);
  });

  it('stops on a broken tierwise.yml with file:line:column, the field and the fix', () => {
    const dir = join(temp, 'broken');
    cpSync(example, dir, { recursive: true });
    writeFileSync(join(dir, 'tierwise.yml'), 'routing:\n  contexGuard: 0.8\n  tier1PassRate: high\n');
    const run = tierwise(['project', dir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /tierwise\.yml:2:3: unknown key `contexGuard` in routing .*did you mean `contextGuard`/);
    assert.match(run.stderr, /tierwise\.yml:3:18: routing\.tier1PassRate is "high".*must be a number between 0 and 1, e\.g\. 0\.95/);
  });

  it('init writes a valid commented starter file from the scan, and never overwrites it', () => {
    const dir = join(temp, 'fresh');
    cpSync(example, dir, { recursive: true });
    rmSync(join(dir, 'tierwise.yml'));
    const first = tierwise(['init', dir]);
    assert.equal(first.code, 0, first.stderr);
    const text = readFileSync(join(dir, 'tierwise.yml'), 'utf8');
    assert.deepEqual(parseConfig(text, 'tierwise.yml').problems, []);
    assert.match(text, /classification: # \d+ call site\(s\): .*src\/tickets\/classify\.ts:9 \(claude-opus-4-7\)/);
    assert.match(text, /# "src\/tickets\/classify\.ts#classifyTicket#0": 1000\/day/);
    writeFileSync(join(dir, 'tierwise.yml'), `${text}# my edit\n`);
    const second = tierwise(['init', dir]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already exists and was not changed/);
    assert.match(readFileSync(join(dir, 'tierwise.yml'), 'utf8'), /# my edit\n$/);
  });

  it('audit reports the ten items and exits 1 with --strict when one fails', () => {
    const plain = tierwise(['audit', example]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal((plain.stdout.match(/^\[(PASS|FAIL|UNKNOWN) *\] \d+\./gm) ?? []).length, 10);
    assert.match(plain.stdout, /\[FAIL *\] 7\. [^\n]*\n(?: {11}[^\n]*\n)*? {11}src\/tickets\/classify\.ts:\d+: model id claude-opus-4-7 is a literal/);
    assert.equal(tierwise(['audit', example, '--strict']).code, 1);
  });
});
