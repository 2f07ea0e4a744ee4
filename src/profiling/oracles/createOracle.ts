/**
 * Parses an oracle spec from tierwise.yml `tasks.<task>.oracle` and builds the Oracle:
 *   exact | label-in-set:a,b,c | regex:PATTERN | contains[:TEXT] | fields[:THRESHOLD] |
 *   numeric:TOL[%] | json-schema:PATH | llm-rubric:RUBRIC | ./path/to/oracle.mjs|js|ts
 * Several parts joined with ` + ` must all pass (score = mean). The oracle's version is a hash of
 * the spec plus the source of any module or schema it reads, stored with every result.
 *
 * Module and schema paths must stay inside the project (the config's folder), links included, and
 * only regular files are read. A module oracle is code: building the Oracle only reads its source;
 * it is imported by `prepare()`, which the runner calls before the first request is sent (so a dry
 * run or a plan never executes it).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { TierwiseError } from '../../engine/errors';
import { CONFIG_FILE_MAX_BYTES, isInside, readBounded } from '../../engine/files/boundedRead';
import type { TaskType } from '../../engine/model';
import type { Oracle, OracleVerdict, Sample } from '../types';
import { gradeContains } from './contains';
import { gradeExactLabel } from './exactLabel';
import { gradeFieldAccuracy } from './fieldAccuracy';
import { compileJsonSchemaOracle } from './jsonSchema';
import { gradeLabelInSet } from './labelInSet';
import type { Grader } from './llmRubric';
import { gradeWithRubric } from './llmRubric';
import { gradeNumeric } from './numericTolerance';
import { gradeRegex } from './regexMatch';
import { gradeWithUserOracle, loadUserOracle } from './userModule';
import type { UserOracleFn } from './userModule';
import { MODULE_EXTENSIONS, parseOracleSpec } from './oracleSpec';
import type { OracleSpecPart } from './oracleSpec';

/** Where an oracle spec lives and how to reach the grader model. */
export interface OracleContext {
  root: string;
  task: TaskType;
  /** Config file (for error messages), workspace-relative or absolute. */
  configFile?: string;
  /** Resolves the LLM-rubric grader (needs a key); called on first use only. */
  grader?: () => Grader;
}

type Grade = (output: string, sample: Sample, signal?: AbortSignal) => Promise<OracleVerdict>;

interface Part {
  grade: Grade;
  source: string;
  usesModel: boolean;
  /** Loads what the part runs (a module oracle's import); absent when there is nothing to load. */
  prepare?: () => Promise<void>;
}


/** Default user module location when the config names none: `tierwise/oracles/<task>.mjs|js|ts`. */
export function findUserOracle(root: string, task: TaskType): string | undefined {
  for (const ext of MODULE_EXTENSIONS) {
    const file = join(root, 'tierwise', 'oracles', `${task}${ext}`);
    if (existsSync(file)) return `./${relative(root, file).split('\\').join('/')}`;
  }
  return undefined;
}

/** Builds the oracle for a spec; every problem is a TierwiseError naming `tasks.<task>.oracle`. */
export async function createOracle(spec: string, ctx: OracleContext): Promise<Oracle> {
  const parts: Part[] = [];
  for (const piece of parseOracleSpec(spec)) parts.push(await parsePart(piece, ctx));
  if (parts.length === 0) throw specError(ctx, `empty oracle spec`);
  const version = createHash('sha256').update(spec).update(parts.map((p) => p.source).join('\0')).digest('hex').slice(0, 12);
  return {
    spec,
    version,
    usesModel: parts.some((p) => p.usesModel),
    async prepare() {
      for (const part of parts) await part.prepare?.();
    },
    async grade(output, sample, signal) {
      const verdicts: OracleVerdict[] = [];
      for (const part of parts) verdicts.push(await part.grade(output, sample, signal));
      const graderCostUsd = verdicts.reduce((sum, v) => sum + (v.graderCostUsd ?? 0), 0);
      return {
        pass: verdicts.every((v) => v.pass),
        score: verdicts.reduce((sum, v) => sum + v.score, 0) / verdicts.length,
        reason: verdicts.map((v) => v.reason).join('; '),
        ...(graderCostUsd > 0 ? { graderCostUsd } : {}),
      };
    },
  };
}

function specError(ctx: OracleContext, message: string, fix = 'use one of: exact, label-in-set:a,b,c, regex:PATTERN, contains[:TEXT], fields[:0.8], numeric:0.01, json-schema:./schema.json, llm-rubric:RUBRIC, ./tierwise/oracles/<task>.mjs'): TierwiseError {
  return new TierwiseError('oracle-spec', message, fix, { file: ctx.configFile, field: `tasks.${ctx.task}.oracle` });
}

const sync = (fn: (output: string, sample: Sample) => OracleVerdict): Grade => async (output, sample) => fn(output, sample);

async function parsePart(piece: OracleSpecPart, ctx: OracleContext): Promise<Part> {
  if (piece.kind === 'module') return moduleOracle(piece.file, ctx);
  const { name, arg } = piece;
  switch (name) {
    case 'exact':
      return { grade: sync(gradeExactLabel), source: '', usesModel: false };
    case 'label-in-set': {
      const labels = (arg ?? '').split(',').map((l) => l.trim()).filter(Boolean);
      if (labels.length === 0) throw specError(ctx, '`label-in-set` needs labels', 'write label-in-set:billing,bug,feature');
      return { grade: sync((o, s) => gradeLabelInSet(labels, o, s)), source: '', usesModel: false };
    }
    case 'regex': {
      const pattern = compileRegex(arg, ctx);
      return { grade: sync((o) => gradeRegex(pattern, o)), source: '', usesModel: false };
    }
    case 'contains':
      return { grade: sync((o, s) => gradeContains(arg || undefined, o, s)), source: '', usesModel: false };
    case 'fields': {
      const threshold = arg ? Number(arg) : 1;
      if (!(threshold > 0 && threshold <= 1)) throw specError(ctx, `\`fields:${arg}\` needs a threshold in (0, 1]`, 'write fields:0.8');
      return { grade: sync((o, s) => gradeFieldAccuracy(threshold, o, s)), source: '', usesModel: false };
    }
    case 'numeric':
      return numericPart(arg, ctx);
    case 'json-schema':
      return schemaPart(arg, ctx);
    case 'llm-rubric':
      return rubricPart(arg, ctx);
    default:
      throw specError(ctx, `unknown oracle \`${name}\``);
  }
}

function compileRegex(arg: string | undefined, ctx: OracleContext): RegExp {
  if (!arg) throw specError(ctx, '`regex` needs a pattern', 'write regex:^(yes|no)$');
  try {
    return new RegExp(arg, 'i');
  } catch (error) {
    throw specError(ctx, `invalid regex: ${(error as Error).message}`, 'fix the pattern after `regex:`');
  }
}

function numericPart(arg: string | undefined, ctx: OracleContext): Part {
  const relative = Boolean(arg?.endsWith('%'));
  const value = Number(relative ? arg?.slice(0, -1) : arg ?? '0') / (relative ? 100 : 1);
  if (!Number.isFinite(value) || value < 0) throw specError(ctx, `invalid numeric tolerance \`${arg}\``, 'write numeric:0.01 (absolute) or numeric:5% (relative)');
  return { grade: sync((o, s) => gradeNumeric({ value, relative }, o, s)), source: '', usesModel: false };
}

/**
 * Reads a module or schema the spec names: inside the project only (the path and, through links,
 * the file it points at), a regular file, at most 1 MiB. Errors name the path, never its contents.
 */
function readSpecFile(arg: string | undefined, ctx: OracleContext, what: string): { path: string; text: string } {
  if (!arg) throw specError(ctx, `\`${what}\` needs a file path`, `write ${what}:./tierwise/schemas/${ctx.task}.json`);
  const path = isAbsolute(arg) ? arg : resolve(ctx.root, arg);
  const inside = `keep ${what} files inside the project, e.g. ./tierwise/oracles/${ctx.task}.mjs (paths are relative to tierwise.yml)`;
  if (!isInside(resolve(ctx.root), path)) throw specError(ctx, `${what} file ${arg} is outside the project; it is not read or run`, inside);
  if (!existsSync(path)) throw specError(ctx, `${what} file ${arg} does not exist`, `create ${arg} or fix the path (relative to the workspace root)`);
  const read = readBounded(path, { maxBytes: CONFIG_FILE_MAX_BYTES, within: ctx.root });
  if (!read.ok) throw specError(ctx, `${what} file ${arg} ${read.detail}; it is not read or run`, read.reason === 'outside-root' ? inside : `point tasks.${ctx.task}.oracle at a regular file of at most 1 MiB`);
  return { path, text: read.text };
}

function schemaPart(arg: string | undefined, ctx: OracleContext): Part {
  const { text } = readSpecFile(arg, ctx, 'json-schema');
  let schema: object;
  try {
    schema = JSON.parse(text) as object;
  } catch (error) {
    // JSON.parse quotes the text around the error: say where, not what.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw specError(ctx, `json-schema file ${arg} is not valid JSON${at ? ` (at character ${at})` : ''}`, 'fix the schema file so it parses as JSON');
  }
  let grade: (output: string) => OracleVerdict;
  try {
    grade = compileJsonSchemaOracle(schema);
  } catch (error) {
    throw specError(ctx, `invalid JSON schema ${arg}: ${(error as Error).message}`, 'fix the schema file');
  }
  return { grade: async (o) => grade(o), source: text, usesModel: false };
}

async function moduleOracle(piece: string, ctx: OracleContext): Promise<Part> {
  const { path, text } = readSpecFile(piece, ctx, 'oracle module');
  let loaded: Promise<UserOracleFn> | undefined;
  const load = () => (loaded ??= loadUserOracle(path, ctx.root, piece));
  return {
    prepare: async () => void (await load()),
    grade: async (o, s) => gradeWithUserOracle(await load(), o, s, piece),
    source: text,
    usesModel: false,
  };
}

function rubricPart(arg: string | undefined, ctx: OracleContext): Part {
  if (!arg) throw specError(ctx, '`llm-rubric` needs a rubric', 'write llm-rubric:The summary names the customer problem and the next step');
  let grader: Grader | undefined;
  return {
    source: '',
    usesModel: true,
    grade: (o, s, signal) => {
      if (!ctx.grader) throw specError(ctx, 'the llm-rubric oracle needs a grader model', 'set profiling.graderModel in tierwise.yml');
      grader ??= ctx.grader();
      return gradeWithRubric(grader, arg, o, s, signal);
    },
  };
}
