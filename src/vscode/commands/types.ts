import type { AnalysisController } from '../analysisController';
import type { TierwiseContext } from '../context';
import type { CallSiteTree } from '../features/tree';
import type { ProjectionPanel } from '../panel';

/** What command handlers may use (built once by the composition root). */
export interface CommandDeps {
  ctx: TierwiseContext;
  analysis: AnalysisController;
  panel: ProjectionPanel;
  tree: CallSiteTree;
}

/** A command factory: given the deps, returns the handler registered under the command id. */
export type CommandFactory = (deps: CommandDeps) => (...args: unknown[]) => unknown;
