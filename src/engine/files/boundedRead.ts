/**
 * Reading a file from a folder Tierwise does not trust (the analysed workspace, its tierwise.yml,
 * samples, schemas): only regular files are read (a named pipe, a device such as /dev/zero or a
 * socket is refused without blocking on it), at most `maxBytes` are read, and with `within` the
 * file's real path (symlinks resolved) must lie inside that folder. Never throws.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';

/** Why a file was not read. */
export type UnreadableReason = 'missing' | 'not-a-file' | 'too-large' | 'outside-root' | 'unreadable';

/** The text of a file, or why it was not read. */
export type BoundedRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: UnreadableReason; detail: string };

/** Limits of one read. */
export interface ReadLimits {
  /** Largest file read; a bigger one is refused as `too-large` (nothing is read). */
  maxBytes: number;
  /** When set, the file's real path must lie inside this folder's real path. */
  within?: string;
}

/** 1 MiB: the cap for configuration-like files (tierwise.yml, tsconfig.json, schemas). */
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

/** True when `child` (absolute) is `parent` or lies inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path` (symlinks resolved), or undefined when it cannot be resolved. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** A sentence for a reason, naming the limit ("larger than the 1 MiB limit"). */
export function describeUnreadable(reason: UnreadableReason, maxBytes: number): string {
  switch (reason) {
    case 'missing': return 'does not exist';
    case 'not-a-file': return 'is not a regular file (a pipe, device, socket or folder)';
    case 'too-large': return `is larger than the ${formatBytes(maxBytes)} limit`;
    case 'outside-root': return 'is a link to a file outside the project';
    case 'unreadable': return 'cannot be read';
  }
}

/** `1 MiB`, `512 KiB`, `300 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function refuse(reason: UnreadableReason, maxBytes: number): BoundedRead {
  return { ok: false, reason, detail: describeUnreadable(reason, maxBytes) };
}

/** Reads a regular file as UTF-8 within `limits`; never blocks on a pipe and never reads past the cap. */
export function readBounded(path: string, limits: ReadLimits): BoundedRead {
  if (limits.within !== undefined) {
    const real = realPathOf(path);
    if (real === undefined) return refuse('missing', limits.maxBytes);
    const root = realPathOf(limits.within) ?? limits.within;
    if (!isInside(root, real)) return refuse('outside-root', limits.maxBytes);
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'unreadable', limits.maxBytes);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse('not-a-file', limits.maxBytes);
    if (stats.size > limits.maxBytes) return refuse('too-large', limits.maxBytes);
    // Read at most maxBytes + 1 whatever the size said (a file may grow while it is read).
    const buffer = Buffer.alloc(Math.min(stats.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length >= buffer.length) break;
    }
    if (length > limits.maxBytes) return refuse('too-large', limits.maxBytes);
    return { ok: true, text: buffer.subarray(0, length).toString('utf8'), bytes: length };
  } catch {
    return refuse('unreadable', limits.maxBytes);
  } finally {
    closeSync(fd);
  }
}
