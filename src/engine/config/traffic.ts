/**
 * Traffic rates as users write them (`20000/day`, `600000/month`, `20k/day`, `{ perDay: 100 }`, a
 * bare number = per month), normalised to requests per 30-day month, plus the path-glob matcher used
 * by `traffic.paths`.
 */
import type { TrafficRate } from '../model';
import { DAYS_PER_MONTH } from './defaults';

const UNIT_PER_MONTH: Record<string, number> = {
  day: DAYS_PER_MONTH, d: DAYS_PER_MONTH,
  month: 1, mo: 1,
  week: DAYS_PER_MONTH / 7, w: DAYS_PER_MONTH / 7,
  hour: 24 * DAYS_PER_MONTH, h: 24 * DAYS_PER_MONTH,
};

/** Parses `20000/day`, `1,500/week`, `20k/day`, `2M/month`; returns requests per month, or null. */
export function parseTrafficText(text: string): number | null {
  const match = /^\s*([0-9][0-9_,]*(?:\.[0-9]+)?)\s*([kKmM]?)\s*\/\s*([a-z]+)\s*$/.exec(text);
  if (!match) return null;
  const perUnit = UNIT_PER_MONTH[match[3]];
  if (perUnit === undefined) return null;
  const multiplier = match[2] === '' ? 1 : match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  const count = Number(match[1].replace(/[_,]/g, '')) * multiplier;
  return Number.isFinite(count) ? Math.round(count * perUnit * 1e6) / 1e6 : null;
}

/** Normalises any accepted rate form to a TrafficRate tagged with `source`; null when malformed. */
export function parseTrafficRate(value: unknown, source: string): TrafficRate | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return { perMonth: value, source };
  if (typeof value === 'string') {
    const perMonth = parseTrafficText(value);
    return perMonth === null ? null : { perMonth, source: `${source} (${value.trim()})` };
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.perDay === 'number' && record.perDay >= 0) {
      return { perMonth: record.perDay * DAYS_PER_MONTH, source: `${source} (${record.perDay}/day)` };
    }
    if (typeof record.perMonth === 'number' && record.perMonth >= 0) return { perMonth: record.perMonth, source };
  }
  return null;
}

/**
 * Converts a path glob to a RegExp over workspace-relative POSIX paths: `**` any number of folders,
 * `*` any characters except `/`, `?` one character, `{a,b}` alternatives.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** True when the workspace-relative `file` matches `glob` (a leading `./` is ignored). */
export function matchesGlob(file: string, glob: string): boolean {
  return globToRegExp(glob.replace(/^\.\//, '')).test(file.replace(/^\.\//, ''));
}
