import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openResultsLog, readResultsLog } from '../../../src/profiling/resultsLog';
import type { ResultRecord } from '../../../src/profiling/api';

const record = (key: string): ResultRecord => ({ type: 'result', key, runId: 'r', task: 'classification', tier: 1, model: 'm', provider: 'anthropic', sampleId: key, callSiteId: null, ok: true, pass: true, score: 1, oracleVersion: 'v', inputTokens: 1, outputTokens: 1, latencyMs: 1, costUsd: 0, attempts: 1, at: '2026-01-01T00:00:00Z' });

test('a line torn by a kill mid-write is ignored, and the next append starts on a fresh line', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tierwise-log-')), 'results', 'run.jsonl');
  const log = openResultsLog(file);
  log.append(record('a'));
  log.close();
  appendFileSync(file, '{"type":"result","key":"b","runId":"r","ta');
  assert.deepEqual(readResultsLog(file).map((r) => r.type === 'result' && r.key), ['a']);
  const resumed = openResultsLog(file);
  resumed.append(record('b'));
  resumed.close();
  assert.deepEqual(readResultsLog(file).map((r) => r.type === 'result' && r.key), ['a', 'b']);
  assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 3, 'the torn line stays, on its own line');
});
