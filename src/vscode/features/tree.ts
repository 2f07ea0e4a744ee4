import * as vscode from 'vscode';
import type { TierwiseContext } from '../context';
import { absoluteFromRoot, spanToRange } from '../convert';
import { groupSites, siteItemLabel } from '../present/tree';
import type { Grouping, TreeGroup } from '../present/tree';
import type { SiteView } from '../present/siteView';

type Node = { kind: 'group'; group: TreeGroup } | { kind: 'site'; view: SiteView };

/** The call-site tree: grouped by task type (or by file), sorted by monthly cost. */
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
    if (!node) return groupSites(this.ctx.store.allViews, this.grouping).map((group) => ({ kind: 'group', group }));
    return node.kind === 'group' ? node.group.sites.map((view) => ({ kind: 'site', view })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
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
    const root = this.ctx.root;
    if (root) {
      const span = node.view.site.site.span;
      item.command = {
        command: 'vscode.open',
        title: 'Open call site',
        arguments: [vscode.Uri.file(absoluteFromRoot(root, span.file)), { selection: spanToRange(span, (a, b, c, d) => new vscode.Range(a, b, c, d)) }],
      };
    }
    return item;
  }
}
