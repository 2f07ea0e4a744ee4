/** The audit's file checks: oracle files, the projection file and the profiling results logs. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ScanResult, TaskType, TierwiseConfig } from '../../engine/api';
import type { AuditFacts } from './types';

/** Where `tierwise project --out` writes the projection the audit looks for. */
export const PROJECTION_FILE = 'tierwise/projection.json';

/** Oracle references without a path separator or extension name a built-in oracle (`exact-match`). */
function isBuiltin(ref: string): boolean {
  return !/[\\/]/.test(ref) && !/\.[a-z]+$/i.test(ref);
}

/** Reads the file facts the audit needs (relative paths resolve against tierwise.yml's folder). */
export function gatherAuditFacts(root: string, scan: ScanResult, config: TierwiseConfig): AuditFacts {
  const base = config.file ? dirname(config.file) : root;
  const oracles: AuditFacts['oracles'] = {};
  const tasks = new Set<TaskType>(scan.callSites.filter((a) => a.costed).map((a) => a.site.annotation?.task ?? a.task.task));
  for (const task of tasks) {
    const ref = config.tasks[task].oracle;
    if (!ref) oracles[task] = { status: 'none' };
    else if (isBuiltin(ref)) oracles[task] = { ref, status: 'builtin' };
    else oracles[task] = { ref, status: existsSync(isAbsolute(ref) ? ref : join(base, ref)) ? 'file' : 'missing-file' };
  }
  const projectionPath = join(root, PROJECTION_FILE);
  const projection = existsSync(projectionPath) ? { file: PROJECTION_FILE, modifiedAt: statSync(projectionPath).mtime.toISOString() } : undefined;
  const resultsDir = join(base, config.profiling.resultsDir);
  const resultsFiles = existsSync(resultsDir)
    ? readdirSync(resultsDir).filter((f) => f.endsWith('.jsonl')).map((f) => ({ file: join(config.profiling.resultsDir, f), modifiedAt: statSync(join(resultsDir, f)).mtime.toISOString() }))
    : [];
  return { oracles, ...(projection ? { projection } : {}), resultsFiles };
}
