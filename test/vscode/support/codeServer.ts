/**
 * Starts a real VS Code (code-server 4.100.3, installed by scripts/setup-test-env.sh into
 * .tools/code-server/) on 127.0.0.1 with a throwaway user-data dir and extensions dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Repository root (test/vscode/support -> ../../..). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Same location as scripts/setup-test-env.sh (`TIERWISE_TOOLS_DIR` overrides `.tools`). */
const TOOL_DIR = join(process.env.TIERWISE_TOOLS_DIR ?? join(REPO_ROOT, '.tools'), 'code-server');
const BIN = join(TOOL_DIR, 'node_modules', '.bin', 'code-server');
const EXPECTED_VERSION = '4.100.3';

/** Throws a clear error (never skips) when code-server or Chromium is missing. */
export function assertTestEnvironment(): void {
  const marker = join(TOOL_DIR, '.installed');
  const installed = existsSync(BIN) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === EXPECTED_VERSION;
  if (!installed) {
    throw new Error(`code-server ${EXPECTED_VERSION} is not installed in ${TOOL_DIR}. Run \`bash scripts/setup-test-env.sh\` first (it installs code-server and Chromium).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Run \`bash scripts/setup-test-env.sh\` first.`);
}

/** Debian's Chromium, driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** A running code-server. */
export interface CodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Installs a `.vsix` into `extensionsDir` with code-server's own `--install-extension` (what a user
 * does with "Extensions: Install from VSIX..."); ~1.5 s. Throws with code-server's output on failure.
 */
export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): void {
  const result = spawnSync(BIN, ['--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, 'xdg-config') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/.test(output)) throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
}

/** Options of one code-server instance. */
export interface CodeServerOptions {
  workspace: string;
  extensionsDir: string;
  userDataDir: string;
  /** false: start WITHOUT --disable-workspace-trust (the trust prompt appears). */
  trustDisabled: boolean;
  env: Record<string, string>;
  /** User settings written to the user-data dir before start. */
  settings?: Record<string, unknown>;
}

/** Starts code-server and waits until it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  const userDir = join(options.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    join(userDir, 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'security.workspace.trust.startupPrompt': 'always', 'window.restoreWindows': 'none', ...options.settings }, null, 2),
  );
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', options.extensionsDir, '--user-data-dir', options.userDataDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(options.trustDisabled ? ['--disable-workspace-trust'] : []),
    options.workspace,
  ];
  let output = '';
  const child = spawn(BIN, args, {
    env: { ...process.env, ...options.env, XDG_CONFIG_HOME: join(options.userDataDir, 'xdg-config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, 30_000, () => output);
  return {
    url,
    port,
    process: child,
    log: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function waitForHttp(url: string, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms. Its output:\n${log()}`);
}
