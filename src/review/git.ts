/**
 * Git plumbing for the cost diff. Reads a revision WITHOUT touching the user's working tree, index
 * or refs: `git archive <commit> | tar -x` into a temp dir. In a shallow clone a missing base is
 * fetched with `git fetch --depth=1 origin <ref>` (objects and FETCH_HEAD only), with a clear
 * message when it cannot be. Every git command runs with the repository's program-running config
 * neutralised (./gitSafety.ts) and user revisions after `--end-of-options`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { TierwiseError } from '../engine/errors';
import { FETCH_SAFETY, baseHardeningArgs, hardeningArgs, parseConfigList, validateRevision } from './gitSafety';

/** Result of one git (or tar) process. */
interface ProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

function exited(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
}

async function run(command: string, args: string[], cwd: string, pipeTo?: { command: string; args: string[] }): Promise<ProcessResult> {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  const sink = pipeTo ? spawn(pipeTo.command, pipeTo.args, { cwd, stdio: ['pipe', 'ignore', 'pipe'] }) : undefined;
  let stdout = '';
  let stderr = '';
  if (sink?.stdin) child.stdout?.pipe(sink.stdin);
  else child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  sink?.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const failed = new Promise<never>((_, fail) => {
    const onError = (name: string) => (error: Error) =>
      fail(new TierwiseError('git-missing', `cannot run ${name}: ${error.message}`, `install ${name} and make sure it is on PATH`));
    child.on('error', onError(command));
    sink?.on('error', onError(pipeTo?.command ?? ''));
  });
  const [status, sinkStatus] = await Promise.race([Promise.all([exited(child), sink ? exited(sink) : Promise.resolve(0)]), failed]);
  return { status: status || sinkStatus, stdout, stderr };
}

/** Runs git with `hardening` (see gitSafety.ts) before the subcommand. */
function git(args: string[], cwd: string, hardening: readonly string[] = baseHardeningArgs()): Promise<ProcessResult> {
  return run('git', [...hardening, ...args], cwd);
}

/** Where a directory sits in its git repository. */
export interface RepoInfo {
  /** Absolute repository top level. */
  toplevel: string;
  /** The analysed directory relative to the top level, POSIX, with a trailing slash (`''` at the top). */
  prefix: string;
  /** The commit HEAD points at (undefined in a repository without commits). */
  head?: string;
  shallow: boolean;
  /** `-c` overrides that neutralise the repository's program-running config, for every later git command. */
  hardening: string[];
}

/** Finds the repository that contains `dir`; throws a TierwiseError when there is none. */
export async function repoInfo(dir: string): Promise<RepoInfo> {
  const top = await git(['rev-parse', '--show-toplevel'], dir);
  if (top.status !== 0) {
    throw new TierwiseError('not-a-repo', `${dir} is not inside a git repository`, 'run the diff inside a git checkout, or compare snapshots with --compare-to FILE', { field: '--base' });
  }
  const toplevel = top.stdout.trim();
  const rel = relative(toplevel, resolve(dir)).split('\\').join('/');
  // Reading the config runs nothing; its repository-scope keys decide the overrides.
  const config = await git(['config', '--list', '--show-scope', '-z'], toplevel);
  const hardening = hardeningArgs(parseConfigList(config.stdout));
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], toplevel, hardening);
  const shallow = await git(['rev-parse', '--is-shallow-repository'], toplevel, hardening);
  return {
    toplevel,
    prefix: rel ? `${rel}/` : '',
    head: head.status === 0 ? head.stdout.trim() : undefined,
    shallow: shallow.stdout.trim() === 'true',
    hardening,
  };
}

async function verify(repo: RepoInfo, ref: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], repo.toplevel, repo.hardening);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Resolves `ref` to a commit. Tries the ref, then `origin/<ref>`; when neither exists (typical in a
 * shallow CI clone) fetches it from `origin` at depth 1. `log` receives one line per fetch attempt.
 */
export async function resolveCommit(repo: RepoInfo, ref: string, log: (line: string) => void = () => {}, field = '--base'): Promise<string> {
  validateRevision(ref, field);
  const local = (await verify(repo, ref)) ?? (await verify(repo, `origin/${ref}`));
  if (local) return local;
  const remotes = await git(['remote'], repo.toplevel, repo.hardening);
  if (!remotes.stdout.split('\n').includes('origin')) {
    throw new TierwiseError('git-ref-missing', `git revision '${ref}' does not exist and there is no 'origin' remote to fetch it from`, 'pass a branch, tag or commit that exists locally (`git log --oneline` lists them)', { field: '--base' });
  }
  log(`tierwise: '${ref}' is not in this ${repo.shallow ? 'shallow ' : ''}clone; fetching it: git fetch --depth=1 origin ${ref}`);
  const fetched = await git(['fetch', ...FETCH_SAFETY, '--depth=1', '--no-tags', '--end-of-options', 'origin', ref], repo.toplevel, repo.hardening);
  const commit = fetched.status === 0 ? await verify(repo, 'FETCH_HEAD') : undefined;
  if (!commit) {
    const reason = fetched.stderr.trim().split('\n').pop() ?? 'unknown error';
    throw new TierwiseError(
      'git-fetch-failed',
      `cannot fetch git revision '${ref}' from origin (${reason})`,
      'fetch it before running the diff (`git fetch origin <ref>`), or check out with full history (actions/checkout `fetch-depth: 0`)',
      { field: '--base' },
    );
  }
  return commit;
}

/** A revision extracted into a temporary directory; `dispose` removes it. */
export interface ExtractedRevision {
  /** The analysed directory inside the extraction (same prefix as in the working tree). */
  dir: string;
  dispose(): void;
}

/**
 * Extracts `commit` into a temp dir with `git archive | tar -x` (the working tree, index and refs
 * are untouched). `node_modules` folders of the working tree are linked in, so SDK types resolve
 * the same way for both revisions.
 */
export async function extractRevision(repo: RepoInfo, commit: string): Promise<ExtractedRevision> {
  const tmp = mkdtempSync(join(tmpdir(), 'tierwise-rev-'));
  const dispose = () => rmSync(tmp, { recursive: true, force: true });
  // After --end-of-options every word is an operand (a `--` would be a path): the prefix follows the commit.
  const paths = repo.prefix ? [repo.prefix] : [];
  const result = await run('git', [...repo.hardening, '--literal-pathspecs', 'archive', '--format=tar', '--end-of-options', commit, ...paths], repo.toplevel, { command: 'tar', args: ['-x', '-C', tmp] });
  if (result.status !== 0) {
    dispose();
    throw new TierwiseError('git-archive-failed', `cannot read revision ${commit.slice(0, 12)} (${result.stderr.trim()})`, 'check that the revision exists and contains the analysed folder', { field: '--base' });
  }
  const dir = join(tmp, repo.prefix);
  linkNodeModules(join(repo.toplevel, repo.prefix), dir);
  if (repo.prefix) linkNodeModules(repo.toplevel, tmp);
  return { dir, dispose };
}

function linkNodeModules(from: string, to: string): void {
  const source = join(from, 'node_modules');
  const target = join(to, 'node_modules');
  if (existsSync(source) && existsSync(to) && !existsSync(target)) symlinkSync(source, target, 'junction');
}

/**
 * Files renamed between `base` and `head` (a commit, or undefined for the working tree), as a map
 * from base path to head path, both relative to the analysed directory (`git diff -M`).
 */
export async function renamedFiles(repo: RepoInfo, base: string, head?: string): Promise<Map<string, string>> {
  const args = ['diff', '--no-ext-diff', '--no-textconv', '--name-status', '-M', '-z', '--end-of-options', base, ...(head ? [head] : []), '--', repo.prefix || '.'];
  const result = await git(args, repo.toplevel, repo.hardening);
  const renames = new Map<string, string>();
  if (result.status !== 0) return renames;
  const fields = result.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i];
    if (status.startsWith('R') && i + 2 < fields.length) {
      const from = fields[i + 1];
      const to = fields[i + 2];
      if (from.startsWith(repo.prefix) && to.startsWith(repo.prefix)) renames.set(from.slice(repo.prefix.length), to.slice(repo.prefix.length));
      i += 2;
    } else if (/^[ACDMTUX]/.test(status)) i += 1;
  }
  return renames;
}

/** True when the analysed directory has no uncommitted changes (tracked or untracked). */
export async function isClean(repo: RepoInfo): Promise<boolean> {
  const result = await git(['status', '--porcelain', '--ignore-submodules=all', '--', repo.prefix || '.'], repo.toplevel, repo.hardening);
  return result.status === 0 && result.stdout.trim() === '';
}
