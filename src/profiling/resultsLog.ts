/**
 * The results log: JSONL, one record per finished request (or submitted batch), appended as each
 * request completes. The write is synchronous (once `append` returns, the record survives a kill
 * of the process: it is in the kernel's page cache), and an fdatasync follows on the thread pool,
 * coalesced across records (group commit), so OS crashes lose at most the last few milliseconds
 * without blocking the event loop. `close` syncs what is left. A torn last line (killed mid-write)
 * is ignored on read and terminated before the next append.
 *
 * The log is read back as untrusted input: line by line from the bytes (a log of any size never
 * becomes one string), lines above 64 MiB and lines that are not a well-formed record are skipped
 * and counted, never fatal. Every line written has the run's secrets (API keys) redacted.
 */
import { closeSync, constants, existsSync, fdatasync, fsyncSync, mkdirSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { scrubSecrets } from './providers/scrub';
import type { BatchRecord, LogRecord, ResultRecord } from './types';

/** An open, append-only results log. */
export interface ResultsLog {
  readonly file: string;
  append(record: LogRecord): void;
  close(): void;
}

/** Opens (creating directories as needed) a results log for appending; `secrets` never reach the file. */
export function openResultsLog(file: string, secrets: readonly string[] = []): ResultsLog {
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
      const line = (needsNewline ? '\n' : '') + scrubLine(JSON.stringify(record), secrets) + '\n';
      writeSync(fd, line);
      needsNewline = false;
      sync.dirty = true;
      flush();
    },
    close() {
      if (sync.closed) return;
      sync.closed = true;
      try {
        fsyncSync(fd);
      } catch {
        // A full or failing disk: the appends already reported their own errors.
      }
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

/** Lines longer than this are skipped on read (a record is far smaller: outputs are capped when written). */
export const MAX_LOG_LINE_BYTES = 64 * 1024 * 1024;

/** A skipped line of a results log, for a note to the user. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** Redacts secrets from a serialized record (their JSON-escaped forms too). */
function scrubLine(json: string, secrets: readonly string[]): string {
  const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  return scrubSecrets(json, forms);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** True when `value` has every field the summaries read, with the right types. */
export function isLogRecord(value: unknown): value is LogRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  if (r.type === 'batch') {
    return isString(r.batchId) && isString(r.model) && isString(r.runId) && isString(r.at) && !!r.customIds && typeof r.customIds === 'object'
      && Object.values(r.customIds).every(isString);
  }
  if (r.type !== 'result') return false;
  const identity = [r.key, r.task, r.model, r.provider, r.sampleId, r.runId, r.oracleVersion, r.at].every(isString) && typeof r.tier === 'number';
  const numbers = [r.inputTokens, r.outputTokens, r.latencyMs, r.costUsd, r.attempts].every(isCount);
  const optional = (r.output === undefined || isString(r.output)) && (r.pass === undefined || typeof r.pass === 'boolean')
    && (r.score === undefined || typeof r.score === 'number') && (r.graderCostUsd === undefined || isCount(r.graderCostUsd))
    && (r.error === undefined || (!!r.error && typeof r.error === 'object' && isString((r.error as { kind?: unknown }).kind)));
  return identity && numbers && typeof r.ok === 'boolean' && optional;
}

/** Calls `onLine(bytes, lineNumber)` for every line of the file, reading it in chunks; too-long lines get `undefined`. */
function forEachLine(file: string, onLine: (bytes: Buffer | undefined, line: number) => void): void {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) return;
    const chunk = Buffer.alloc(1024 * 1024);
    let parts: Buffer[] = [];
    let length = 0;
    let tooLong = false;
    let line = 1;
    const end = () => {
      onLine(tooLong || length > MAX_LOG_LINE_BYTES ? undefined : Buffer.concat(parts, length), line++);
      parts = [];
      length = 0;
      tooLong = false;
    };
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl !== -1 && nl < n; nl = chunk.indexOf(0x0a, start)) {
        if (!tooLong) parts.push(Buffer.from(chunk.subarray(start, nl)));
        length += nl - start;
        end();
        start = nl + 1;
      }
      if (start < n) {
        length += n - start;
        if (length > MAX_LOG_LINE_BYTES) {
          tooLong = true;
          parts = [];
        } else if (!tooLong) parts.push(Buffer.from(chunk.subarray(start, n)));
      }
    }
    if (length > 0 || tooLong) end();
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads every well-formed record of a log; a missing file is an empty log. Torn, malformed and
 * over-long lines are skipped (and reported to `onSkip`), never fatal.
 */
export function readResultsLog(file: string, onSkip?: (skipped: SkippedLine) => void): LogRecord[] {
  if (!existsSync(file)) return [];
  const records: LogRecord[] = [];
  forEachLine(file, (bytes, line) => {
    if (bytes === undefined) return onSkip?.({ line, reason: `longer than ${MAX_LOG_LINE_BYTES / (1024 * 1024)} MiB` });
    const text = bytes.toString('utf8');
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // A line torn by a kill mid-write: that request is simply not finished.
      return onSkip?.({ line, reason: 'not JSON (a torn or edited line)' });
    }
    if (isLogRecord(value)) records.push(value);
    else onSkip?.({ line, reason: 'not a complete result or batch record' });
  });
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
