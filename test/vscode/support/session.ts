/** One real-editor session: extensions laid out, a workspace copy, code-server, Chromium, the companion. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from './browser';
import type { Workbench } from './browser';
import { assertTestEnvironment, startCodeServer } from './codeServer';
import type { CodeServer } from './codeServer';
import { buildExtension, layoutExtensions } from './layout';

/** What a scenario gets. */
export interface Session {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  outDir: string;
  server: CodeServer;
  workbench: Workbench;
  /** The text of this session's Tierwise output-channel log ('' before the extension logged anything). */
  tierwiseLog(): string;
  close(): Promise<void>;
}

/** Starts code-server on `workspace` with the companion configured for `scenario`. */
export async function startSession(options: {
  workspace: string;
  scenario: string;
  file: string;
  trusted: boolean;
  companion?: Record<string, unknown>;
  env?: Record<string, string>;
  /** User settings (e.g. the fake server's URL as the provider endpoint). */
  settings?: Record<string, unknown>;
  /** A `.code-workspace` file (inside `workspace`) to open instead of the `workspace` folder: a multi-root workspace. */
  workspaceFile?: string;
  /**
   * The user-data dir of an earlier session to start with (its global storage: the engine's code
   * cache and token-count memo), as a user's next editor session would. The caller removes it.
   */
  userDataDir?: string;
  /** The extensions dir of an earlier session (the extension stays installed, as for a user). The caller removes it. */
  extensionsDir?: string;
}): Promise<Session> {
  assertTestEnvironment();
  buildExtension();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'tierwise-user-'));
  const extensionsDir = options.extensionsDir ?? (await layoutExtensions(userDataDir));
  const outDir = mkdtempSync(join(tmpdir(), 'tierwise-out-'));
  const companion = JSON.stringify({ scenario: options.scenario, outDir, file: options.file, ...options.companion });
  const server = await startCodeServer({
    workspace: options.workspaceFile ?? options.workspace,
    extensionsDir,
    userDataDir,
    trustDisabled: options.trusted,
    env: { TIERWISE_COMPANION: companion, ...options.env },
    settings: options.settings,
  });
  let workbench: Workbench;
  try {
    workbench = await openWorkbench(server.url, options.workspaceFile ?? options.workspace);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    workspace: options.workspace,
    userDataDir,
    extensionsDir,
    outDir,
    server,
    workbench,
    tierwiseLog: () => latestTierwiseLog(userDataDir),
    /** Stops Chromium and code-server and removes the temp dirs (kept when TIERWISE_KEEP_TMP=1, for debugging). */
    async close() {
      await workbench.close().catch(() => undefined);
      await server.stop();
      if (process.env.TIERWISE_KEEP_TMP === '1') return;
      const owned = [options.userDataDir ? undefined : userDataDir, options.extensionsDir ? undefined : extensionsDir].filter((d): d is string => d !== undefined);
      for (const dir of [...owned, outDir, options.workspace]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest Tierwise.log under a user-data dir (code-server writes one per window session). */
function latestTierwiseLog(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'Tierwise.log') found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  const newest = found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest ? readFileSync(newest, 'utf8') : '';
}
