/**
 * `tierwise scan` through the built binary (`node dist/cli.js`, built by `npm test` or here when
 * missing): formats, JSON Schema conformance, --out, progress, and the messages for bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv';

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const example = join(repo, 'examples', 'support-desk');

/** The parts of the JSON document the test reads. */
interface ScanDoc {
  root: string;
  callSites: Array<{ site: Record<string, unknown> }>;
}

function tierwise(args: string[], cwd = repo): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TIERWISE_CACHE_DIR: join(tmpdir(), 'tierwise-test-cache') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tierwise-cli-${name}-`));
  cpSync(join(repo, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}

before(() => {
  if (!existsSync(cli)) {
    const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
});

describe('tierwise scan (built binary)', () => {
  it('prints a table of the example app with models, tasks, tokens, costs and a summary line', () => {
    const { code, stdout } = tierwise(['scan', 'examples/support-desk']);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    assert.match(lines[0], /^location\s+provider\s+api\s+model\s+task/);
    const classify = lines.find((l) => l.startsWith('src/tickets/classify.ts:9'));
    assert.ok(classify, stdout);
    assert.match(classify, /anthropic messages\.create/);
    assert.match(classify, /claude-opus-4-7/);
    assert.match(classify, /classification/);
    assert.match(classify, /\$\d/);
    assert.ok(lines.some((l) => l.startsWith('src/kb/answer.ts:6') && l.includes('ai-sdk generateText') && l.includes('claude-sonnet-4-6')));
    assert.ok(!stdout.includes('src/db/messages.ts'), 'the database call is not listed');
    assert.match(stdout, /\d+ call sites in \d+ files \(21 files scanned, \d+ reach an LLM SDK\); .*prices as of \d{4}-\d{2}-\d{2}/);
  });

  it('prints JSON that validates against schemas/scan.schema.json', () => {
    const { code, stdout } = tierwise(['scan', example, '--format', 'json']);
    assert.equal(code, 0);
    const doc = JSON.parse(stdout) as ScanDoc;
    const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'scan.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile<ScanDoc>(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(doc.root, example);
    assert.ok(doc.callSites.length >= 14);
    const broken = { ...doc, callSites: [{ ...doc.callSites[0], site: { ...doc.callSites[0].site, provider: 'acme' } }] };
    assert.equal(validate(broken), false, 'the schema rejects a provider outside the contract');
  });

  it('prints markdown with escaped cells', () => {
    const { code, stdout } = tierwise(['scan', example, '--format', 'markdown']);
    assert.equal(code, 0);
    assert.match(stdout, /^# Tierwise scan\n\n\| location \| provider \| api \| model \|/);
    assert.match(stdout, /\| src\/tickets\/extract\.ts:16 \| openai \| openai chat\.completions\.parse/);
  });

  it('writes the report to --out and says so', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierwise-out-')), 'scan.json');
    const { code, stdout } = tierwise(['scan', example, '--format', 'json', '--out', out]);
    assert.equal(code, 0);
    assert.match(stdout, /wrote json report of \d+ call sites to /);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).tool, 'tierwise');
  });

  it('shows progress on stderr with --progress', () => {
    const { code, stderr } = tierwise(['scan', example, '--progress']);
    assert.equal(code, 0);
    assert.match(stderr, /scanning \d+\/\d+ src\//);
    assert.match(stderr, /scanned \d+ files/);
  });
});

describe('tierwise scan: bad input', () => {
  it('a missing directory exits 2 naming the directory and the fix', () => {
    const { code, stderr, stdout } = tierwise(['scan', 'no/such/dir']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /directory not found: .*no\/such\/dir.*Fix: pass the path of an existing project directory/);
  });

  it('an invalid tierwise.yml exits 2 with file:line:column, field and fix', () => {
    const dir = copyFixture('anthropic-aliased-import');
    writeFileSync(join(dir, 'tierwise.yml'), 'routing:\n  tier1PassRate: high\n');
    const { code, stderr } = tierwise(['scan', dir]);
    assert.equal(code, 2);
    assert.match(stderr, /tierwise\.yml:2:\d+: .*routing\.tier1PassRate.*Fix:/);
  });

  it('a file TypeScript cannot parse is reported with its position; the scan still lists the rest', () => {
    const { code, stdout, stderr } = tierwise(['scan', join(repo, 'test', 'fixtures', 'syntax-error-file')]);
    assert.equal(code, 0);
    assert.match(stderr, /error: src\/broken\.ts:6:18: TypeScript cannot parse this file: ',' expected\. Fix: /);
    assert.match(stdout, /src\/fine\.ts:6/);
  });

  it('an unknown format exits 2 and lists the formats', () => {
    const { code, stderr } = tierwise(['scan', example, '--format', 'xml']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown format 'xml'.*table, json, markdown/);
  });
});
