/**
 * Pairs call sites of two revisions by stable identity. Order of attempts:
 * 1. the same id (a function moved within its file keeps `path#decl#ordinal`);
 * 2. the base id with file paths rewritten through the revision's renames (`git diff -M`);
 * 3. the same `#decl#ordinal` (with every path dropped) when exactly one base and one head site
 *    share it and the declaration is a named one (never `<module>`), for renames git did not see.
 */
import type { MatchMethod, SnapshotCallSite } from './model';

/** A matched pair, or a one-sided site (added: base undefined; removed: head undefined). */
export interface SitePair {
  base?: SnapshotCallSite;
  head?: SnapshotCallSite;
  matchedBy?: MatchMethod;
}

/** Rewrites every file path inside an id (`a.ts#f#0@b.ts#w#0`) through `renames` (base -> head). */
export function renameId(id: string, renames: ReadonlyMap<string, string>): string {
  return id
    .split('@')
    .map((part) => {
      const hash = part.indexOf('#');
      if (hash < 0) return part;
      const path = part.slice(0, hash);
      return (renames.get(path) ?? path) + part.slice(hash);
    })
    .join('@');
}

/** The id without its file paths: `#decl#ordinal@#wrapperDecl#ordinal`; undefined for `<module>` sites. */
function declarationKey(id: string): string | undefined {
  const parts = id.split('@').map((part) => {
    const hash = part.indexOf('#');
    return hash < 0 ? part : part.slice(hash);
  });
  if (parts.some((part) => part.startsWith('#<module>'))) return undefined;
  return parts.join('@');
}

function uniqueBy(sites: SnapshotCallSite[], key: (s: SnapshotCallSite) => string | undefined): Map<string, SnapshotCallSite> {
  const seen = new Map<string, SnapshotCallSite | null>();
  for (const site of sites) {
    const k = key(site);
    if (k === undefined) continue;
    seen.set(k, seen.has(k) ? null : site);
  }
  const unique = new Map<string, SnapshotCallSite>();
  for (const [k, site] of seen) if (site) unique.set(k, site);
  return unique;
}

/** Pairs base and head sites; every input site appears in exactly one pair. */
export function matchCallSites(
  base: SnapshotCallSite[],
  head: SnapshotCallSite[],
  renames: ReadonlyMap<string, string> = new Map(),
): SitePair[] {
  const pairs: SitePair[] = [];
  const headLeft = new Map(head.map((site) => [site.id, site]));
  let baseLeft: SnapshotCallSite[] = [];

  for (const site of base) {
    const same = headLeft.get(site.id);
    if (same) {
      pairs.push({ base: site, head: same, matchedBy: 'id' });
      headLeft.delete(site.id);
    } else baseLeft.push(site);
  }

  if (renames.size > 0) {
    const rest: SnapshotCallSite[] = [];
    for (const site of baseLeft) {
      const renamed = headLeft.get(renameId(site.id, renames));
      if (renamed) {
        pairs.push({ base: site, head: renamed, matchedBy: 'rename' });
        headLeft.delete(renamed.id);
      } else rest.push(site);
    }
    baseLeft = rest;
  }

  const baseByDecl = uniqueBy(baseLeft, (s) => declarationKey(s.id));
  const headByDecl = uniqueBy([...headLeft.values()], (s) => declarationKey(s.id));
  for (const [key, site] of baseByDecl) {
    const counterpart = headByDecl.get(key);
    if (!counterpart) continue;
    pairs.push({ base: site, head: counterpart, matchedBy: 'declaration' });
    headLeft.delete(counterpart.id);
    baseLeft = baseLeft.filter((s) => s !== site);
  }

  for (const site of baseLeft) pairs.push({ base: site });
  for (const site of headLeft.values()) pairs.push({ head: site });
  return pairs;
}
