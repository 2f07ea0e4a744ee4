import type { CommandFactory } from './types';

/** Tree title buttons: group call sites by task type. */
export const groupByTask: CommandFactory = ({ tree }) => () => tree.setGrouping('task');

/** Tree title buttons: group call sites by file. */
export const groupByFile: CommandFactory = ({ tree }) => () => tree.setGrouping('file');
