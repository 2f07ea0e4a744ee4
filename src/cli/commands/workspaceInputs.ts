/**
 * What `project`, `audit` and `init` share: resolve the workspace root, load `tierwise.yml` (stopping
 * with file:line:column problems when it is invalid), scan, and read profiling evidence.
 */
import { resolve } from 'node:path';
import { createEngine, formatConfigProblem, loadConfig } from '../../engine/api';
import type { ConfigProblem, Engine, ScanResult, TierEvidence, TierwiseConfig } from '../../engine/api';
import { readEvidence } from '../../profiling/api';
import type { CliIO } from '../types';

/** The loaded workspace. */
export interface WorkspaceInputs {
  root: string;
  config: TierwiseConfig;
  problems: ConfigProblem[];
  engine: Engine;
  scan: ScanResult;
  evidence: TierEvidence[];
}

/** Prints config problems to stderr; returns true when there were any. */
export function reportConfigProblems(io: CliIO, name: string, config: TierwiseConfig, problems: readonly ConfigProblem[]): boolean {
  if (problems.length === 0) return false;
  for (const problem of problems) io.stderr(`tierwise ${name}: ${formatConfigProblem(problem)}\n`);
  io.stderr(`tierwise ${name}: ${config.file ?? 'tierwise.yml'} is invalid; fix the problems above (or remove the file to use the defaults).\n`);
  return true;
}

/**
 * Loads config, scans and reads evidence. Returns null (after printing the problems) when the
 * configuration is invalid and `tolerateConfigProblems` is false. The caller disposes `engine`.
 */
export async function loadWorkspace(io: CliIO, name: string, dir: string | undefined, tolerateConfigProblems = false): Promise<WorkspaceInputs | null> {
  const root = resolve(io.cwd, dir ?? '.');
  const { config, problems } = await loadConfig(root);
  if (!tolerateConfigProblems && reportConfigProblems(io, name, config, problems)) return null;
  const engine = createEngine();
  const scan = await engine.scan(root, { config });
  for (const p of scan.problems) if (p.severity === 'error') io.stderr(`tierwise ${name}: ${p.file}: ${p.message}\n`);
  const evidence = await readEvidence(root, config);
  return { root, config, problems, engine, scan, evidence };
}
