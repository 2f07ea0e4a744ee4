/** Output normalisation shared by the built-in oracles. */

/** A label as a model tends to write it: trimmed, unquoted, no trailing punctuation, lower case. */
export function normalizeLabel(text: string): string {
  return text
    .trim()
    .replace(/^[`"'*\s]+|[`"'*.!\s]+$/g, '')
    .replace(/^(label|category|answer)\s*:\s*/i, '')
    .trim()
    .toLowerCase();
}

/** Parses JSON from a model output, tolerating a ```json fence or prose around one object/array. */
export function parseJsonOutput(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const candidates = [fenced?.[1], text];
  const start = text.search(/[[{]/);
  if (start >= 0) candidates.push(text.slice(start, Math.max(text.lastIndexOf('}'), text.lastIndexOf(']')) + 1));
  let error = 'no JSON found in the output';
  for (const candidate of candidates) {
    if (!candidate || !candidate.trim()) continue;
    try {
      return { ok: true, value: JSON.parse(candidate.trim()) };
    } catch (e) {
      error = `output is not valid JSON: ${(e as Error).message}`;
    }
  }
  return { ok: false, error };
}

/** Deep equality for JSON values, with string comparison after trimming and lower-casing. */
export function looseEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => looseEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => looseEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
