/**
 * Samples: JSONL per task (`tierwise/samples/<task>.jsonl`), one object per line:
 *   {"id": "...", "vars": {"ticket": "..."}, "expected": ...}   fills a call site's prompt holes
 *   {"id": "...", "messages": [{"role": "user", "content": "..."}], "expected": ...}
 * Every problem is a TierwiseError naming the file, the line and the field, raised before any
 * request is sent.
 */
import { TierwiseError } from '../engine/errors';
import type { AnalyzedCallSite } from '../engine/model';
import type { Sample } from './types';

function sampleError(file: string, line: number, field: string, message: string, fix: string): TierwiseError {
  return new TierwiseError('sample-invalid', `line ${line}: ${message}`, fix, { file: `${file}:${line}`, field });
}

const ROLES = new Set(['system', 'user', 'assistant']);

function checkMessages(value: unknown, file: string, line: number): Sample['messages'] {
  if (!Array.isArray(value) || value.length === 0) {
    throw sampleError(file, line, 'messages', '`messages` must be a non-empty array', 'write "messages": [{"role": "user", "content": "..."}]');
  }
  return value.map((m: unknown, i) => {
    const message = m as { role?: unknown; content?: unknown };
    if (!message || typeof message.role !== 'string' || !ROLES.has(message.role) || typeof message.content !== 'string') {
      throw sampleError(file, line, `messages[${i}]`, 'each message needs a role (system, user, assistant) and a string content', 'write {"role": "user", "content": "..."}');
    }
    return { role: message.role as 'system' | 'user' | 'assistant', content: message.content };
  });
}

function parseLine(text: string, file: string, line: number): Sample {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw sampleError(file, line, '(json)', `not valid JSON: ${(error as Error).message}`, 'write one JSON object per line');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw sampleError(file, line, '(json)', 'a sample must be a JSON object', 'write {"id": "...", "vars": {...}, "expected": ...}');
  }
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' || !raw.id.trim()) {
    throw sampleError(file, line, 'id', 'the sample has no string `id`', 'add "id": "a-unique-name" (ids are the resume keys of the results log)');
  }
  if (raw.vars !== undefined && (typeof raw.vars !== 'object' || raw.vars === null || Array.isArray(raw.vars))) {
    throw sampleError(file, line, 'vars', '`vars` must be an object of hole name -> value', 'write "vars": {"ticket": "..."}');
  }
  if (raw.vars === undefined && raw.messages === undefined) {
    throw sampleError(file, line, 'vars', 'the sample has neither `vars` nor `messages`', 'add "vars" with a value for each prompt hole, or explicit "messages"');
  }
  if (raw.callSite !== undefined && typeof raw.callSite !== 'string') {
    throw sampleError(file, line, 'callSite', '`callSite` must be a call-site id string', 'copy the id from `tierwise scan`');
  }
  return {
    id: raw.id,
    ...(raw.vars !== undefined ? { vars: raw.vars as Record<string, unknown> } : {}),
    ...(raw.messages !== undefined ? { messages: checkMessages(raw.messages, file, line) } : {}),
    ...('expected' in raw ? { expected: raw.expected } : {}),
    ...(typeof raw.callSite === 'string' ? { callSite: raw.callSite } : {}),
    file,
    line,
  };
}

/** Parses a samples file's text; `file` is the workspace-relative path used in errors. */
export function parseSamples(text: string, file: string): Sample[] {
  const samples: Sample[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('//')) return;
    const sample = parseLine(trimmed, file, index + 1);
    const first = seen.get(sample.id);
    if (first !== undefined) {
      throw sampleError(file, index + 1, 'id', `duplicate sample id \`${sample.id}\` (first on line ${first})`, 'give every sample a unique id');
    }
    seen.set(sample.id, index + 1);
    samples.push(sample);
  });
  if (samples.length === 0) {
    throw new TierwiseError('samples-empty', 'the samples file has no samples', 'add one JSON object per line', { file });
  }
  return samples;
}

/** The hole names of a call site's prompt, in order of first appearance. */
export function holeNames(site: AnalyzedCallSite): string[] {
  const names: string[] = [];
  for (const part of site.site.prompt.parts) {
    for (const segment of part.segments) if (segment.kind === 'hole' && !names.includes(segment.name)) names.push(segment.name);
  }
  return names;
}

/** The value of a hole from a sample's vars: `vars["ticket.body"]`, else `vars.ticket.body`. */
export function holeValue(vars: Record<string, unknown>, name: string): unknown {
  if (name in vars) return vars[name];
  let current: unknown = vars;
  for (const key of name.split('.')) {
    if (!current || typeof current !== 'object' || !(key in (current as object))) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Checks a vars sample against the call site's holes: missing and extra fields are errors. */
export function checkSampleAgainstSite(sample: Sample, site: AnalyzedCallSite): void {
  if (!sample.vars) return;
  const holes = holeNames(site);
  const where = `call site ${site.site.id}`;
  if (site.site.prompt.unknown.length > 0) {
    const unknown = site.site.prompt.unknown.map((u) => u.expression).join(', ');
    throw sampleError(sample.file, sample.line, 'vars', `the prompt of ${where} is not statically known (${unknown}), so vars cannot fill it`, 'give this sample explicit "messages" instead of "vars"');
  }
  const missing = holes.filter((h) => holeValue(sample.vars ?? {}, h) === undefined);
  if (missing.length > 0) {
    throw sampleError(sample.file, sample.line, `vars.${missing[0]}`, `sample \`${sample.id}\` is missing ${missing.map((m) => `\`${m}\``).join(', ')} (holes of ${where}: ${holes.join(', ') || 'none'})`, `add ${missing.map((m) => `"${m}"`).join(', ')} to "vars"`);
  }
  const roots = new Set(holes.flatMap((h) => [h, h.split('.')[0]]));
  const extra = Object.keys(sample.vars).filter((k) => !roots.has(k));
  if (extra.length > 0) {
    throw sampleError(sample.file, sample.line, `vars.${extra[0]}`, `sample \`${sample.id}\` has ${extra.map((e) => `\`${e}\``).join(', ')}, which ${where} has no hole for (holes: ${holes.join(', ') || 'none'})`, `remove ${extra.map((e) => `"${e}"`).join(', ')} or rename it to one of the holes`);
  }
}
