/**
 * Canonical JSON for reproducible snapshots: object keys sorted, `undefined` dropped, and absolute
 * paths of the analysed root stripped from every string (a revision read into a temp dir must give
 * byte-identical output to the same revision in the working tree).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deep copy with sorted keys; strings pass through `mapString`. */
export function canonicalize(value: unknown, mapString: (s: string) => string = (s) => s): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return mapString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, mapString));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function') continue;
      out[key] = canonicalize(item, mapString);
    }
    return out;
  }
  return null;
}

/** A string mapper that turns `<root>/x` into `x` and `<root>` into `.` (both separators). */
export function stripRoot(root: string): (s: string) => string {
  const variants = [...new Set([root, root.replace(/\\/g, '/')])].filter((r) => r.length > 1);
  return (s) => {
    let out = s;
    for (const r of variants) {
      if (!out.includes(r)) continue;
      out = out.split(`${r}/`).join('').split(`${r}\\`).join('').split(r).join('.');
    }
    return out;
  };
}

/** Stable serialization with sorted keys and a trailing newline. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(canonicalize(value), null, 2) + '\n';
}
