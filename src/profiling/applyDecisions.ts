/**
 * `tierwise profile --apply`: writes each task's decided tier into tierwise.yml
 * (`tasks.<task>.defaultTier`), keeping comments and formatting, and returns the unified diff.
 */
import { updateConfigFile } from '../engine/api';
import type { TaskDecision } from './types';
import { unifiedDiff } from './unifiedDiff';

/** The new config text and its diff (empty when nothing changes). */
export interface AppliedDecisions {
  text: string;
  diff: string;
}

/** Applies decisions to the text of tierwise.yml; `file` names it in the diff and in errors. */
export function applyDecisions(configText: string, decisions: readonly TaskDecision[], file = 'tierwise.yml'): AppliedDecisions {
  // An `insufficient` decision is no evidence: it never changes the configuration.
  const edits = decisions.filter((d) => d.mode !== 'insufficient').map((d) => ({
    path: ['tasks', d.task, 'defaultTier'],
    value: d.tier,
    comment: `tierwise profile: ${d.model} ${d.mode} (${(d.passRate * 100).toFixed(1)}% pass)`,
  }));
  const text = updateConfigFile(configText, edits, file);
  return { text, diff: unifiedDiff(configText, text, file) };
}
