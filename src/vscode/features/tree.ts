import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { absoluteFromRoot, spanToRange } from '../convert';
import { groupFolders, groupSites, siteItemLabel } from '../present/tree';
import type { FolderGroup, Grouping, TreeGroup } from '../present/tree';
import type { SiteView } from '../present/siteView';

type Node =
  | { kind: 'folder'; folder: FolderGroup }
  | { kind: 'group'; root: string; group: TreeGroup }
  | { kind: 'site'; root: string; view: SiteView };

/**
 * The call-site tree: grouped by task type (or by file), sorted by monthly cost. In a multi-root
 * workspace the top level is the workspace folders (in workspace order), each grouped the same way.
 */
export class CallSiteTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private grouping: Grouping = 'task';

  constructor(private readonly ctx: TierwiseContext) {
    ctx.track(this.changed);
    ctx.track(ctx.store.onDidChange(() => this.changed.fire()));
    ctx.track(vscode.window.createTreeView('tierwise.callSites', { treeDataProvider: this, showCollapseAll: true }));
    void vscode.commands.executeCommand('setContext', 'tierwise.grouping', this.grouping);
  }

  /** Switches grouping (view title buttons). */
  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'tierwise.grouping', grouping);
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const folders = this.ctx.folders;
      if (folders.length > 1) {
        const withViews = folders.map((f) => ({ ...f, views: this.ctx.store.viewsOfRoot(f.root) }));
        return groupFolders(withViews, this.grouping).map((folder) => ({ kind: 'folder', folder }));
      }
      const root = folders[0]?.root;
      return root ? groupSites(this.ctx.store.viewsOfRoot(root), this.grouping).map((group) => ({ kind: 'group', root, group })) : [];
    }
    if (node.kind === 'folder') return node.folder.groups.map((group) => ({ kind: 'group', root: node.folder.key, group }));
    return node.kind === 'group' ? node.group.sites.map((view) => ({ kind: 'site', root: node.root, view })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.folder.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.folder.description;
      item.tooltip = node.folder.key;
      item.iconPath = new vscode.ThemeIcon('root-folder');
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.group.description;
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'task' ? 'symbol-class' : 'file');
      return item;
    }
    const { label, description } = siteItemLabel(node.view, this.grouping);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = description;
    item.tooltip = `${node.view.site.site.id}\n${description}`;
    const span = node.view.site.site.span;
    item.command = {
      command: 'vscode.open',
      title: 'Open call site',
      arguments: [vscode.Uri.file(absoluteFromRoot(node.root, span.file)), { selection: spanToRange(span, (a, b, c, d) => new vscode.Range(a, b, c, d)) }],
    };
    return item;
  }
}
