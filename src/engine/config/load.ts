/**
 * Loading `tierwise.yml`: parse (keeping node ranges), validate, locate every problem at
 * file:line:column with the field and a fix, and apply what is valid over the defaults. A broken
 * file never throws: it yields the defaults for the broken parts plus the problems.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ConfigProblem, TierwiseConfig } from '../model';
import { defaultConfig } from './defaults';
import { toConfig } from './convert';
import { locate } from './locate';
import { createValidator, crossFieldProblems, dropEmptySections, prune, schemaProblems } from './validate';

/** File names looked up at the workspace root, in order. */
export const CONFIG_FILE_NAMES = ['tierwise.yml', 'tierwise.yaml'] as const;

/** A parsed configuration with every problem found in it. */
export interface LoadedConfig {
  config: TierwiseConfig;
  problems: ConfigProblem[];
}

function syntaxFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY': return 'remove or rename one of the two keys: each key may appear once per section';
    case 'BAD_INDENT':
    case 'MISSING_CHAR': return 'check the indentation (spaces, not tabs) and that every [ or { is closed';
    case 'TAB_AS_INDENT': return 'indent with spaces; YAML does not allow tabs for indentation';
    default: return 'fix the YAML syntax at this position (quote values that contain `: ` or `#`)';
  }
}

/**
 * Parses and validates the text of a `tierwise.yml`. `file` is the path used in problems and in
 * `config.file`. Pure: no I/O.
 */
export function parseConfig(text: string, file: string): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error): ConfigProblem => {
      const pos = lines.linePos(error.pos[0]);
      return { file, line: pos.line, column: pos.col, field: '(syntax)', message: `YAML syntax error: ${error.message.split('\n')[0]}`, fix: syntaxFix(error.code) };
    });
    return { config: { ...defaultConfig(), file }, problems };
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const problem: ConfigProblem = { file, line: 1, column: 1, field: '(top level)', message: 'tierwise.yml must be a mapping of sections (tiers, tasks, traffic, routing, pricing, ...)', fix: 'start the file with a section name, e.g. `routing:` on its own line' };
    return { config: { ...defaultConfig(), file }, problems: [problem] };
  }
  const record = data as Record<string, unknown>;
  dropEmptySections(record);
  const raw = schemaProblems(createValidator(), record);
  prune(record, raw);
  const cross = crossFieldProblems(record);
  prune(record, cross);
  raw.push(...cross);
  const problems = raw.map((problem): ConfigProblem => {
    const where = locate(doc, lines, problem.path, problem.atKey);
    return { file, line: where.line, column: where.column, field: problem.field, message: problem.message, fix: problem.fix };
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { config: toConfig(record, file), problems };
}

/**
 * Loads `tierwise.yml` (or `.yaml`) from the workspace root. A missing file gives the defaults with
 * `file: null` and no problems; an unreadable one gives the defaults and one problem.
 */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(root, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      const problem: ConfigProblem = { file: path, line: 1, column: 1, field: '(file)', message: `cannot read ${name}: ${(error as Error).message}`, fix: `check the file's permissions, or remove ${name} to use the defaults` };
      return { config: { ...defaultConfig(), file: path }, problems: [problem] };
    }
    return parseConfig(text, path);
  }
  return { config: defaultConfig(), problems: [] };
}

/** `file:line:column: message (field). Fix: fix` — the line a terminal prints for a problem. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} (field \`${problem.field}\`). Fix: ${problem.fix}`;
}
