import { clearApiKey, setApiKey } from './apiKeys';
import { compareWithBranch } from './compareWithBranch';
import { groupByFile, groupByTask } from './grouping';
import { addCallSiteToConfig, openConfiguration } from './openConfiguration';
import { runProfiling } from './runProfiling';
import { scanWorkspace } from './scanWorkspace';
import { showProjection } from './showProjection';
import type { CommandFactory } from './types';

/** Every command id with its factory (ids match package.json `contributes.commands`). */
export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'tierwise.scanWorkspace': scanWorkspace,
  'tierwise.showProjection': showProjection,
  'tierwise.runProfiling': runProfiling,
  'tierwise.compareWithBranch': compareWithBranch,
  'tierwise.openConfiguration': openConfiguration,
  'tierwise.setApiKey': setApiKey,
  'tierwise.clearApiKey': clearApiKey,
  'tierwise.groupByTask': groupByTask,
  'tierwise.groupByFile': groupByFile,
  'tierwise.addCallSiteToConfig': addCallSiteToConfig,
};
