/** Lays out the built extension (unpacked, like an installed .vsix) and the test companion. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './codeServer';

/** Builds dist/ once per test process (the suite's files share it through this flag file). */
export function buildExtension(): void {
  if (process.env.TIERWISE_VSCODE_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  for (const file of ['extension.js', 'engine.js']) {
    if (!existsSync(join(REPO_ROOT, 'dist', file))) throw new Error(`dist/${file} was not built`);
  }
}

/**
 * Creates an extensions dir holding the packaged extension's files (what `.vscodeignore` lets in:
 * package.json, dist/, media/) and the companion bundled with esbuild.
 */
export async function layoutExtensions(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-ext-'));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const ext = join(dir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(ext, { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(ext, 'package.json'));
  copyLoadableDist(join(ext, 'dist'));
  if (existsSync(join(REPO_ROOT, 'media'))) cpSync(join(REPO_ROOT, 'media'), join(ext, 'media'), { recursive: true });
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
  return dir;
}

/**
 * Copies dist/ and checks the copied bundles load (a concurrent `npm run build` in the same tree
 * can leave a half-written bundle for a moment); retries a few times before failing.
 */
function copyLoadableDist(target: string): void {
  const check = `require(${JSON.stringify(join(target, 'engine.js'))}).createEditorEngine.call; require(${JSON.stringify(join(target, 'extension.js'))})`;
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    cpSync(join(REPO_ROOT, 'dist'), target, { recursive: true });
    const result = spawnSync(process.execPath, ['-e', `try { ${check} } catch (e) { if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes("'vscode'")) throw e; }`], { encoding: 'utf8' });
    if (result.status === 0) return;
    last = result.stderr;
    spawnSync('sleep', ['3']);
  }
  throw new Error(`the built bundles in dist/ do not load: ${last.split('\n').slice(0, 6).join('\n')}`);
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
