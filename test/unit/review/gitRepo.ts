/** Real git repositories in temp dirs for the review tests (no network: file:// only). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary git repository with helpers to write files and commit. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  /** Writes files, stages everything (including deletions) and commits; returns the commit SHA. */
  commit(message: string, files?: Record<string, string>): string;
  dispose(): void;
}

const ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** Runs git in `cwd` with a fixed identity; returns trimmed stdout. */
export function runGit(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], {
    cwd,
    env: { ...process.env, ...ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Creates an empty repository (branch `main`). */
export function createRepo(prefix = 'tierwise-review-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  runGit(dir, 'init', '-q');
  const repo: TempRepo = {
    dir,
    git: (...args) => runGit(dir, ...args),
    write(files) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    },
    commit(message, files = {}) {
      repo.write(files);
      runGit(dir, 'add', '-A');
      runGit(dir, 'commit', '-q', '--allow-empty', '-m', message);
      return runGit(dir, 'rev-parse', 'HEAD');
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  return repo;
}
