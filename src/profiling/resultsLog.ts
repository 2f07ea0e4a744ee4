/**
 * The results log: JSONL, one record per finished request (or submitted batch), appended as each
 * request completes. The write is synchronous (once `append` returns, the record survives a kill
 * of the process: it is in the kernel's page cache), and an fdatasync follows on the thread pool,
 * coalesced across records (group commit), so OS crashes lose at most the last few milliseconds
 * without blocking the event loop. `close` syncs what is left. A torn last line (killed mid-write)
 * is ignored on read and terminated before the next append.
 */
import { closeSync, existsSync, fdatasync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, fstatSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BatchRecord, LogRecord, ResultRecord } from './types';

/** An open, append-only results log. */
export interface ResultsLog {
  readonly file: string;
  append(record: LogRecord): void;
  close(): void;
}

/** Opens (creating directories as needed) a results log for appending. */
export function openResultsLog(file: string): ResultsLog {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a+');
  let needsNewline = endsWithoutNewline(fd);
  const sync = { closed: false, running: false, dirty: false };
  const flush = (): void => {
    if (sync.closed || sync.running || !sync.dirty) return;
    sync.running = true;
    sync.dirty = false;
    fdatasync(fd, () => {
      sync.running = false;
      flush();
    });
  };
  return {
    file,
    append(record) {
      if (sync.closed) throw new Error(`results log ${file} is closed`);
      const line = (needsNewline ? '\n' : '') + JSON.stringify(record) + '\n';
      needsNewline = false;
      writeSync(fd, line);
      sync.dirty = true;
      flush();
    },
    close() {
      if (sync.closed) return;
      sync.closed = true;
      fsyncSync(fd);
      // An fdatasync may still be queued on the thread pool; closing after it finishes avoids EBADF.
      if (sync.running) setImmediate(function closeWhenIdle() { if (sync.running) setImmediate(closeWhenIdle); else closeSync(fd); });
      else closeSync(fd);
    },
  };
}

function endsWithoutNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return false;
  const buffer = Buffer.alloc(1);
  readSync(fd, buffer, 0, 1, size - 1);
  return buffer[0] !== 0x0a;
}

/** Reads every complete record of a log; a missing file is an empty log, torn lines are skipped. */
export function readResultsLog(file: string): LogRecord[] {
  if (!existsSync(file)) return [];
  const records: LogRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as LogRecord;
      if (value && (value.type === 'result' || value.type === 'batch')) records.push(value);
    } catch {
      // A line torn by a kill mid-write: that request is simply not finished.
    }
  }
  return records;
}

/** The last successful result per request key (what a resume skips and a summary counts). */
export function finishedResults(records: LogRecord[]): Map<string, ResultRecord> {
  const done = new Map<string, ResultRecord>();
  for (const record of records) {
    if (record.type === 'result' && record.ok) done.set(record.key, record);
  }
  return done;
}

/**
 * The result that counts per key: the last successful one, else the last error (so errors are
 * reported once per request, however many runs retried it).
 */
export function effectiveResults(records: LogRecord[]): ResultRecord[] {
  const byKey = new Map<string, ResultRecord>();
  for (const record of records) {
    if (record.type !== 'result') continue;
    const previous = byKey.get(record.key);
    if (!previous || record.ok || !previous.ok) byKey.set(record.key, record);
  }
  return [...byKey.values()];
}

/** Batches whose requests are not all finished yet (a restart polls them instead of resubmitting). */
export function pendingBatches(records: LogRecord[]): BatchRecord[] {
  const collected = new Set<string>();
  for (const r of records) if (r.type === 'result' && r.batchId) collected.add(`${r.batchId}|${r.key}`);
  return records.filter(
    (r): r is BatchRecord =>
      r.type === 'batch' && Object.values(r.customIds).some((key) => !collected.has(`${r.batchId}|${key}`)),
  );
}
