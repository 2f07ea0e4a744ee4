/**
 * `tierwise diff` runs git in a repository it does not trust (docs/attacks.md, issue 17 items 1 and
 * 2): nothing the repository's config or hooks name may run, and a revision given by the user is
 * never read as an option.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractRevision, isClean, renamedFiles, repoInfo, resolveCommit } from '../../../src/review/git';
import { hardeningArgs, parseConfigList, validateRevision } from '../../../src/review/gitSafety';
import { isTierwiseError } from '../../../src/engine/api';
import { createRepo, runGit } from './gitRepo';

test('a planted core.fsmonitor, smudge filter and hooks do not run during repoInfo, status, rename detection and archive', async (t) => {
  const repo = createRepo();
  t.after(() => repo.dispose());
  const marker = join(repo.dir, '..', `${repo.dir.split('/').pop()}-pwned`);
  t.after(() => rmSync(marker, { force: true }));
  const base = repo.commit('base', { 'src/a.ts': 'export const a = 1;\n', '.gitattributes': '*.ts filter=evil\n' });
  repo.git('config', 'core.fsmonitor', `touch ${marker}; false`);
  repo.git('config', 'filter.evil.smudge', `touch ${marker}; cat`);
  repo.git('config', 'filter.evil.clean', `touch ${marker}; cat`);
  repo.git('config', 'diff.external', `touch ${marker}; true`);
  for (const hook of ['post-checkout', 'reference-transaction', 'pre-auto-gc']) {
    writeFileSync(join(repo.dir, '.git', 'hooks', hook), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(repo.dir, '.git', 'hooks', hook), 0o755);
  }
  repo.write({ 'src/b.ts': 'export const a = 1;\n' });
  rmSync(join(repo.dir, 'src', 'a.ts'));
  const info = await repoInfo(repo.dir);
  await isClean(info);
  await renamedFiles(info, base);
  const extracted = await extractRevision(info, base);
  extracted.dispose();
  assert.equal(existsSync(marker), false, 'a command from the repository config or hooks ran');
});

test('a remote.origin.uploadpack planted in a clone does not run when a missing base is fetched', async (t) => {
  const origin = createRepo();
  const cloneRoot = mkdtempSync(join(tmpdir(), 'tierwise-upload-pack-'));
  t.after(() => (origin.dispose(), rmSync(cloneRoot, { recursive: true, force: true })));
  const base = origin.commit('base', { 'a.ts': 'export const v = 1;\n' });
  origin.commit('head', { 'a.ts': 'export const v = 2;\n' });
  runGit(cloneRoot, 'clone', '-q', '--depth', '1', `file://${origin.dir}`, 'clone');
  const clone = join(cloneRoot, 'clone');
  const marker = join(cloneRoot, 'pwned');
  runGit(clone, 'config', 'remote.origin.uploadpack', `touch ${marker}; git-upload-pack`);
  runGit(clone, 'config', 'core.sshCommand', `touch ${marker}; ssh`);
  const info = await repoInfo(clone);
  assert.equal(await resolveCommit(info, base), base, 'the base is still fetched, with the real upload-pack');
  assert.equal(existsSync(marker), false, 'the planted upload-pack ran');
});

test('--base=--upload-pack=CMD is refused before git runs; refspecs, ranges and control characters too', async (t) => {
  const repo = createRepo();
  t.after(() => repo.dispose());
  repo.commit('only', { 'a.ts': 'export {};\n' });
  repo.git('remote', 'add', 'origin', repo.dir);
  const marker = join(repo.dir, 'pwned');
  const info = await repoInfo(repo.dir);
  for (const ref of [`--upload-pack=touch ${marker}`, '-c', 'main:refs/heads/evil', '+main', 'a..b', 'main\u001b[2J', 'main branch', '']) {
    await assert.rejects(resolveCommit(info, ref), (error: unknown) => isTierwiseError(error) && error.code === 'bad-revision' && error.field === '--base', ref);
  }
  assert.equal(existsSync(marker), false);
  for (const ref of ['main', 'HEAD~1', 'origin/main', 'v1.2.3', 'HEAD^', 'main@{1}', 'a1b2c3d']) assert.equal(validateRevision(ref, '--base'), ref);
});

test('repository-scope credential helpers are reset to the user\'s own; program-running keys are overridden', () => {
  const list = [
    'system', 'credential.helper\nstore',
    'global', 'credential.helper\ncache',
    'local', 'credential.helper\n!touch /tmp/x',
    'local', 'core.pager\nless',
    'local', 'filter.lfs.process\ngit-lfs filter-process',
    'local', 'protocol.ext.allow\nalways',
    'local', 'user.name\nSomeone',
  ].join('\0') + '\0';
  const args = hardeningArgs(parseConfigList(list));
  const values = args.filter((_, i) => i % 2 === 1);
  assert.deepEqual(values.filter((v) => v.startsWith('credential.helper')), ['credential.helper=', 'credential.helper=store', 'credential.helper=cache']);
  assert.ok(values.includes('core.pager='));
  assert.ok(values.includes('filter.lfs.process='));
  assert.ok(values.includes('protocol.ext.allow=never'));
  assert.ok(values.includes('core.fsmonitor=false'));
  assert.ok(!values.some((v) => v.startsWith('user.name')));
});
