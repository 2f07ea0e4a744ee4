import type { TaskType } from '../../engine/model';
import type { FolderRef } from './folders';
import { usdCompact } from '../../format';
import { lensTitle } from './lens';
import { monthlyCost } from './siteView';
import type { SiteView } from './siteView';

/** How the call-site tree groups its items. */
export type Grouping = 'task' | 'file';

/** A group node of the call-site tree: a task type or a file, with its sites sorted by monthly cost. */
export interface TreeGroup {
  key: string;
  label: string;
  /** `$1,240/mo · 3 call sites` */
  description: string;
  monthly: number;
  sites: SiteView[];
}

/**
 * Groups call sites by task type or by file; groups and the sites inside them are sorted by
 * expected monthly cost (highest first), then by id for a stable order. Wrappers whose cost is
 * carried by their invocations are left out (their invocations are listed), and so are free
 * token-count calls.
 */
export function groupSites(views: SiteView[], grouping: Grouping): TreeGroup[] {
  const groups = new Map<string, SiteView[]>();
  for (const view of views) {
    if (view.site.site.role === 'wrapper' && (view.site.site.invocationIds?.length ?? 0) > 0) continue;
    if (view.site.site.operation === 'count-tokens') continue;
    const key = grouping === 'task' ? view.site.task.task : view.site.site.span.file;
    groups.set(key, [...(groups.get(key) ?? []), view]);
  }
  const out: TreeGroup[] = [...groups.entries()].map(([key, sites]) => {
    const sorted = [...sites].sort((a, b) => monthlyCost(b) - monthlyCost(a) || a.site.site.id.localeCompare(b.site.site.id));
    const monthly = sorted.reduce((sum, s) => sum + monthlyCost(s), 0);
    return {
      key,
      label: grouping === 'task' ? (key as TaskType) : key,
      description: `${usdCompact(monthly)}/mo · ${sites.length} call site${sites.length === 1 ? '' : 's'}`,
      monthly,
      sites: sorted,
    };
  });
  return out.sort((a, b) => b.monthly - a.monthly || a.key.localeCompare(b.key));
}

/** Label and description of one call-site item in the tree. */
export function siteItemLabel(view: SiteView, grouping: Grouping): { label: string; description: string } {
  const { site } = view.site;
  const where = grouping === 'task' ? `${site.span.file}:${site.span.start.line + 1}` : `line ${site.span.start.line + 1}`;
  return { label: `${site.enclosing} (${where})`, description: lensTitle(view) };
}

/** A folder node of the call-site tree (multi-root workspaces): its groups and its total. */
export interface FolderGroup {
  /** The folder's root (absolute path). */
  key: string;
  label: string;
  /** `$1,240/mo · 12 call sites` */
  description: string;
  monthly: number;
  groups: TreeGroup[];
}

/**
 * The top level of the tree in a multi-root workspace: one node per folder that has call sites to
 * list, in workspace folder order (as in the Explorer), each grouped like a single-folder tree.
 */
export function groupFolders(folders: ReadonlyArray<FolderRef & { views: SiteView[] }>, grouping: Grouping): FolderGroup[] {
  const out: FolderGroup[] = [];
  for (const folder of folders) {
    const groups = groupSites(folder.views, grouping);
    if (groups.length === 0) continue;
    const monthly = groups.reduce((sum, g) => sum + g.monthly, 0);
    const sites = groups.reduce((sum, g) => sum + g.sites.length, 0);
    out.push({ key: folder.root, label: folder.name, description: `${usdCompact(monthly)}/mo · ${sites} call site${sites === 1 ? '' : 's'}`, monthly, groups });
  }
  return out;
}
