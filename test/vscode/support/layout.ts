/**
 * Lays out the extensions a real-editor session loads: Tierwise packaged as a `.vsix` with vsce (as
 * `npm run package` does) and installed by code-server's own `--install-extension`, next to the
 * test companion (an unpacked folder, never shipped).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { installExtension, REPO_ROOT } from './codeServer';

/** Packaged extensions are kept here, named by the hash of what went into them (shared by test processes). */
const VSIX_CACHE = join(tmpdir(), 'tierwise-vsix-cache');

/** Builds dist/ (every session: the suite's files share the result). */
export function buildExtension(): void {
  if (process.env.TIERWISE_VSCODE_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  for (const file of ['extension.js', 'engine.js']) {
    if (!existsSync(join(REPO_ROOT, 'dist', file))) throw new Error(`dist/${file} was not built`);
  }
}

/** The package's identity from package.json. */
function manifest(): { publisher: string; name: string; version: string } {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
}

/**
 * Hash of everything `.vscodeignore` can let into the package: the ignore file itself and every
 * file under each top-level path its `!` lines name (dist/, media/, package.json, ...).
 */
function packageInputsHash(): string {
  const ignore = readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8');
  const hash = createHash('sha256').update(ignore);
  const roots = new Set<string>();
  for (const line of ignore.split('\n').map((l) => l.trim())) {
    if (!line.startsWith('!')) continue;
    const root = line.slice(1).split('/')[0];
    if (/[*?[{]/.test(root)) throw new Error(`.vscodeignore: \`${line}\` starts with a wildcard; test/vscode/support/layout.ts hashes the top-level paths the \`!\` lines name to know when to re-package. Start the pattern with a folder or file name.`);
    roots.add(root);
  }
  const files = [...roots].sort().flatMap((root) => filesUnder(join(REPO_ROOT, root)));
  for (const file of files) hash.update(`${relative(REPO_ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

/**
 * Packages the extension with vsce (same flags as `npm run package`) and returns the `.vsix` path.
 * A package whose inputs (see packageInputsHash) are unchanged is reused, also across test
 * processes; packaging takes ~5 s, the hash ~0.1 s. If dist/ changes while packaging (a concurrent
 * build in the same tree), the result is discarded and packaging is retried.
 */
export function packageExtension(): string {
  const { name, version } = manifest();
  mkdirSync(VSIX_CACHE, { recursive: true });
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    const before = packageInputsHash();
    const cached = join(VSIX_CACHE, `${name}-${version}-${before}.vsix`);
    if (existsSync(cached)) {
      const now = new Date();
      utimesSync(cached, now, now); // in use: keeps pruneCache (other processes) away from it
      return cached;
    }
    const partial = join(VSIX_CACHE, `partial-${process.pid}-${Date.now()}.vsix`);
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', partial], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status === 0 && packageInputsHash() === before) {
      renameSync(partial, cached);
      pruneCache(cached);
      return cached;
    }
    rmSync(partial, { force: true });
    last = result.status === 0 ? 'dist/ changed while packaging' : `${result.stdout}\n${result.stderr}`;
    spawnSync('sleep', ['3']);
  }
  throw new Error(`vsce could not package the extension: ${last.trim().split('\n').slice(-12).join('\n')}`);
}

/** Removes packages other than `keep` that nobody has used for an hour. */
function pruneCache(keep: string): void {
  for (const name of readdirSync(VSIX_CACHE)) {
    const file = join(VSIX_CACHE, name);
    try {
      if (file !== keep && Date.now() - statSync(file).mtimeMs > 3_600_000) rmSync(file, { force: true });
    } catch {
      // another test process removed it first
    }
  }
}

/**
 * Creates an extensions dir: the companion (bundled with esbuild, unpacked) first, then the
 * packaged Tierwise installed from its `.vsix` by code-server (which registers both in the dir's
 * extensions.json). Checks the installed bundles load from the installed folder (in a temp dir, with
 * no node_modules to fall back on), re-packaging once if they do not.
 */
export async function layoutExtensions(userDataDir: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-ext-'));
  await layoutCompanion(dir);
  const { publisher, name, version } = manifest();
  const installed = join(dir, `${publisher}.${name}-${version}`);
  let last = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const vsix = packageExtension();
    installExtension(vsix, dir, userDataDir);
    last = bundlesLoadError(installed);
    if (!last) {
      assertRegistered(dir, [`${publisher}.${name}`, 'tierwise-test.companion']);
      return dir;
    }
    rmSync(vsix, { force: true });
  }
  throw new Error(`the bundles installed from the .vsix do not load: ${last}`);
}

async function layoutCompanion(dir: string): Promise<void> {
  const companionSrc = join(REPO_ROOT, 'test', 'vscode', 'companion');
  const companion = join(dir, 'tierwise-test.companion-0.0.1');
  mkdirSync(join(companion, 'out'), { recursive: true });
  cpSync(join(companionSrc, 'package.json'), join(companion, 'package.json'));
  await build({
    entryPoints: [join(companionSrc, 'companion.ts')],
    outfile: join(companion, 'out', 'companion.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

/**
 * Requires the installed engine.js and extension.js in a fresh Node ('vscode' itself is absent
 * outside the editor): a half-written bundle (a concurrent `npm run build` while packaging) or a
 * file the bundles need that the .vsix left out fails here with Node's own message. Returns '' when they load.
 */
function bundlesLoadError(installed: string): string {
  const dist = join(installed, 'dist');
  const check = `require(${JSON.stringify(join(dist, 'engine.js'))}).createEditorEngine.call; require(${JSON.stringify(join(dist, 'extension.js'))})`;
  const result = spawnSync(process.execPath, ['-e', `try { ${check} } catch (e) { if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes("'vscode'")) throw e; }`], { encoding: 'utf8', cwd: installed });
  return result.status === 0 ? '' : result.stderr.split('\n').slice(0, 6).join('\n');
}

/** Fails clearly when code-server's extensions.json does not list every extension the session needs. */
function assertRegistered(dir: string, ids: string[]): void {
  const file = join(dir, 'extensions.json');
  const listed = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Array<{ identifier: { id: string } }>).map((e) => e.identifier.id) : [];
  const missing = ids.filter((id) => !listed.includes(id));
  if (missing.length) throw new Error(`${file} does not list ${missing.join(', ')} (listed: ${listed.join(', ') || 'nothing'}); code-server would not load ${missing.length > 1 ? 'them' : 'it'}.`);
}

/** Copies a fixture workspace to a temp dir (tests edit files) and optionally adds files. */
export function copyWorkspace(source: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-ws-'));
  cpSync(source, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
