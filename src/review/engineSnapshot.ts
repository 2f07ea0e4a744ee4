/**
 * The `SnapshotDir` the CLI and the editor use: loads the directory's own tierwise.yml (so each
 * revision is priced with its own overrides and traffic), scans with a fresh engine, projects and
 * builds the snapshot. A configuration with errors stops the diff: a projection from a half-valid
 * config would be a wrong number presented as a right one.
 */
import { createEngine, formatConfigProblem, loadConfig, TierwiseError } from '../engine/api';
import type { SnapshotDir } from './compare';
import { createSnapshot } from './snapshot';

/** Options of `createEngineSnapshotter`. */
export interface EngineSnapshotterOptions {
  /** Progress and warning lines. */
  log?: (line: string) => void;
  /** Tool version written into snapshots (default: TIERWISE_VERSION or `dev`). */
  version?: string;
}

/** A `SnapshotDir` backed by the real engine. */
export function createEngineSnapshotter(options: EngineSnapshotterOptions = {}): SnapshotDir {
  return async (dir, commit) => {
    const { config, problems } = await loadConfig(dir);
    if (problems.length > 0) {
      const first = problems[0];
      throw new TierwiseError(
        'config-invalid',
        `${problems.length} problem(s) in the configuration${commit ? ` at ${commit.slice(0, 7)}` : ''}: ${formatConfigProblem(first)}`,
        first.fix,
        { file: first.file, field: first.field },
      );
    }
    const engine = createEngine();
    try {
      return await createSnapshot(dir, engine, config, { commit, version: options.version ?? process.env.TIERWISE_VERSION ?? 'dev' });
    } finally {
      engine.dispose();
    }
  };
}
