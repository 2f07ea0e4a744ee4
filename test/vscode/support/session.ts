/** One real-editor session: extensions laid out, a workspace copy, code-server, Chromium, the companion. */
import { mkdtempSync, rmSync } from 'node:fs';
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
  outDir: string;
  server: CodeServer;
  workbench: Workbench;
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
}): Promise<Session> {
  assertTestEnvironment();
  buildExtension();
  const userDataDir = mkdtempSync(join(tmpdir(), 'tierwise-user-'));
  const extensionsDir = await layoutExtensions(userDataDir);
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
    outDir,
    server,
    workbench,
    /** Stops Chromium and code-server and removes the temp dirs (kept when TIERWISE_KEEP_TMP=1, for debugging). */
    async close() {
      await workbench.close().catch(() => undefined);
      await server.stop();
      if (process.env.TIERWISE_KEEP_TMP === '1') return;
      for (const dir of [extensionsDir, userDataDir, outDir, options.workspace]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
