/**
 * Validates the plain object parsed from `tierwise.yml` against the schema (ajv) and the rules a
 * schema cannot express (threshold order, tier levels), producing problems with a field path and a
 * fix. Locations are added by the caller (it owns the YAML document).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { TIERWISE_SCHEMA, dereference, type SchemaNode } from './schema';
import { validate as generatedValidator } from './validateSchema.generated';
import { didYouMean, example, expectation, fieldName, showValue } from './fixes';
import { globToRegExp } from './traffic';

/** A problem before it is located in the file: the path, whether to point at the key, the words. */
export interface RawProblem {
  path: string[];
  atKey: boolean;
  field: string;
  message: string;
  fix: string;
}

/**
 * The schema's validator: ajv's standalone code, generated from ./schema.ts with its VALIDATOR_OPTIONS by
 * scripts/writeSchema.ts (a unit test fails when it is stale). Compiling at run time instead cost
 * ~100-130 ms on each CLI start and on the editor's first file.
 */
export function createValidator(): ValidateFunction {
  return generatedValidator as ValidateFunction;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const segment of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

function describe(error: ErrorObject, root: unknown): RawProblem {
  const path = pointerSegments(error.instancePath);
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys(schema.properties ?? {});
    const guess = didYouMean(key, allowed);
    const where = path.length ? ` in ${fieldName(path)}` : '';
    const fix = guess
      ? `did you mean \`${guess}\`? Rename the key to \`${guess}\``
      : `remove it; the keys allowed${where} are: ${allowed.join(', ')}`;
    return { path: [...path, key], atKey: true, field: fieldName([...path, key]), message: `unknown key \`${key}\`${where}`, fix };
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const sub = dereference(schema.properties?.[missing] ?? {});
    const field = fieldName([...path, missing]);
    return { path, atKey: false, field, message: `${field} is missing`, fix: `add \`${missing}:\` (${expectation(sub)}${example(sub)})` };
  }
  const field = fieldName(path);
  const value = showValue(valueAt(root, path));
  return { path, atKey: false, field, message: `${field} is ${value}, which is not valid`, fix: `${field} must be ${expectation(schema)}${example(schema)}` };
}

/**
 * Keeps one error per location: an `anyOf` failure hides the failures of its branches, and only the
 * first error of a path is kept (the others repeat it).
 */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = new Map<string, ErrorObject>();
  for (const error of errors) {
    const hidden = error.keyword !== 'anyOf' && anyOfPaths.some((p) => error.instancePath === p || error.instancePath.startsWith(`${p}/`));
    if (hidden) continue;
    const key = error.keyword === 'additionalProperties'
      ? `${error.instancePath}#${(error.params as { additionalProperty: string }).additionalProperty}`
      : error.instancePath;
    if (!kept.has(key)) kept.set(key, error);
  }
  return [...kept.values()];
}

/**
 * A mapping section left empty (`callSites:` with only comments under it) parses as null: treat it
 * as "not set" rather than an error. Only keys whose schema is a mapping are dropped.
 */
export function dropEmptySections(data: Record<string, unknown>, schema: SchemaNode = TIERWISE_SCHEMA): void {
  for (const [key, node] of Object.entries(schema.properties ?? {})) {
    const sub = dereference(node);
    const value = data[key];
    if (value === null && sub.type === 'object') delete data[key];
    else if (value && typeof value === 'object' && !Array.isArray(value)) dropEmptySections(value as Record<string, unknown>, sub);
  }
}

/** Schema problems of the parsed object. */
export function schemaProblems(validate: ValidateFunction, data: unknown): RawProblem[] {
  if (validate(data)) return [];
  return collapse(validate.errors ?? []).map((error) => describe(error, data));
}

function num(root: unknown, path: string[]): number | undefined {
  const value = valueAt(root, path);
  return typeof value === 'number' ? value : undefined;
}

/** Rules across fields: threshold order, tier levels used by tasks, duplicate models and levels, globs. */
export function crossFieldProblems(data: Record<string, unknown>): RawProblem[] {
  const problems: RawProblem[] = [];
  const tier1 = num(data, ['routing', 'tier1PassRate']) ?? 0.95;
  const monitor = num(data, ['routing', 'monitorPassRate']);
  if (monitor !== undefined && monitor > tier1) {
    problems.push({ path: ['routing', 'monitorPassRate'], atKey: false, field: 'routing.monitorPassRate', message: `routing.monitorPassRate (${monitor}) is above routing.tier1PassRate (${tier1})`, fix: `set routing.monitorPassRate at or below ${tier1}, e.g. 0.85` });
  }
  const levels = tierLevels(data, problems);
  const tasks = valueAt(data, ['tasks']);
  for (const [task, policy] of Object.entries(tasks && typeof tasks === 'object' ? tasks : {})) {
    const tier = num(policy, ['defaultTier']);
    if (tier !== undefined && !levels.includes(tier)) {
      const field = `tasks.${task}.defaultTier`;
      problems.push({ path: ['tasks', task, 'defaultTier'], atKey: false, field, message: `${field} is ${tier}, but no tier has level ${tier}`, fix: `use one of the tier levels ${levels.join(', ')}, or add a tier with level ${tier}` });
    }
  }
  const paths = valueAt(data, ['traffic', 'paths']);
  for (const glob of Object.keys(paths && typeof paths === 'object' ? paths : {})) {
    try {
      globToRegExp(glob);
    } catch {
      problems.push({ path: ['traffic', 'paths', glob], atKey: true, field: fieldName(['traffic', 'paths', glob]), message: `the path glob ${JSON.stringify(glob)} is malformed`, fix: 'use *, ** and {a,b} with balanced braces, e.g. src/reports/**' });
    }
  }
  return problems;
}

/** The tier levels in use (position + 1 unless `level` is given); reports duplicate levels and models. */
function tierLevels(data: Record<string, unknown>, problems: RawProblem[]): number[] {
  const tiers = valueAt(data, ['tiers']);
  if (!Array.isArray(tiers)) return [1, 2, 3];
  const levels: number[] = [];
  const seen = new Map<string, string>();
  tiers.forEach((tier, index) => {
    const level = num(tier, ['level']) ?? index + 1;
    if (levels.includes(level)) {
      problems.push({ path: ['tiers', String(index), 'level'], atKey: false, field: `tiers[${index}].level`, message: `tier level ${level} is defined twice`, fix: 'give every tier a distinct level (1 = cheapest), or omit `level` to number tiers by position' });
    }
    levels.push(level);
    const models = valueAt(tier, ['models']);
    for (const [provider, ids] of Object.entries(models && typeof models === 'object' ? models : {})) {
      if (!Array.isArray(ids)) continue;
      ids.forEach((id, i) => {
        const where = `tiers[${index}].models.${provider}[${i}]`;
        const before = seen.get(String(id));
        if (before) problems.push({ path: ['tiers', String(index), 'models', provider, String(i)], atKey: false, field: where, message: `model ${id} is in two tiers (${before} and ${where})`, fix: `keep ${id} in one tier only: a model belongs to exactly one tier` });
        else seen.set(String(id), where);
      });
    }
  });
  return levels;
}

/** Removes the value each problem points at (unknown keys, bad values), so the rest of the file still applies. */
export function prune(data: Record<string, unknown>, problems: readonly RawProblem[]): void {
  for (const problem of problems) {
    const parent = valueAt(data, problem.path.slice(0, -1));
    const last = problem.path[problem.path.length - 1];
    if (last === undefined || !parent || typeof parent !== 'object') continue;
    if (Array.isArray(parent)) parent[Number(last)] = undefined;
    else delete (parent as Record<string, unknown>)[last];
  }
}
