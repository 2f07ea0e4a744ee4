/**
 * Test-only companion extension: runs one scenario inside the real extension host with the real
 * `vscode` API and writes what it observed to `<outDir>/result.json`. The scenario comes from the
 * TIERWISE_COMPANION environment variable (JSON) set on the code-server process by the runner.
 * Phases (`<outDir>/phase-<name>`) let the runner take screenshots or click UI (modal dialogs,
 * notification buttons) at the right moment; it answers with `<outDir>/ack-<name>`.
 */
import * as vscode from 'vscode';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from './scenarios';
import type { CompanionConfig, Observations } from './scenarios';

export function activate(): void {
  const raw = process.env.TIERWISE_COMPANION;
  if (!raw) return;
  const config = JSON.parse(raw) as CompanionConfig;
  mkdirSync(config.outDir, { recursive: true });
  const observations: Observations = { scenario: config.scenario, steps: [], isTrusted: vscode.workspace.isTrusted };
  const write = (): void => writeFileSync(join(config.outDir, 'result.json'), JSON.stringify(observations, null, 2));
  void runScenario(config, observations)
    .catch((error: unknown) => {
      observations.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
    })
    .finally(write);
}

/** Signals a phase to the runner and waits for its acknowledgement (screenshot taken, button clicked). */
export async function phase(outDir: string, name: string, timeoutMs = 90_000): Promise<void> {
  writeFileSync(join(outDir, `phase-${name}`), String(Date.now()));
  const ack = join(outDir, `ack-${name}`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(ack)) {
    if (Date.now() > deadline) throw new Error(`runner did not acknowledge phase '${name}'`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function deactivate(): void {}
