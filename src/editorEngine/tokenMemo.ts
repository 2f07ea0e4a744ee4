/**
 * The editor's token-count memo (the engine's `TokenCountMemo`), kept in the extension's global
 * storage between sessions. With it, the first file of a session whose prompts have not changed is
 * sized without loading the BPE rank table (~100-150 ms of the first lens); the background scan
 * loads it later if anything is new.
 *
 * Stores only a hash of each text with its count, never the text (prompts are derived from the
 * user's code). Bounded: the least recently used entries beyond `maxEntries` are dropped on save.
 * No `vscode` import: unit-tested in plain Node.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EncodingName, TokenCountMemo } from '../engine/api';

/** Format marker of the memo file; a file with another version is ignored (and replaced on save). */
const FORMAT = 1;

interface MemoFile {
  format: number;
  /** `sha256(encoding \0 text)` (base64url, truncated) -> token count, least recently used first. */
  counts: Record<string, number>;
}

/** A memo backed by `file`: `save()` writes it when something new was counted. */
export interface PersistentTokenMemo extends TokenCountMemo {
  /** Entries in memory. */
  readonly size: number;
  /** Writes the memo if it changed since it was loaded or last saved; returns whether it wrote. */
  save(): boolean;
}

/** Loads the memo from `file` (a missing, unreadable or foreign file starts empty). */
export function openTokenMemo(file: string, maxEntries = 20_000): PersistentTokenMemo {
  const counts = new Map<string, number>(Object.entries(readMemoFile(file)));
  let dirty = false;
  const key = (encoding: EncodingName, text: string): string => createHash('sha256').update(encoding).update('\0').update(text).digest('base64url').slice(0, 22);
  return {
    get size() {
      return counts.size;
    },
    get(encoding, text) {
      const k = key(encoding, text);
      const tokens = counts.get(k);
      if (tokens !== undefined) {
        // Most recently used last, so trimming drops the stalest entries.
        counts.delete(k);
        counts.set(k, tokens);
      }
      return tokens;
    },
    set(encoding, text, tokens) {
      counts.set(key(encoding, text), tokens);
      dirty = true;
    },
    save() {
      if (!dirty) return false;
      const entries = [...counts].slice(-maxEntries);
      const data: MemoFile = { format: FORMAT, counts: Object.fromEntries(entries) };
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(data));
      renameSync(temp, file);
      dirty = false;
      return true;
    },
  };
}

function readMemoFile(file: string): Record<string, number> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoFile>;
    if (data.format !== FORMAT || !data.counts || typeof data.counts !== 'object') return {};
    return Object.fromEntries(Object.entries(data.counts).filter(([, n]) => Number.isInteger(n) && n >= 0));
  } catch {
    return {};
  }
}
