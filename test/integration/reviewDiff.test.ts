/**
 * End to end: `node dist/cli.js diff|snapshot` over a REAL git repository with one commit per kind
 * of change (model changed, call added, call moved within a file, file renamed, price override
 * changed, traffic changed). Expected numbers are computed here: tokens (from the engine's estimate
 * in the report) x prices (the overrides this test writes into tierwise.yml) x traffic (also written
 * here), and totals are checked against projections of each revision snapshotted separately.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import type { CallSiteDiff, CostDiff, CostSnapshot } from '../../src/review/model';
import { createRepo, runGit } from '../unit/review/gitRepo';
import type { TempRepo } from '../unit/review/gitRepo';

const REPO_ROOT = join(__dirname, '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** $/M tokens written into tierwise.yml as overrides (so the catalog's version does not matter). */
const PRICE = { haiku: [1, 5], sonnet: [3, 15], opus: [5, 25] } as const;

function config(opusInput: number, classificationPerMonth: number): string {
  return `traffic:
  default: 10000/month
  tasks:
    classification: ${classificationPerMonth}/month
pricing:
  overrides:
    claude-haiku-4-5: { inputPerMTok: ${PRICE.haiku[0]}, outputPerMTok: ${PRICE.haiku[1]} }
    claude-sonnet-4-6: { inputPerMTok: ${PRICE.sonnet[0]}, outputPerMTok: ${PRICE.sonnet[1]} }
    claude-opus-4-7: { inputPerMTok: ${opusInput}, outputPerMTok: ${PRICE.opus[1]} }
`;
}

function classifyFile(model: string, preamble = ''): string {
  return `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
${preamble}
/** Routes a ticket to a queue. */
export async function classifyTicket(body: string): Promise<string> {
  const response = await client.messages.create({
    model: '${model}',
    max_tokens: 10,
    system: 'Classify the support ticket into exactly one of: billing, bug, account, other. Respond with only the label.',
    messages: [{ role: 'user', content: \`Ticket: \${body}\` }],
  });
  const block = response.content[0];
  return block.type === 'text' ? block.text.trim() : 'other';
}
`;
}

const SUMMARIZE = `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

/** Summarizes a long support thread for the next agent. */
export async function summarizeThread(thread: string): Promise<string> {
  const response = await client.messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 400,
    system: 'Summarize this support thread in five bullet points for the agent who takes it over.',
    messages: [{ role: 'user', content: thread }],
  });
  const block = response.content[0];
  return block.type === 'text' ? block.text : '';
}
`;

const PRIORITY = `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

/** Labels a ticket's priority. */
export async function rankPriority(body: string): Promise<string> {
  const response = await client.messages.create({
    model: 'claude-opus-4-7',
    max_tokens: 5,
    system: 'Classify the priority of this ticket as one of: low, normal, high, urgent. Respond with only the label.',
    messages: [{ role: 'user', content: body }],
  });
  const block = response.content[0];
  return block.type === 'text' ? block.text.trim() : 'normal';
}
`;

const MOVED_PREAMBLE = `
/** A helper added above the call: the call moves down but keeps its identity. */
export function normalise(body: string): string {
  return body.trim().replace(/\\s+/g, ' ');
}
`;

interface Commits {
  base: string;
  model: string;
  added: string;
  moved: string;
  renamed: string;
  price: string;
  traffic: string;
  unpriced: string;
}

let repo: TempRepo;
let commits: Commits;

function cli(args: string[], cwd = repo.dir): { code: number; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const key of ['GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_SERVER_URL']) delete env[key];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function diffJson(base: string, head: string): CostDiff {
  const r = cli(['diff', '.', '--base', base, '--head', head, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as CostDiff;
}

function site(diff: CostDiff, enclosing: string): CallSiteDiff {
  const found = diff.callSites.find((s) => s.enclosing === enclosing);
  assert.ok(found, `call site in ${enclosing} not in the diff: ${diff.callSites.map((s) => s.id).join(', ')}`);
  return found;
}

/** Monthly cost, written out: requests x (input x $in/M + output x $out/M). */
function monthly(requests: number, input: number, output: number, [pin, pout]: readonly number[]): number {
  return (requests * (input * pin + output * pout)) / 1e6;
}

function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined, `${what}: no value`);
  assert.ok(Math.abs(actual - expected) < 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first (the test drives dist/cli.js)');
  repo = createRepo('tierwise-review-e2e-');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'junction');
  repo.write({ '.gitignore': 'node_modules\n', 'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "NodeNext", "moduleResolution": "NodeNext", "skipLibCheck": true }, "include": ["src"] }\n' });
  const base = repo.commit('base', { 'tierwise.yml': config(5, 30000), 'src/tickets/classify.ts': classifyFile('claude-haiku-4-5'), 'src/summarize.ts': SUMMARIZE });
  const model = repo.commit('model changed', { 'src/tickets/classify.ts': classifyFile('claude-opus-4-7') });
  const added = repo.commit('call added', { 'src/tickets/priority.ts': PRIORITY });
  const moved = repo.commit('call moved within its file', { 'src/tickets/classify.ts': classifyFile('claude-opus-4-7', MOVED_PREAMBLE) });
  mkdirSync(join(repo.dir, 'src', 'digest'));
  repo.git('mv', 'src/summarize.ts', 'src/digest/summarizeThread.ts');
  const renamed = repo.commit('file renamed');
  const price = repo.commit('opus price override changed', { 'tierwise.yml': config(6, 30000) });
  const traffic = repo.commit('classification traffic doubled', { 'tierwise.yml': config(6, 60000) });
  const unpriced = repo.commit('call on a model without a price', {
    'src/house.ts': PRIORITY.replace("'claude-opus-4-7'", "'house-model-x'").replace('rankPriority', 'houseRank'),
  });
  commits = { base, model, added, moved, renamed, price, traffic, unpriced };
});

after(() => repo?.dispose());

test('model changed: the site, its task and the total move by the price difference', () => {
  const diff = diffJson(commits.base, commits.model);
  const s = site(diff, 'classifyTicket');
  assert.equal(s.status, 'changed');
  assert.deepEqual(s.changes.map((c) => c.kind), ['model']);
  assert.equal(s.head?.requestsPerMonth, 30000, 'traffic.tasks.classification from tierwise.yml');
  const { inputTokens: input, outputTokens: output } = s.head as NonNullable<CallSiteDiff['head']>;
  assert.equal(s.base?.inputTokens, input, 'same prompt at both revisions');
  const expected = monthly(30000, input, output, PRICE.opus) - monthly(30000, input, output, PRICE.haiku);
  close(s.deltaUsd, expected, 'site delta');
  close(diff.totals.deltaUsd, expected, 'total delta');
  close(diff.byTask.find((t) => t.task === 'classification')?.deltaUsd, expected, 'classification delta');
  close(site(diff, 'summarizeThread').deltaUsd, 0, 'summarization unchanged');
  assert.equal(diff.counts.unchanged, 1);
});

test('call added: its full monthly cost is added, and the ignored cheaper tier is reported', () => {
  const diff = diffJson(commits.model, commits.added);
  const s = site(diff, 'rankPriority');
  assert.equal(s.status, 'added');
  const h = s.head as NonNullable<CallSiteDiff['head']>;
  close(s.deltaUsd, monthly(30000, h.inputTokens, h.outputTokens, PRICE.opus), 'added site');
  close(diff.totals.deltaUsd, s.deltaUsd as number, 'total');
  assert.equal(diff.counts.added, 1);
  const ignored = diff.ignoredRecommendations.find((r) => r.callSiteId === s.id);
  assert.ok(ignored, 'a new classification on the frontier tier is flagged');
  assert.equal(ignored.because, 'added');
  assert.ok((ignored.suggestedTier ?? 3) < 3);
});

test('call moved within its file and file renamed: moved, never removed + added, no cost change', () => {
  const moved = diffJson(commits.added, commits.moved);
  const m = site(moved, 'classifyTicket');
  assert.equal(m.status, 'moved');
  assert.equal(m.matchedBy, 'id');
  assert.ok((m.head?.span.start.line ?? 0) > (m.base?.span.start.line ?? 0));
  assert.equal(moved.counts.added + moved.counts.removed, 0);
  assert.equal(moved.totals.deltaUsd, 0);

  const renamed = diffJson(commits.moved, commits.renamed);
  const r = site(renamed, 'summarizeThread');
  assert.equal(r.status, 'moved');
  assert.equal(r.matchedBy, 'rename');
  assert.equal(r.base?.span.file, 'src/summarize.ts');
  assert.equal(r.head?.span.file, 'src/digest/summarizeThread.ts');
  assert.equal(renamed.counts.added + renamed.counts.removed, 0);
  assert.equal(renamed.totals.deltaUsd, 0);
});

test('price override changed in tierwise.yml: each opus site moves by its input tokens x $1/M', () => {
  const diff = diffJson(commits.renamed, commits.price);
  assert.equal(diff.configChanged, true);
  let expectedTotal = 0;
  for (const name of ['classifyTicket', 'rankPriority']) {
    const s = site(diff, name);
    assert.deepEqual(s.changes.map((c) => c.kind), ['price']);
    const expected = monthly(30000, s.head?.inputTokens ?? NaN, 0, [6 - 5, 0]);
    close(s.deltaUsd, expected, `${name} delta`);
    expectedTotal += expected;
  }
  close(diff.totals.deltaUsd, expectedTotal, 'total');
});

test('traffic changed: classification sites double, the rest do not move', () => {
  const diff = diffJson(commits.price, commits.traffic);
  let expectedTotal = 0;
  for (const name of ['classifyTicket', 'rankPriority']) {
    const s = site(diff, name);
    assert.deepEqual(s.changes.map((c) => c.kind), ['traffic']);
    const h = s.head as NonNullable<CallSiteDiff['head']>;
    assert.equal(h.requestsPerMonth, 60000);
    const expected = monthly(60000 - 30000, h.inputTokens, h.outputTokens, [6, PRICE.opus[1]]);
    close(s.deltaUsd, expected, `${name} delta`);
    expectedTotal += expected;
  }
  close(diff.totals.deltaUsd, expectedTotal, 'total');
  close(site(diff, 'summarizeThread').deltaUsd, 0, 'summarization');
});

test('the total delta equals the difference of each revision snapshotted separately', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tierwise-snap-'));
  try {
    const totals: number[] = [];
    for (const commit of [commits.base, commits.traffic]) {
      const tree = join(outDir, commit.slice(0, 7));
      mkdirSync(tree);
      runGit(repo.dir, 'archive', '-o', join(outDir, `${commit}.tar`), commit);
      spawnSync('tar', ['-xf', join(outDir, `${commit}.tar`), '-C', tree]);
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(tree, 'node_modules'), 'junction');
      const r = cli(['snapshot', tree, '--out', join(outDir, `${commit}.json`)], outDir);
      assert.equal(r.code, 0, r.stderr);
      const snap = JSON.parse(readFileSync(join(outDir, `${commit}.json`), 'utf8')) as CostSnapshot;
      totals.push(snap.callSites.reduce((t, s) => t + (s.costed ? s.monthly?.expected ?? 0 : 0), 0));
      close(snap.projection.totals.current.expected, totals[totals.length - 1], 'projection total = sum of sites');
    }
    const diff = diffJson(commits.base, commits.traffic);
    close(diff.totals.base, totals[0], 'base total');
    close(diff.totals.head, totals[1], 'head total');
    close(diff.totals.deltaUsd, totals[1] - totals[0], 'delta');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('gates: exit 1 with the reason when exceeded, 0 otherwise', () => {
  const args = ['diff', '.', '--base', commits.base, '--head', commits.model, '--format', 'json'];
  const failed = cli([...args, '--fail-on-increase-pct', '50']);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /gate failed: cost increase \d+\.\d% exceeds --fail-on-increase-pct 50/);
  assert.equal(cli([...args, '--fail-on-increase-pct', '100000']).code, 0);
  assert.equal(cli([...args, '--fail-on-increase-usd', '0.001']).code, 1);
  const unpriced = ['diff', '.', '--base', commits.traffic, '--head', commits.unpriced, '--format', 'json'];
  const u = cli([...unpriced, '--fail-on-new-unpriced']);
  assert.equal(u.code, 1, u.stderr);
  assert.match(u.stderr, /new unpriced call site.*house-model-x/);
  assert.equal(cli(unpriced).code, 0, 'no gate, no failure');
  assert.equal(cli(['diff', '.', '--base', commits.base, '--fail-on-increase-pct', 'lots']).code, 2);
});

test('markdown: marker, summary first, valid tables that render to HTML', () => {
  const r = cli(['diff', '.', '--base', commits.base, '--head', commits.added, '--format', 'markdown']);
  assert.equal(r.code, 0, r.stderr);
  const md = r.stdout;
  assert.ok(md.startsWith('<!-- tierwise-cost-review -->\n'));
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length) {
      tables.push(current);
      current = [];
    }
  }
  for (const t of tables) {
    const counts = t.map((row) => row.replace(/\\\|/g, '').split('|').length - 2);
    assert.ok(counts.every((c) => c === counts[0]), t.join('\n'));
  }
  const html = marked.parse(md, { async: false });
  assert.equal((html.match(/<table>/g) ?? []).length, tables.length);
  assert.ok(md.indexOf('| **Total / month**') < md.indexOf('<details>') || !md.includes('<details>'));
  assert.match(md, /\[src\/tickets\/priority\.ts:\d+\]\(src\/tickets\/priority\.ts\)/);
});

test('working tree as head, and a snapshot of the same commit is byte-identical wherever it is read from', () => {
  repo.git('checkout', '-q', commits.traffic);
  const a = cli(['snapshot', '.']);
  const b = cli(['snapshot', '.']);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const snap = JSON.parse(a.stdout) as CostSnapshot;
  assert.equal(snap.commit, commits.traffic);
  assert.equal(snap.schemaVersion, 1);
  assert.ok(!a.stdout.includes(repo.dir), 'no absolute paths');
  const file = join(repo.dir, '..', `${commits.traffic}.json`);
  try {
    cli(['snapshot', '.', '--out', file]);
    const cmp = cli(['diff', '.', '--compare-to', file, '--format', 'json']);
    assert.equal(cmp.code, 0, cmp.stderr);
    const diff = JSON.parse(cmp.stdout) as CostDiff;
    assert.equal(diff.totals.deltaUsd, 0);
    assert.equal(diff.counts.unchanged, diff.callSites.length);
  } finally {
    rmSync(file, { force: true });
  }
});

test('shallow clone: the base is fetched at depth 1 and the diff is the same as in the full repository', () => {
  const cloneRoot = mkdtempSync(join(tmpdir(), 'tierwise-shallow-e2e-'));
  try {
    repo.git('checkout', '-q', commits.model);
    runGit(cloneRoot, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${repo.dir}`, 'clone');
    const clone = join(cloneRoot, 'clone');
    runGit(clone, 'checkout', '-q', commits.model);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'junction');
    const r = cli(['diff', '.', '--base', commits.base, '--format', 'json'], clone);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /not in this shallow clone; fetching it/);
    const shallow = JSON.parse(r.stdout) as CostDiff;
    close(shallow.totals.deltaUsd, diffJson(commits.base, commits.model).totals.deltaUsd, 'same delta as the full clone');
  } finally {
    rmSync(cloneRoot, { recursive: true, force: true });
  }
});
