import type { ViewId } from '../../protocol/messages';
import { pickFolder } from './pickFolder';
import type { CommandFactory } from './types';

/**
 * `Tierwise: Show Cost Projection` (also CodeLens clicks with `{ focusCallSiteId, folder }`): the
 * projection of the `folder` argument, else of the active editor's folder, else of the folder the
 * user picks.
 */
export const showProjection: CommandFactory = ({ ctx, panel }) => async (arg?: unknown) => {
  const options = (typeof arg === 'object' && arg !== null ? arg : {}) as { focusCallSiteId?: string; view?: ViewId; folder?: unknown };
  try {
    const root = await pickFolder(ctx, options.folder, 'Tierwise: show the cost projection of…');
    if (!root) return undefined;
    await panel.show(root, { focusCallSiteId: options.focusCallSiteId, view: options.view });
    return root;
  } catch (error) {
    ctx.reportError('Show Cost Projection', error);
    return undefined;
  }
};
