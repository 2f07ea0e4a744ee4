/**
 * Scores Tierwise against the real-application corpus (bench/corpus/README.md).
 *
 *   node --import tsx bench/corpus/score.ts [--set dev|holdout] [--app slug] [--details] [--json FILE]
 *
 * For each `<slug>.truth.json` whose snapshot is present in the mirror folder
 * (`TIERWISE_CORPUS_MIRROR`, default /work/.mirror), extracts the pinned commit once into
 * `TIERWISE_CORPUS_DIR` (default $TMPDIR/tierwise-corpus), scans every root with the built CLI
 * (`dist/cli.js scan --format json`, build first) and compares the result with the truth.
 * Apps whose snapshot is absent are skipped and named. `--details` lists each miss and wrong answer,
 * for `dev` apps only: the holdout set's details stay hidden unless `--reveal-holdout` is given, so
 * engineers working on the analysis see only its scores.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { matchCorpus } from './match';
import type { AppScore, ScannedRecord, Truth } from './match';

const HERE = __dirname;
const REPO = resolve(HERE, '..', '..');
const MIRROR = process.env.TIERWISE_CORPUS_MIRROR ?? '/work/.mirror';
const WORK = process.env.TIERWISE_CORPUS_DIR ?? join(tmpdir(), 'tierwise-corpus');
const CLI = join(REPO, 'dist', 'cli.js');

interface Args {
  set?: string;
  app?: string;
  details: boolean;
  revealHoldout: boolean;
  json?: string;
  scanArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { details: false, revealHoldout: false, scanArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') args.set = argv[++i];
    else if (a === '--app') args.app = argv[++i];
    else if (a === '--details') args.details = true;
    else if (a === '--reveal-holdout') args.revealHoldout = true;
    else if (a === '--json') args.json = argv[++i];
    else if (a === '--') args.scanArgs = argv.slice(i + 1);
    else throw new Error(`unknown option ${a}: use --set dev|holdout, --app slug, --details, --json FILE, -- <extra scan args>`);
  }
  return args;
}

/** The pinned tree of an app, extracted once (git archive of the commit). */
function checkout(truth: Truth, slug: string): string | undefined {
  const gitDir = join(MIRROR, truth.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) return undefined;
  const dir = join(WORK, `${slug}@${truth.commit.slice(0, 12)}`);
  if (existsSync(join(dir, '.tierwise-corpus-complete'))) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', truth.commit], { maxBuffer: 2 * 1024 * 1024 * 1024 });
  if (archive.status === 0) execFileSync('tar', ['-x', '-C', partial], { input: archive.stdout, maxBuffer: 64 * 1024 * 1024 });
  else extractPresentBlobs(gitDir, truth.commit, partial);
  writeFileSync(join(partial, '.tierwise-corpus-complete'), truth.commit);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

/**
 * Writes the commit's files blob by blob, leaving out blobs absent from the snapshot (a mirror may
 * omit its largest files, which makes `git archive` fail); symlinks and submodules are skipped.
 */
function extractPresentBlobs(gitDir: string, commit: string, into: string): void {
  const entries = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 256 * 1024 * 1024 })
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, id] = meta.split(' ');
      return { mode, type, id, path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: entries.map((e) => e.id).join('\n') + '\n', maxBuffer: 2 * 1024 * 1024 * 1024 });
  let at = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(10, at);
    const header = batch.subarray(at, headerEnd).toString('utf8');
    at = headerEnd + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    const file = join(into, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, batch.subarray(at, at + size));
    at += size + 1;
  }
}

interface ScanJson {
  durationMs: number;
  filesScanned: number;
  callSites: Array<Record<string, unknown> & { site: { id: string; role: string; span: { file: string; start: { line: number } }; operation: string; provider: string; host?: unknown }; task?: { task?: string; type?: string } | string; modelId?: string | null; costed?: boolean }>;
  [key: string]: unknown;
}

function scanRoot(dir: string, root: string, extra: string[]): { records: ScannedRecord[]; durationMs: number; files: number; raw: ScanJson } {
  const target = join(dir, root);
  const result = spawnSync(process.execPath, [CLI, 'scan', target, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 30 * 60 * 1000 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`scan of ${root} exited ${result.status ?? result.signal}: ${result.stderr.slice(-2000)}`);
  const raw = JSON.parse(result.stdout) as ScanJson;
  const prefix = root === '.' || root === '' ? '' : `${root.replace(/\/$/, '')}/`;
  const records = raw.callSites.map((c): ScannedRecord => ({
    id: c.site.id,
    role: c.site.role,
    file: `${prefix}${c.site.span.file}`,
    line: c.site.span.start.line + 1,
    operation: c.site.operation,
    provider: c.site.provider,
    host: typeof c.site.host === 'string' ? c.site.host : undefined,
    model: c.modelId ?? null,
    task: typeof c.task === 'string' ? c.task : (c.task?.task ?? c.task?.type ?? null),
    excluded: excludedFlag(c),
  }));
  return { records, durationMs: raw.durationMs, files: raw.filesScanned, raw };
}

/** Whether a record says it is left out of traffic (tests, evals): read from whichever field the scan JSON uses. */
function excludedFlag(c: Record<string, unknown>): boolean {
  const site = c.site as Record<string, unknown>;
  return Boolean(c.excluded ?? site.excluded ?? c.excludedBy ?? site.excludedBy);
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(0)}% (${n}/${d})`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const truths = readdirSync(HERE)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => ({ slug: f.replace(/\.truth\.json$/, ''), truth: JSON.parse(readFileSync(join(HERE, f), 'utf8')) as Truth }))
    .filter(({ slug, truth }) => (!args.set || truth.set === args.set) && (!args.app || slug === args.app));
  const scores: AppScore[] = [];
  const skipped: string[] = [];
  for (const { slug, truth } of truths) {
    const dir = checkout(truth, slug);
    if (!dir) {
      skipped.push(`${slug} (${truth.repo}: no snapshot in ${MIRROR})`);
      continue;
    }
    const records: ScannedRecord[] = [];
    let durationMs = 0;
    let files = 0;
    for (const root of truth.roots) {
      const scanned = scanRoot(dir, root, args.scanArgs);
      records.push(...scanned.records);
      durationMs += scanned.durationMs;
      files += scanned.files;
    }
    const score = matchCorpus(slug, truth, records);
    score.durationMs = durationMs;
    score.files = files;
    scores.push(score);
    process.stderr.write(`scored ${slug} (${truth.set}): ${records.length} records in ${(durationMs / 1000).toFixed(1)} s\n`);
  }
  if (skipped.length) console.log(`Skipped (snapshot absent): ${skipped.join('; ')}\n`);
  if (scores.length === 0) {
    console.log('No corpus app could be scored here (snapshots absent): nothing to report.');
    return;
  }
  console.log('| app | set | files | scan s | recall (all) | recall direct | recall helper | precision | models right | models wrong | task agree | tests/evals excluded | double-counted |');
  console.log('|---|---|---:|---:|---|---|---|---|---|---|---|---|---|');
  const row = (s: AppScore) =>
    `| ${s.slug} | ${s.set} | ${s.files} | ${(s.durationMs / 1000).toFixed(1)} | ${pct(s.found, s.expected)} | ${pct(s.foundDirect, s.expectedDirect)} | ${pct(s.foundHelper, s.expectedHelper)} | ${pct(s.correctClaims, s.claims)} | ${pct(s.modelRight, s.modelStatic)} | ${s.modelWrong} | ${pct(s.taskRight, s.taskClear)} | ${pct(s.nonTrafficExcluded, s.nonTrafficFound)} | ${s.doubleCounted} |`;
  for (const s of scores) console.log(row(s));
  for (const set of ['dev', 'holdout']) {
    const group = scores.filter((s) => s.set === set);
    if (group.length === 0) continue;
    const sum = (k: keyof AppScore) => group.reduce((n, s) => n + (s[k] as number), 0);
    const total = Object.fromEntries(Object.keys(group[0]).map((k) => [k, typeof group[0][k as keyof AppScore] === 'number' ? sum(k as keyof AppScore) : ''])) as unknown as AppScore;
    console.log(row({ ...total, slug: `**${set} total**`, set, misses: [] }));
  }
  console.log('\nrecall: production call sites of the truth found (file, line +-1); precision: reported call-site records that are call sites of the truth (any traffic) or its SDK-free lookalikes excluded; records matching an implementation are neither; models right: found sites with a static model whose costed model is the truth\'s (denominator: found static sites); models wrong: a different id given with confidence; task agree: found clear-cut sites; tests/evals excluded: test/eval/script sites found and marked excluded; double-counted: a helper\'s implementation costed although its callers are found.');
  if (args.details) {
    for (const s of scores) {
      if (s.set === 'holdout' && !args.revealHoldout) {
        console.log(`\n${s.slug}: details of holdout apps are hidden (--reveal-holdout shows them; engineers working on the analysis must not read them)`);
        continue;
      }
      console.log(`\n## ${s.slug}`);
      for (const m of s.misses) console.log(`- ${m}`);
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ scores, skipped }, null, 2));
}

main();
