/**
 * Runtime guard for everything the webview sends. The host treats webview input as untrusted:
 * a message is accepted only when it has exactly the fields of one `WebviewToHost` variant with
 * valid types, lengths and enum values; anything else is rejected with a reason to log.
 */
import { TASK_TYPES } from '../engine/model';
import type { TaskType } from '../engine/model';
import { PROTOCOL_LIMITS } from './messages';
import type { WebviewToHost } from './messages';

/** The result of checking one webview message. */
export type GuardResult = { ok: true; message: WebviewToHost } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isTaskType(value: unknown): value is TaskType {
  return typeof value === 'string' && (TASK_TYPES as readonly string[]).includes(value);
}

/** Rejects keys other than the allowed ones (so hostile extra payloads never reach handlers). */
function extraKeys(value: Fields, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}

function fail(reason: string): GuardResult {
  return { ok: false, reason };
}

function checkCallSiteId(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'callSiteId must be a string';
  if (value.length === 0 || value.length > PROTOCOL_LIMITS.maxIdLength) return `callSiteId length must be 1..${PROTOCOL_LIMITS.maxIdLength}`;
  // Control characters never occur in a workspace path or declaration name.
  for (const ch of value) if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) return 'callSiteId contains control characters';
  return undefined;
}

function checkPerMonth(task: string, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `tasks.${task} must be a finite number`;
  if (value < 0 || value > PROTOCOL_LIMITS.maxPerMonth) return `tasks.${task} must be between 0 and ${PROTOCOL_LIMITS.maxPerMonth}`;
  return undefined;
}

function checkSaveTraffic(value: Fields): GuardResult {
  const { tasks, growthPerMonth } = value;
  if (!isPlainObject(tasks)) return fail('saveTraffic.tasks must be an object');
  const clean: Partial<Record<TaskType, number>> = {};
  for (const [task, perMonth] of Object.entries(tasks)) {
    if (!isTaskType(task)) return fail(`saveTraffic.tasks has an unknown task type '${task.slice(0, 40)}'`);
    const problem = checkPerMonth(task, perMonth);
    if (problem) return fail(`saveTraffic.${problem}`);
    clean[task] = perMonth as number;
  }
  if (typeof growthPerMonth !== 'number' || !Number.isFinite(growthPerMonth)) return fail('saveTraffic.growthPerMonth must be a finite number');
  if (growthPerMonth < PROTOCOL_LIMITS.minGrowth || growthPerMonth > PROTOCOL_LIMITS.maxGrowth) {
    return fail(`saveTraffic.growthPerMonth must be between ${PROTOCOL_LIMITS.minGrowth} and ${PROTOCOL_LIMITS.maxGrowth}`);
  }
  return { ok: true, message: { type: 'saveTraffic', tasks: clean, growthPerMonth } };
}

const ALLOWED_KEYS: Record<WebviewToHost['type'], readonly string[]> = {
  ready: ['type'],
  requestRefresh: ['type'],
  revealCallSite: ['type', 'callSiteId'],
  saveTraffic: ['type', 'tasks', 'growthPerMonth'],
  applyProfilingDecision: ['type', 'task'],
};

function isMessageType(value: unknown): value is WebviewToHost['type'] {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ALLOWED_KEYS, value);
}

/**
 * Validates a message received from the webview. Returns the message (a fresh object holding only
 * the validated fields) or the reason it was rejected.
 */
export function parseWebviewMessage(value: unknown): GuardResult {
  if (!isPlainObject(value)) return fail('message must be a plain object');
  const type = value.type;
  if (!isMessageType(type)) return fail(`unknown message type ${JSON.stringify(String(type).slice(0, 40))}`);
  const extra = extraKeys(value, ALLOWED_KEYS[type]);
  if (extra.length > 0) return fail(`${type} has unexpected fields: ${extra.slice(0, 5).map((k) => k.slice(0, 40)).join(', ')}`);
  switch (type) {
    case 'ready':
    case 'requestRefresh':
      return { ok: true, message: { type } };
    case 'revealCallSite': {
      const problem = checkCallSiteId(value.callSiteId);
      return problem ? fail(`revealCallSite.${problem}`) : { ok: true, message: { type, callSiteId: value.callSiteId as string } };
    }
    case 'applyProfilingDecision':
      return isTaskType(value.task) ? { ok: true, message: { type, task: value.task } } : fail('applyProfilingDecision.task must be a known task type');
    case 'saveTraffic':
      return checkSaveTraffic(value);
  }
}
