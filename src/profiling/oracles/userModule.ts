/**
 * A user oracle module (`tierwise/oracles/<task>.mjs|js|ts`) exporting
 * `default (output, sample) => ({ pass, score, reason })` (sync or async), loaded with dynamic
 * import. `.ts` modules load through tsx when it is resolvable from the workspace or from Tierwise.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TierwiseError } from '../../engine/errors';
import { importModule } from './importModule';
import type { OracleVerdict, Sample } from '../types';

/** The function a user module exports. */
export type UserOracleFn = (output: string, sample: Sample) => OracleVerdict | Promise<OracleVerdict>;

interface TsxApi {
  tsImport(specifier: string, parent: string): Promise<unknown>;
}

async function importTs(file: string, root: string): Promise<unknown> {
  for (const base of [join(root, 'package.json'), __filename]) {
    try {
      const tsxPath = createRequire(base).resolve('tsx/esm/api');
      const api = (await importModule(pathToFileURL(tsxPath).href)) as TsxApi;
      return await api.tsImport(pathToFileURL(file).href, pathToFileURL(join(root, 'package.json')).href);
    } catch {
      // try the next base
    }
  }
  // Already running under tsx (tests, development): a plain import works.
  return importModule(pathToFileURL(file).href);
}

/** Loads a user oracle module; errors name the file and the fix. */
export async function loadUserOracle(file: string, root: string, display: string): Promise<UserOracleFn> {
  let mod: unknown;
  try {
    mod = file.endsWith('.ts') ? await importTs(file, root) : await importModule(pathToFileURL(file).href);
  } catch (error) {
    throw new TierwiseError('oracle-load', `Cannot load the oracle module: ${(error as Error).message}`, 'fix the module so it imports cleanly (for TypeScript oracles without tsx, use .mjs)', { file: display });
  }
  const candidate = (mod as { default?: unknown }).default;
  const fn = typeof candidate === 'function' ? candidate : (candidate as { default?: unknown } | undefined)?.default;
  if (typeof fn !== 'function') {
    throw new TierwiseError('oracle-export', 'The oracle module has no default export function', 'export default (output, sample) => ({ pass, score, reason })', { file: display });
  }
  return fn as UserOracleFn;
}

/** Calls a user oracle and checks the shape of its verdict. */
export async function gradeWithUserOracle(fn: UserOracleFn, output: string, sample: Sample, display: string): Promise<OracleVerdict> {
  const verdict = (await fn(output, sample)) as Partial<OracleVerdict> | undefined;
  if (!verdict || typeof verdict.pass !== 'boolean') {
    throw new TierwiseError('oracle-verdict', `The oracle returned ${JSON.stringify(verdict)} for sample ${sample.id}`, 'return an object { pass: boolean, score: number, reason: string }', { file: display });
  }
  return { pass: verdict.pass, score: typeof verdict.score === 'number' ? verdict.score : verdict.pass ? 1 : 0, reason: String(verdict.reason ?? '') };
}
