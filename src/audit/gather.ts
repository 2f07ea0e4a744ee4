/** The audit's file checks: oracle files, the projection file and the profiling results logs. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ScanResult, TaskType, TierwiseConfig } from '../engine/api';
import { MODULE_EXTENSIONS, oracleFileOf, parseOracleSpec } from '../profiling/oracles/oracleSpec';
import type { AuditFacts } from './types';

/** Where `tierwise project --out` writes the projection the audit looks for. */
export const PROJECTION_FILE = 'tierwise/projection.json';

/** The files an oracle spec names (profiling's grammar, `oracleSpec.ts`) that do not exist. */
function missingOracleFiles(spec: string, base: string): string[] {
  const files = parseOracleSpec(spec).map(oracleFileOf).filter((file): file is string => file !== undefined);
  return files.filter((file) => !existsSync(isAbsolute(file) ? file : join(base, file)));
}

function isModule(spec: string): boolean {
  return parseOracleSpec(spec).some((part) => part.kind === 'module');
}

/** Reads the file facts the audit needs (relative paths resolve against tierwise.yml's folder). */
export function gatherAuditFacts(root: string, scan: ScanResult, config: TierwiseConfig): AuditFacts {
  const base = config.file ? dirname(config.file) : root;
  const oracles: AuditFacts['oracles'] = {};
  const tasks = new Set<TaskType>(scan.callSites.filter((a) => a.costed).map((a) => a.site.annotation?.task ?? a.task.task));
  // Embeddings have no output to grade: no oracle is expected for them.
  for (const task of [...tasks].filter((t) => t !== 'embedding')) {
    const configured = config.tasks[task].oracle;
    const conventional = MODULE_EXTENSIONS.map((e) => `tierwise/oracles/${task}${e}`).find((f) => existsSync(join(base, f)));
    const ref = configured ?? (conventional ? `./${conventional}` : undefined);
    if (!ref) oracles[task] = { status: 'none' };
    else if (missingOracleFiles(ref, base).length) oracles[task] = { ref, status: 'missing-file' };
    else oracles[task] = { ref, status: isModule(ref) ? 'file' : 'builtin' };
  }
  const projectionPath = join(root, PROJECTION_FILE);
  const projection = existsSync(projectionPath) ? { file: PROJECTION_FILE, modifiedAt: statSync(projectionPath).mtime.toISOString() } : undefined;
  const resultsDir = join(base, config.profiling.resultsDir);
  const resultsFiles = existsSync(resultsDir)
    ? readdirSync(resultsDir).filter((f) => f.endsWith('.jsonl')).map((f) => ({ file: join(config.profiling.resultsDir, f), modifiedAt: statSync(join(resultsDir, f)).mtime.toISOString() }))
    : [];
  return { oracles, ...(projection ? { projection } : {}), resultsFiles };
}
