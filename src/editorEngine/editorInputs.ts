/**
 * The inputs every re-analysis needs besides the code: `tierwise.yml` (with the editor settings
 * applied) and the profiling evidence. An edit re-analyses a file every few hundred milliseconds
 * while these rarely change, so they are re-read only when their files' stamps (size, mtime)
 * change: a `tierwise.yml` save, a finished profiling run, a git checkout. An unsaved
 * `tierwise.yml` buffer stands in for the file (its text is the stamp).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/api';
import type { TierEvidence } from '../engine/api';
import { resultsStamp } from '../profiling/api';
import { effectiveBuffer, loadEditorConfig } from './engineConfig';
import type { EditorConfig } from './engineConfig';
import type { ConfigBuffer, EditorOverrides } from './engineTypes';

/** Configuration and evidence of one workspace root. */
export interface EditorInputs {
  loaded: EditorConfig;
  evidence: TierEvidence[];
}

interface Entry {
  key: string;
  configStamp: string;
  resultsStamp: string;
  inputs: EditorInputs;
}

function configStamp(root: string, buffers: readonly ConfigBuffer[]): string {
  const buffer = effectiveBuffer(root, buffers);
  if (buffer) return `buffer:${buffer.file}\n${buffer.text}`;
  return CONFIG_FILE_NAMES.map((name) => {
    try {
      const stat = statSync(join(root, name));
      return `${name}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return `${name}:-`;
    }
  }).join('|');
}

/** Per-root memo of the editor's inputs, validated by file stamps on every use. */
export class EditorInputsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly readEvidence: (root: string, loaded: EditorConfig) => Promise<TierEvidence[]>) {}

  /**
   * The inputs of `root`; `fresh` forces a re-read (a full workspace scan). `buffers`: unsaved
   * configuration buffers of the root, used instead of the files on disk.
   */
  async get(root: string, overrides: EditorOverrides, fresh = false, buffers: readonly ConfigBuffer[] = []): Promise<EditorInputs> {
    const key = JSON.stringify(overrides);
    const previous = this.entries.get(root);
    const cfgStamp = configStamp(root, buffers);
    const loaded =
      !fresh && previous && previous.key === key && previous.configStamp === cfgStamp ? previous.inputs.loaded : await loadEditorConfig(root, overrides, buffers);
    const resStamp = resultsStamp(root, loaded.config);
    const evidence =
      previous && previous.inputs.loaded === loaded && previous.resultsStamp === resStamp ? previous.inputs.evidence : await this.readEvidence(root, loaded);
    const inputs = { loaded, evidence };
    this.entries.set(root, { key, configStamp: cfgStamp, resultsStamp: resStamp, inputs });
    return inputs;
  }

  /** Forgets a root (its workspace folder was removed). */
  forget(root: string): void {
    this.entries.delete(root);
  }
}
