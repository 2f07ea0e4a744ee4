/**
 * The workspace file walk, safe on a folder Tierwise does not trust: every real directory is
 * visited once (symlink loops end), links that lead outside the root are not followed, only regular
 * files are listed (pipes, devices and sockets are skipped without being opened), and `.gitignore`
 * rules (every `.gitignore` on the way down plus `.git/info/exclude`) are read as text with the
 * `ignore` library: nothing is executed in the folder (no `git`). What is left out for safety is
 * reported, not silently dropped. `readSourceText` is the one way analysis reads a source file:
 * capped in size, and minified bundles are skipped with a reason.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { CONFIG_FILE_MAX_BYTES, formatBytes, isInside, readBounded, realPathOf } from '../files/boundedRead';

/** Directory names never analysed (dependencies and build output). */
export const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.tierwise-cache']);

/** Extensions of files Tierwise analyses. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Largest source file read (bigger ones are skipped and reported). */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Most files listed in one walk; the rest are reported as one skipped entry. */
export const MAX_WALKED_FILES = 200_000;

/** A path the walk or a read left out, and why (workspace-relative, POSIX). */
export interface SkippedPath {
  path: string;
  reason: string;
}

/** What a walk found. */
export interface WalkResult {
  /** Absolute paths of analysable source files (regular files, inside the root), sorted. */
  files: string[];
  /** Paths left out for safety or size (not the ordinary skips: node_modules, build output, git-ignored). */
  skipped: SkippedPath[];
}

/** True for a file name Tierwise analyses (declaration files excluded). */
export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext)) && !path.endsWith('.d.ts') && !path.endsWith('.d.mts') && !path.endsWith('.d.cts');
}

/** True for a path that lies in a skipped directory or outside the root. */
export function isSkippedPath(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  if (rel.startsWith('..')) return true;
  return rel.split(sep).some((part) => SKIPPED_DIRS.has(part));
}

function toPosix(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/** The ignore rules of one directory's `.gitignore`, or undefined when it has none (read as text, capped). */
function rulesOf(file: string): string | undefined {
  const read = readBounded(file, { maxBytes: CONFIG_FILE_MAX_BYTES });
  return read.ok ? read.text : undefined;
}

interface Scope {
  /** Directory (relative to the root, POSIX, '' for the root) the rules are relative to. */
  base: string;
  rules: Ignore;
}

function ignoredBy(scopes: readonly Scope[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const local = scope.base ? rel.slice(scope.base.length + 1) : rel;
    const result = scope.rules.test(isDir ? `${local}/` : local);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Lists the analysable source files under `root`, honouring `.gitignore` files, never following a
 * link out of the root or into a directory already visited, and never opening anything but to list
 * a directory or read an ignore file.
 */
export function walkSourceFiles(root: string): WalkResult {
  const realRoot = realPathOf(root) ?? root;
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const visited = new Set<string>([realRoot]);
  const exclude = rulesOf(join(root, '.git', 'info', 'exclude'));
  const listed = new Set<string>();
  let truncated = false;
  const visit = (dir: string, realDir: string, inherited: readonly Scope[]): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    const own = entries.includes('.gitignore') ? rulesOf(join(dir, '.gitignore')) : undefined;
    const scopes = own ? [...inherited, { base: toPosix(root, dir), rules: ignore().add(own) }] : inherited;
    for (const name of entries.sort()) {
      if (truncated) return;
      if (SKIPPED_DIRS.has(name)) continue;
      const path = join(dir, name);
      const rel = toPosix(root, path);
      let link: Stats;
      let stats: Stats;
      try {
        link = lstatSync(path);
        stats = link.isSymbolicLink() ? statSync(path) : link;
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (ignoredBy(scopes, rel, true)) continue;
        const real = realPathOf(path);
        if (!real || !isInside(realRoot, real)) {
          skipped.push({ path: rel, reason: 'a link to a folder outside the project: not followed' });
          continue;
        }
        if (visited.has(real)) {
          if (link.isSymbolicLink()) skipped.push({ path: rel, reason: 'a link to a folder already walked (a symlink loop or alias): not followed again' });
          continue;
        }
        visited.add(real);
        visit(path, real, scopes);
        continue;
      }
      if (!isSourceFile(name) || ignoredBy(scopes, rel, false)) continue;
      if (!stats.isFile()) {
        skipped.push({ path: rel, reason: 'not a regular file (a pipe, device or socket): not read' });
        continue;
      }
      const real = link.isSymbolicLink() ? realPathOf(path) : join(realDir, name);
      if (!real || !isInside(realRoot, real)) {
        skipped.push({ path: rel, reason: 'a link to a file outside the project: not read' });
        continue;
      }
      if (listed.has(real)) {
        skipped.push({ path: rel, reason: 'another name for a file already listed (a symlink): analysed once' });
        continue;
      }
      if (files.length >= MAX_WALKED_FILES) {
        skipped.push({ path: rel, reason: `more than ${MAX_WALKED_FILES} source files: the rest of the folder is not analysed` });
        truncated = true;
        return;
      }
      listed.add(real);
      files.push(path);
    }
  };
  visit(root, realRoot, exclude ? [{ base: '', rules: ignore().add(exclude) }] : []);
  return { files: files.sort(), skipped };
}

/**
 * A predicate telling whether a path (absolute) is ignored by the `.gitignore` files between the
 * root and it (for file lists that come from a tsconfig rather than from the walk).
 */
export function gitIgnorePredicate(root: string): (absolute: string) => boolean {
  const cache = new Map<string, Scope | null>();
  const scopeOf = (dirRel: string): Scope | null => {
    let scope = cache.get(dirRel);
    if (scope === undefined) {
      const text = rulesOf(join(root, dirRel, '.gitignore'));
      scope = text ? { base: dirRel, rules: ignore().add(text) } : null;
      cache.set(dirRel, scope);
    }
    return scope;
  };
  const exclude = rulesOf(join(root, '.git', 'info', 'exclude'));
  const base: Scope[] = exclude ? [{ base: '', rules: ignore().add(exclude) }] : [];
  return (absolute) => {
    const rel = toPosix(root, absolute);
    if (rel.startsWith('..')) return true;
    const parts = rel.split('/');
    const scopes = [...base];
    for (let i = 0; i < parts.length; i++) {
      const dirRel = parts.slice(0, i).join('/');
      const scope = scopeOf(dirRel);
      if (scope) scopes.push(scope);
      const prefix = parts.slice(0, i + 1).join('/');
      if (ignoredBy(scopes, prefix, i < parts.length - 1)) return true;
    }
    return false;
  };
}

/** Longest line and mean line length above which a file counts as minified. */
const MINIFIED = { minBytes: 32 * 1024, longestLine: 20_000, meanLine: 500 };

/** Why a source text is not analysed (a minified bundle), or undefined when it is fine. */
export function minifiedReason(path: string, text: string): string | undefined {
  if (/\.min\.[cm]?js$/.test(path)) return 'a minified bundle (.min.js): not analysed';
  if (text.length < MINIFIED.minBytes) return undefined;
  let longest = 0;
  let lines = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    longest = Math.max(longest, i - start);
    lines += 1;
    start = i + 1;
  }
  longest = Math.max(longest, text.length - start);
  if (longest >= MINIFIED.longestLine && text.length / lines >= MINIFIED.meanLine) {
    return `looks minified or generated (a ${formatBytes(longest)} line): not analysed; minified bundles are build output, analyse their sources instead`;
  }
  return undefined;
}

/** The text of a source file, or why it is skipped (not a regular file, too large, minified, outside the root). */
export function readSourceText(root: string, path: string): { text: string } | { skipped: string } {
  const read = readBounded(path, { maxBytes: MAX_SOURCE_BYTES, within: root });
  if (!read.ok) return { skipped: `${read.detail}: not analysed` };
  const minified = minifiedReason(path, read.text);
  return minified ? { skipped: minified } : { text: read.text };
}
