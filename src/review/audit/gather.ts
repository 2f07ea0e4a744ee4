/** The audit's file checks: oracle files, the projection file and the profiling results logs. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ScanResult, TaskType, TierwiseConfig } from '../../engine/api';
import type { AuditFacts } from './types';

/** Where `tierwise project --out` writes the projection the audit looks for. */
export const PROJECTION_FILE = 'tierwise/projection.json';

const ORACLE_EXTENSIONS = ['.mjs', '.js', '.ts'];

/**
 * Checks an oracle spec (profiling's grammar: parts joined by ` + `; `./file.mjs` is a user module,
 * `json-schema:PATH` needs its schema file, other parts are built-in graders). Returns the files
 * that are missing.
 */
function missingOracleFiles(spec: string, base: string): string[] {
  const missing: string[] = [];
  for (const part of spec.split(/\s\+\s/).map((p) => p.trim()).filter(Boolean)) {
    const file = part.startsWith('json-schema:') ? part.slice('json-schema:'.length)
      : /^(\.{1,2}\/|\/)/.test(part) || ORACLE_EXTENSIONS.some((e) => part.endsWith(e)) ? part : undefined;
    if (file && !existsSync(isAbsolute(file) ? file : join(base, file))) missing.push(file);
  }
  return missing;
}

function isModule(spec: string): boolean {
  return spec.split(/\s\+\s/).some((p) => /^(\.{1,2}\/|\/)/.test(p.trim()) || ORACLE_EXTENSIONS.some((e) => p.trim().endsWith(e)));
}

/** Reads the file facts the audit needs (relative paths resolve against tierwise.yml's folder). */
export function gatherAuditFacts(root: string, scan: ScanResult, config: TierwiseConfig): AuditFacts {
  const base = config.file ? dirname(config.file) : root;
  const oracles: AuditFacts['oracles'] = {};
  const tasks = new Set<TaskType>(scan.callSites.filter((a) => a.costed).map((a) => a.site.annotation?.task ?? a.task.task));
  // Embeddings have no output to grade: no oracle is expected for them.
  for (const task of [...tasks].filter((t) => t !== 'embedding')) {
    const configured = config.tasks[task].oracle;
    const conventional = ORACLE_EXTENSIONS.map((e) => `tierwise/oracles/${task}${e}`).find((f) => existsSync(join(base, f)));
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
