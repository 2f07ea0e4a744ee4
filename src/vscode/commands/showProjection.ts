import type { ViewId } from '../../protocol/messages';
import type { CommandFactory } from './types';

/** `Tierwise: Show Cost Projection` (also CodeLens clicks with `{ focusCallSiteId }`). */
export const showProjection: CommandFactory = ({ ctx, panel }) => async (arg?: unknown) => {
  const options = (typeof arg === 'object' && arg !== null ? arg : {}) as { focusCallSiteId?: string; view?: ViewId };
  try {
    await panel.show({ focusCallSiteId: options.focusCallSiteId, view: options.view });
  } catch (error) {
    ctx.reportError('Show Cost Projection', error);
  }
};
