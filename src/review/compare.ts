/**
 * Orchestrates a cost diff: reads the base (and optionally head) revision out of git into temp
 * dirs, snapshots each with the injected `snapshotDir` (engine + that revision's tierwise.yml),
 * finds file renames, and diffs. Used by `tierwise diff` and the editor's "Compare Cost with Branch…".
 */
import { diffSnapshots } from './diff';
import { extractRevision, isClean, renamedFiles, repoInfo, resolveCommit } from './git';
import type { RepoInfo } from './git';
import type { CostDiff, CostSnapshot } from './model';
import { readSnapshotFile } from './snapshotFile';

/** Snapshots a directory (loading that directory's own tierwise.yml); `commit` is recorded when given. */
export type SnapshotDir = (dir: string, commit: string | undefined) => Promise<CostSnapshot>;

/** What to compare. */
export interface CompareRequest {
  /** The analysed directory in the working tree. */
  dir: string;
  /** Base git ref (branch, tag, SHA). */
  base: string;
  /** Head git ref; absent = the working tree as it is on disk (uncommitted edits included). */
  head?: string;
  /** Progress lines (fetching, reading revisions). */
  log?: (line: string) => void;
}

/** The commit of the working tree when it has no uncommitted changes in the analysed dir. */
async function workingTreeCommit(repo: RepoInfo): Promise<string | undefined> {
  return repo.head && (await isClean(repo)) ? repo.head : undefined;
}

async function snapshotRevision(repo: RepoInfo, commit: string, snapshotDir: SnapshotDir): Promise<CostSnapshot> {
  const extracted = await extractRevision(repo, commit);
  try {
    return await snapshotDir(extracted.dir, commit);
  } finally {
    extracted.dispose();
  }
}

/** Diffs two git revisions of `dir` (head defaults to the working tree). */
export async function compareRevisions(request: CompareRequest, snapshotDir: SnapshotDir): Promise<CostDiff> {
  const log = request.log ?? (() => {});
  const repo = await repoInfo(request.dir);
  const baseCommit = await resolveCommit(repo, request.base, log);
  const headCommit = request.head ? await resolveCommit(repo, request.head, log) : undefined;
  log(`tierwise: analysing base ${request.base} (${baseCommit.slice(0, 7)})`);
  const base = await snapshotRevision(repo, baseCommit, snapshotDir);
  log(`tierwise: analysing head ${request.head ?? 'working tree'}${headCommit ? ` (${headCommit.slice(0, 7)})` : ''}`);
  const head = headCommit
    ? await snapshotRevision(repo, headCommit, snapshotDir)
    : await snapshotDir(request.dir, await workingTreeCommit(repo));
  const renames = await renamedFiles(repo, baseCommit, headCommit);
  return diffSnapshots(base, head, { renames, baseLabel: request.base, headLabel: request.head ?? 'working tree' });
}

/** Diffs a saved snapshot (base) against the working tree of `dir` (head). */
export async function compareToSnapshot(dir: string, snapshotFile: string, snapshotDir: SnapshotDir): Promise<CostDiff> {
  const base = readSnapshotFile(snapshotFile);
  let repo: RepoInfo | undefined;
  try {
    repo = await repoInfo(dir);
  } catch {
    repo = undefined; // not a git checkout: compare without rename detection
  }
  const head = await snapshotDir(dir, repo ? await workingTreeCommit(repo) : undefined);
  const renames = repo && base.commit ? await renamedFiles(repo, base.commit) : new Map<string, string>();
  return diffSnapshots(base, head, { renames, baseLabel: snapshotFile, headLabel: 'working tree' });
}
