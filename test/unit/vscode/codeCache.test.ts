import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheFile, requireWithCodeCache } from '../../../src/vscode/codeCache';

interface Bundle {
  importMjs(url: string): Promise<{ grade(): string }>;
  answer(): number;
  dep: string;
  dir: string;
  file: string;
}

/** A bundle like dist/engine.js: requires a file next to it and uses its own __dirname. */
function writeBundle(dir: string, body = 'return 42;'): string {
  writeFileSync(join(dir, 'dep.js'), 'module.exports = "from dep";');
  writeFileSync(join(dir, 'oracle.mjs'), 'export function grade() { return "graded by an ES module"; }');
  // As in dist/: import() lives in a file loaded by Node's own loader (src/profiling/oracles/importModule.ts).
  writeFileSync(join(dir, 'importModule.js'), 'module.exports = (url) => import(url);');
  const bundle = join(dir, 'engine.js');
  writeFileSync(
    bundle,
    `"use strict";\nexports.answer = function answer() { ${body} };\nexports.dep = require('./dep.js');\nexports.dir = __dirname;\nexports.file = __filename;\nexports.importMjs = (url) => require('./importModule.js')(url);\n` +
      // Enough functions for V8 to have something to cache.
      Array.from({ length: 200 }, (_, i) => `exports.f${i} = function f${i}(x) { return x * ${i} + ${i}; };`).join('\n'),
  );
  return bundle;
}

const caches = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.v8cache'));

interface ChildLoad {
  oracle: string;
  cache: string;
  answer: number;
  persisted: { written: boolean; bytes: number };
}

/**
 * Loads the bundle in a fresh Node process, as a new editor session would: within one process V8
 * reuses its in-memory compilation cache and never consults the code cache, so only a new process
 * shows whether V8 accepts or rejects the cache on disk.
 */
function loadInChild(bundle: string, cacheDir: string): ChildLoad {
  const script = [
    `const { requireWithCodeCache } = require(${JSON.stringify(join(__dirname, '../../../src/vscode/codeCache.ts'))});`,
    `const load = requireWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)});`,
    `const answer = load.exports.answer();`,
    `const persisted = load.persist();`,
    // A user oracle module (.mjs) imported from inside the bundle, as profiling does.
    `load.exports.importMjs(require('node:url').pathToFileURL(${JSON.stringify(join('DIR', 'oracle.mjs'))}.replace('DIR', load.exports.dir)).href)`,
    `  .then((m) => process.stdout.write(JSON.stringify({ cache: load.cache, answer, persisted, oracle: m.grade() })));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as ChildLoad;
}

describe('engine bundle loading through V8 code cache', () => {
  it('loads like require on the first run, writes the cache, and uses it on the next run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cc-'));
    const cacheDir = join(dir, 'cache');
    const bundle = writeBundle(dir);

    const first = requireWithCodeCache<Bundle>(bundle, cacheDir);
    assert.equal(first.cache, 'miss');
    assert.equal(first.exports.answer(), 42);
    assert.equal(first.exports.dep, 'from dep', 'relative require resolves next to the bundle');
    assert.equal(first.exports.dir, dir);
    assert.equal(first.exports.file, bundle);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point: a plain require sees the same instance
    assert.equal(require(bundle), first.exports, 'the bundle is in require.cache: requiring it again gives the same instance');
    const written = first.persist();
    assert.ok(written.written && written.bytes > 0, 'the cache is written');
    assert.equal(first.persist().written, false, 'written once per load');
    assert.deepEqual(caches(cacheDir), [codeCacheFile(bundle, cacheDir).split('/').pop()]);

    const second = requireWithCodeCache<Bundle>(bundle, cacheDir);
    assert.equal(second.cache, 'hit');
    assert.equal(second.exports.answer(), 42);
    assert.equal(second.persist().written, false, 'a hit is not rewritten');
  });

  it('a new session uses the cache; a corrupt cache is rejected by V8, the bundle still loads, and a fresh cache replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cc-'));
    const cacheDir = join(dir, 'cache');
    const bundle = writeBundle(dir);
    const first = loadInChild(bundle, cacheDir);
    assert.deepEqual([first.cache, first.answer, first.persisted.written], ['miss', 42, true]);
    assert.equal(first.oracle, 'graded by an ES module', 'an ES module is imported from the bundle (through importModule.js)');
    const second = loadInChild(bundle, cacheDir);
    assert.deepEqual([second.cache, second.answer, second.persisted.written], ['hit', 42, false], 'V8 accepts the cache in a new process');
    assert.equal(second.oracle, 'graded by an ES module');

    writeFileSync(codeCacheFile(bundle, cacheDir), Buffer.from('not a V8 code cache at all'.repeat(20)));
    const corrupt = loadInChild(bundle, cacheDir);
    assert.deepEqual([corrupt.cache, corrupt.answer, corrupt.persisted.written], ['rejected', 42, true]);
    assert.equal(loadInChild(bundle, cacheDir).cache, 'hit', 'the rewritten cache is accepted');
  });

  it('an updated bundle gets a new cache and the old one is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cc-'));
    const cacheDir = join(dir, 'cache');
    const bundle = writeBundle(dir);
    requireWithCodeCache<Bundle>(bundle, cacheDir).persist();
    const oldCache = codeCacheFile(bundle, cacheDir);

    writeBundle(dir, 'return 43;');
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    const load = requireWithCodeCache<Bundle>(bundle, cacheDir);
    assert.equal(load.cache, 'miss', 'the new bundle has no cache yet');
    assert.equal(load.exports.answer(), 43, 'the new code runs, not the cached old code');
    load.persist();
    assert.equal(existsSync(oldCache), false, 'the previous version’s cache is deleted');
    assert.equal(caches(cacheDir).length, 1);
  });

  it('without a cache directory it is a plain load and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cc-'));
    const bundle = writeBundle(dir);
    const load = requireWithCodeCache<Bundle>(bundle, undefined);
    assert.equal(load.cache, 'off');
    assert.equal(load.exports.answer(), 42);
    assert.equal(load.persist().written, false);
    assert.deepEqual(caches(dir), []);
  });

  it('an unwritable cache directory is reported, not thrown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cc-'));
    const bundle = writeBundle(dir);
    writeFileSync(join(dir, 'blocked'), 'a file where the cache directory should be');
    const load = requireWithCodeCache<Bundle>(bundle, join(dir, 'blocked', 'cache'));
    assert.equal(load.exports.answer(), 42);
    const result = load.persist();
    assert.equal(result.written, false);
    assert.match(result.error ?? '', /EEXIST|ENOTDIR/);
  });
});
