/**
 * One run at a time per results log: two `tierwise profile` runs (or the CLI and the editor) on
 * the same folder would send every request twice and each enforce its own budget. The lock is a
 * `<results>.lock` directory kept fresh by the holder (proper-lockfile); a lock left by a killed run
 * goes stale after a few seconds, and a new run waits that long before taking it over.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { TierwiseError } from '../../engine/errors';

/** A lock whose holder stopped refreshing it for this long is stale. */
const STALE_MS = 5_000;

/** Takes the lock of `resultsFile`; resolves with its release. `onLost` is called if it is taken from us. */
export async function lockResults(resultsFile: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dirname(resultsFile), { recursive: true });
  try {
    return await lockfile.lock(resultsFile, {
      realpath: false,
      lockfilePath: `${resultsFile}.lock`,
      stale: STALE_MS,
      update: STALE_MS / 5,
      retries: { retries: 8, minTimeout: 500, maxTimeout: 1_000, factor: 1 },
      onCompromised: onLost,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new TierwiseError(
      'results-locked',
      `another profiling run is writing ${resultsFile} (its lock ${resultsFile}.lock is held)`,
      'wait for that run to finish or cancel it, then run again: it resumes where that run stopped',
      { file: resultsFile },
    );
  }
}
