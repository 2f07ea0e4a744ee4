import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractRevision, renamedFiles, repoInfo, resolveCommit } from '../../../src/review/git';
import { createRepo, runGit } from './gitRepo';

test('a base revision is read into a temp dir without touching the working tree, index or refs', async (t) => {
  const repo = createRepo();
  t.after(() => repo.dispose());
  const first = repo.commit('first', { 'app/src/a.ts': 'export const model = "claude-haiku-4-5";\n' });
  repo.commit('second', { 'app/src/a.ts': 'export const model = "claude-opus-4-7";\n' });
  repo.write({ 'app/src/a.ts': 'export const model = "uncommitted";\n' });
  mkdirSync(join(repo.dir, 'app', 'node_modules', 'openai'), { recursive: true });
  const statusBefore = repo.git('status', '--porcelain');
  const refsBefore = repo.git('for-each-ref');

  const info = await repoInfo(join(repo.dir, 'app'));
  assert.equal(info.prefix, 'app/');
  const extracted = await extractRevision(info, first);
  try {
    assert.equal(readFileSync(join(extracted.dir, 'src', 'a.ts'), 'utf8'), 'export const model = "claude-haiku-4-5";\n');
    assert.ok(lstatSync(join(extracted.dir, 'node_modules')).isSymbolicLink(), 'node_modules of the working tree is linked in');
  } finally {
    extracted.dispose();
  }
  assert.equal(existsSync(extracted.dir), false, 'dispose removes the temp dir');
  assert.equal(readFileSync(join(repo.dir, 'app', 'src', 'a.ts'), 'utf8'), 'export const model = "uncommitted";\n');
  assert.equal(repo.git('status', '--porcelain'), statusBefore);
  assert.equal(repo.git('for-each-ref'), refsBefore);
});

test('renames between revisions (and against the working tree) come from git diff -M', async (t) => {
  const repo = createRepo();
  t.after(() => repo.dispose());
  const body = Array.from({ length: 30 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
  const base = repo.commit('base', { 'src/tickets/classify.ts': body, 'src/other.ts': 'export {};\n' });
  mkdirSync(join(repo.dir, 'src', 'routing'));
  repo.git('mv', 'src/tickets/classify.ts', 'src/routing/classify.ts');
  const head = repo.commit('move');
  const info = await repoInfo(repo.dir);
  assert.deepEqual([...(await renamedFiles(info, base, head))], [['src/tickets/classify.ts', 'src/routing/classify.ts']]);
  assert.deepEqual([...(await renamedFiles(info, base))], [['src/tickets/classify.ts', 'src/routing/classify.ts']]);
});

test('in a shallow clone a missing base is fetched from origin at depth 1', async (t) => {
  const origin = createRepo();
  const cloneRoot = mkdtempSync(join(tmpdir(), 'tierwise-shallow-'));
  t.after(() => (origin.dispose(), rmSync(cloneRoot, { recursive: true, force: true })));
  const base = origin.commit('base', { 'a.ts': 'export const v = 1;\n' });
  origin.commit('head', { 'a.ts': 'export const v = 2;\n' });
  runGit(cloneRoot, 'clone', '-q', '--depth', '1', `file://${origin.dir}`, 'clone');
  const clone = join(cloneRoot, 'clone');
  const info = await repoInfo(clone);
  assert.equal(info.shallow, true);
  assert.throws(() => runGit(clone, 'cat-file', '-e', `${base}^{commit}`), 'the base is not in the shallow clone yet');

  const messages: string[] = [];
  const commit = await resolveCommit(info, base, (m) => messages.push(m));
  assert.equal(commit, base);
  assert.match(messages[0], /not in this shallow clone; fetching it: git fetch --depth=1 origin/);
  const extracted = await extractRevision(info, commit);
  try {
    assert.equal(readFileSync(join(extracted.dir, 'a.ts'), 'utf8'), 'export const v = 1;\n');
  } finally {
    extracted.dispose();
  }
  // A branch name that only exists on origin is fetched too.
  origin.git('branch', 'release', base);
  assert.equal(await resolveCommit(info, 'release'), base);
});

test('a revision that cannot be fetched fails with the ref and the fix', async (t) => {
  const repo = createRepo();
  t.after(() => repo.dispose());
  repo.commit('only', { 'a.ts': 'export {};\n' });
  const info = await repoInfo(repo.dir);
  await assert.rejects(resolveCommit(info, 'no-such-branch'), (error: Error & { fix?: string }) => {
    assert.match(error.message, /git revision 'no-such-branch' does not exist and there is no 'origin' remote/);
    assert.ok(error.fix);
    return true;
  });
  repo.git('remote', 'add', 'origin', join(tmpdir(), 'tierwise-no-such-remote'));
  await assert.rejects(resolveCommit(info, 'no-such-branch'), (error: Error & { fix?: string }) => {
    assert.match(error.message, /cannot fetch git revision 'no-such-branch' from origin/);
    assert.match(error.fix ?? '', /fetch-depth: 0/);
    return true;
  });
  const outside = mkdtempSync(join(tmpdir(), 'tierwise-norepo-'));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  await assert.rejects(repoInfo(outside), /is not inside a git repository/);
});
