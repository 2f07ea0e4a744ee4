/**
 * Turns a schema violation into words a user can act on: what the field must be (from the schema's
 * own description, bounds and examples) and, for an unknown key, the nearest allowed key.
 */
import type { SchemaNode } from './schema';

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest candidate to `word`, when it is close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best && best.distance <= limit ? best.word : undefined;
}

/** `routing.contextGuard`, `tiers[0].models`, `traffic.callSites["src/a.ts#f#0"]`. */
export function fieldName(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(top level)';
}

function rangeWords(schema: SchemaNode, kind: string): string {
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined) return `${kind} between ${min} and ${max}`;
  if (min !== undefined) return min === 0 ? `${kind} of 0 or more` : `${kind} of ${min} or more`;
  return kind;
}

/** What a value of this schema must be, in words: "a number between 0 and 1". */
export function expectation(schema: SchemaNode): string {
  if (schema.anyOf) return schema.description ?? 'one of the accepted forms';
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  switch (schema.type) {
    case 'number': return rangeWords(schema, 'a number');
    case 'integer': return rangeWords(schema, 'a whole number');
    case 'boolean': return 'true or false';
    case 'array': return `a list (${schema.description ?? 'items'})`;
    case 'object': return `a mapping (${schema.description ?? 'key: value pairs'})`;
    case 'string': return schema.pattern ? `text like ${JSON.stringify(schema.examples?.[0] ?? '')}` : 'a non-empty text value';
    default: return schema.description ?? 'a valid value';
  }
}

/** `e.g. 0.8` from the schema's first example, rendered as YAML-ish inline text. */
export function example(schema: SchemaNode): string {
  const value = schema.examples?.[0];
  if (value === undefined) return '';
  return `, e.g. ${typeof value === 'string' ? value : JSON.stringify(value).replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, '$1: ')}`;
}

/** A short rendering of the offending value. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
