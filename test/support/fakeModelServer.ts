/**
 * A local fake model server on 127.0.0.1 speaking the Anthropic Messages / count_tokens / Message
 * Batches endpoints and OpenAI chat completions closely enough that the official SDK clients talk
 * to it unmodified. Answers are scripted per model (a function of model + prompt); faults can be
 * injected (429 with retry-after, 529, 500, slow responses, dropped connections, malformed bodies,
 * and the hostile ones: huge bodies, bodies trickling a byte at a time, usage above max_tokens);
 * every request is logged so tests can count requests per model and check their timing.
 *
 * Standalone: `node --import tsx test/support/fakeModelServer.ts --port 0 [--latency MS]
 * [--script path/to/module.ts]` prints `listening on http://127.0.0.1:PORT`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** What a scripted answer sees. */
export interface AnswerContext {
  model: string;
  /** System prompt and every message's text, joined by newlines. */
  prompt: string;
  api: 'anthropic' | 'openai' | 'anthropic-batch';
}

/** A scripted answer: the text the model "returns". */
export type AnswerScript = (ctx: AnswerContext) => string;

/** An injectable fault. */
export type Fault =
  | { kind: 'rate-limit'; retryAfterSec?: number; retryAfterMs?: number; retryAfterDate?: boolean }
  | { kind: 'overloaded' }
  | { kind: 'server-error' }
  | { kind: 'slow'; ms: number }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  | { kind: 'no-usage' }
  /** A 200 whose body is `bytes` long (a valid message with a huge text), streamed; `declareLength` sends Content-Length. */
  | { kind: 'huge-body'; bytes: number; declareLength?: boolean }
  /** A 200 whose body arrives one byte every `intervalMs`, forever (until the client hangs up). */
  | { kind: 'trickle'; intervalMs: number }
  /** A normal answer whose usage reports `factor` times the request's max_tokens as output tokens. */
  | { kind: 'usage-above-max'; factor: number };

/** One logged request. */
export interface LoggedRequest {
  method: string;
  path: string;
  model?: string;
  /** Date.now() when the request arrived. */
  at: number;
  status: number;
  fault?: Fault['kind'];
  /** Body bytes written before the response ended or the client hung up (huge-body, trickle). */
  bytesSent?: number;
  /** Headers the client sent (for key checks). */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body (for key-leak checks). */
  body: string;
}

/** Options of a fake server. */
export interface FakeServerOptions {
  answer?: AnswerScript;
  /** Fixed latency per successful generation, ms (or per model). */
  latencyMs?: number | ((model: string) => number);
  /** When set, requests must carry this key (`x-api-key` or `Authorization: Bearer`), else 401. */
  requireKey?: string;
  /** Number of `retrieve` polls before a batch reports `ended` (default 1). */
  batchPollsUntilEnded?: number;
}

interface FaultRule {
  fault: Fault;
  remaining: number;
  model?: string;
  path?: string;
}

interface FakeBatch {
  id: string;
  createdAt: string;
  polls: number;
  lines: string[];
  count: number;
}

/** A running fake server. */
export interface FakeModelServer {
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** Injects `fault` for the next `count` matching generation requests. */
  inject(fault: Fault, match?: { count?: number; model?: string; path?: string }): void;
  /** Generation requests (messages, chat completions) per model. */
  countByModel(): Record<string, number>;
  batches: Map<string, FakeBatch>;
  /** Most generation requests the server was answering at the same time. */
  peakInFlight(): number;
  /** Makes every batch report `ended` on its next poll. */
  endAllBatches(): void;
  close(): Promise<void>;
}

const GENERATION_PATHS = new Set(['/v1/messages', '/v1/chat/completions']);

/** Rough token count for usage fields (a fake: word pieces, deterministic). */
export function fakeTokens(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words * 1.3));
}

function promptText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const system = body.system;
  if (typeof system === 'string') parts.push(system);
  else if (Array.isArray(system)) for (const block of system) parts.push(String((block as { text?: string }).text ?? ''));
  for (const message of (body.messages as Array<{ content: unknown }> | undefined) ?? []) {
    const content = message.content;
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) for (const block of content) parts.push(String((block as { text?: string }).text ?? ''));
  }
  return parts.join('\n');
}

function nextId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

function anthropicMessage(model: string, prompt: string, text: string, omitUsage = false): Record<string, unknown> {
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    ...(omitUsage
      ? {}
      : { usage: { input_tokens: fakeTokens(prompt), output_tokens: fakeTokens(text), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } }),
  };
}

function openaiCompletion(model: string, prompt: string, text: string, omitUsage = false): Record<string, unknown> {
  const input = fakeTokens(prompt);
  const output = fakeTokens(text);
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: omitUsage ? [] : [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    ...(omitUsage ? {} : { usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output } }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req'), 'x-request-id': nextId('req'), ...headers });
  res.end(text);
}

function errorBody(path: string, type: string, message: string): Record<string, unknown> {
  return path.startsWith('/v1/chat') ? { error: { message, type, code: type } } : { type: 'error', error: { type, message } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Mutable state of one server instance (no module-level state). */
interface ServerState {
  options: FakeServerOptions;
  answer: AnswerScript;
  rules: FaultRule[];
  requests: LoggedRequest[];
  batches: Map<string, FakeBatch>;
  forceEnded: boolean;
  url: string;
  inFlight: { now: number; peak: number };
  /** The fault taken by each logged request (for faults that change a normal answer). */
  faultOf: WeakMap<LoggedRequest, Fault>;
}

function latencyFor(state: ServerState, model: string): number {
  const latency = state.options.latencyMs;
  return typeof latency === 'function' ? latency(model) : latency ?? 0;
}

function takeFault(state: ServerState, path: string, model: string | undefined): Fault | undefined {
  const rule = state.rules.find((r) => r.remaining > 0 && (!r.model || r.model === model) && (r.path ? r.path === path : GENERATION_PATHS.has(path)));
  if (!rule) return undefined;
  rule.remaining -= 1;
  return rule.fault;
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const raw = await readBody(req);
  const body = parseBody(raw);
  const model = typeof body.model === 'string' ? body.model : undefined;
  const entry: LoggedRequest = { method: req.method ?? 'GET', path, model, at, status: 200, headers: { ...req.headers }, body: raw };
  state.requests.push(entry);
  if (state.options.requireKey) {
    const key = req.headers['x-api-key'] ?? String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (key !== state.options.requireKey) {
      entry.status = 401;
      // Echoes the key it got, like a careless proxy might: clients must scrub error text.
      return send(res, 401, errorBody(path, 'authentication_error', `invalid x-api-key: ${String(key)}`));
    }
  }
  const fault = takeFault(state, path, model);
  if (fault) {
    entry.fault = fault.kind;
    state.faultOf.set(entry, fault);
    if (await applyFault(fault, path, res, entry)) return;
  }
  await route(state, req.method ?? 'GET', path, body, res, entry);
}

/** Answers with the fault; false when the request should continue normally (slow, no-usage). */
async function applyFault(fault: Fault, path: string, res: ServerResponse, entry: LoggedRequest): Promise<boolean> {
  switch (fault.kind) {
    case 'rate-limit': {
      const headers: Record<string, string> = {};
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.retryAfterSec !== undefined) {
        headers['retry-after'] = fault.retryAfterDate ? new Date(Date.now() + fault.retryAfterSec * 1000).toUTCString() : String(fault.retryAfterSec);
      }
      entry.status = 429;
      send(res, 429, errorBody(path, 'rate_limit_error', 'Number of request tokens has exceeded your rate limit.'), headers);
      return true;
    }
    case 'overloaded':
      entry.status = 529;
      send(res, 529, errorBody(path, 'overloaded_error', 'Overloaded'));
      return true;
    case 'server-error':
      entry.status = 500;
      send(res, 500, errorBody(path, 'api_error', 'Internal server error'));
      return true;
    case 'drop':
      entry.status = 0;
      res.socket?.destroy();
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': nextId('req') });
      res.end('{"id": "msg_broken", "content": [');
      return true;
    case 'slow':
      await sleep(fault.ms);
      return false;
    case 'no-usage':
    case 'usage-above-max':
      return false;
    case 'huge-body':
      await sendHugeBody(res, fault.bytes, Boolean(fault.declareLength), entry);
      return true;
    case 'trickle':
      await trickle(res, fault.intervalMs, entry);
      return true;
  }
}

/** Writes `chunk`, waiting for the socket to drain; false once the client has gone. */
async function write(res: ServerResponse, chunk: string | Buffer): Promise<boolean> {
  if (res.destroyed || res.socket?.destroyed) return false;
  if (!res.write(chunk)) await new Promise<void>((r) => { res.once('drain', r); res.once('close', r); });
  return !res.destroyed;
}

async function sendHugeBody(res: ServerResponse, bytes: number, declareLength: boolean, entry: LoggedRequest): Promise<void> {
  const head = Buffer.from(JSON.stringify(anthropicMessage(entry.model ?? 'model', '', '@@')).split('"@@"')[0] + '"');
  const tail = Buffer.from(`"${JSON.stringify(anthropicMessage(entry.model ?? 'model', '', '@@')).split('"@@"')[1]}`);
  const filler = bytes - head.length - tail.length;
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': nextId('req'), ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  entry.bytesSent = 0;
  const block = Buffer.alloc(1024 * 1024, 'a');
  const parts = [head, ...Array.from({ length: Math.floor(filler / block.length) }, () => block), block.subarray(0, filler % block.length), tail];
  for (const part of parts) {
    if (!(await write(res, part))) return;
    entry.bytesSent += part.length;
  }
  res.end();
}

async function trickle(res: ServerResponse, intervalMs: number, entry: LoggedRequest): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': nextId('req') });
  entry.bytesSent = 0;
  for (;;) {
    if (!(await write(res, ' '))) return;
    entry.bytesSent += 1;
    await sleep(intervalMs);
  }
}

async function route(state: ServerState, method: string, path: string, body: Record<string, unknown>, res: ServerResponse, entry: LoggedRequest): Promise<void> {
  const model = String(body.model ?? '');
  const noUsage = entry.fault === 'no-usage';
  if (method === 'POST' && (path === '/v1/messages' || path === '/v1/chat/completions')) {
    const prompt = promptText(body);
    const anthropic = path === '/v1/messages';
    const text = state.answer({ model, prompt, api: anthropic ? 'anthropic' : 'openai' });
    state.inFlight.now += 1;
    state.inFlight.peak = Math.max(state.inFlight.peak, state.inFlight.now);
    await sleep(latencyFor(state, model)).finally(() => (state.inFlight.now -= 1));
    const message = anthropic ? anthropicMessage(model, prompt, text, noUsage) : openaiCompletion(model, prompt, text, noUsage);
    const above = state.faultOf.get(entry);
    if (above?.kind === 'usage-above-max') inflateUsage(message, body, above.factor);
    return send(res, 200, message);
  }
  if (method === 'POST' && path === '/v1/messages/count_tokens') return send(res, 200, { input_tokens: fakeTokens(promptText(body)) });
  if (method === 'POST' && path === '/v1/messages/batches') return send(res, 200, batchObject(state, createBatch(state, body), false));
  const batchMatch = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
  const batch = batchMatch ? state.batches.get(batchMatch[1]) : undefined;
  if (method === 'GET' && batchMatch && batch) {
    if (batchMatch[2]) {
      res.writeHead(200, { 'content-type': 'application/binary', 'request-id': nextId('req') });
      return void res.end(batch.lines.join('\n') + '\n');
    }
    batch.polls += 1;
    return send(res, 200, batchObject(state, batch, true));
  }
  entry.status = 404;
  send(res, 404, errorBody(path, 'not_found_error', batchMatch ? `batch ${batchMatch[1]} not found` : `no route ${method} ${path}`));
}

/** Reports `factor` x max_tokens output tokens, whatever was generated (a server that over-bills). */
function inflateUsage(message: Record<string, unknown>, body: Record<string, unknown>, factor: number): void {
  const max = Number(body.max_tokens ?? body.max_completion_tokens ?? 16);
  const usage = message.usage as Record<string, number> | undefined;
  if (!usage) return;
  if ('output_tokens' in usage) usage.output_tokens = Math.ceil(max * factor);
  if ('completion_tokens' in usage) {
    usage.completion_tokens = Math.ceil(max * factor);
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  }
}

function createBatch(state: ServerState, body: Record<string, unknown>): FakeBatch {
  const items = (body.requests as Array<{ custom_id: string; params: Record<string, unknown> }> | undefined) ?? [];
  const lines = items.map((item) => {
    const model = String(item.params.model ?? '');
    const prompt = promptText(item.params);
    const text = state.answer({ model, prompt, api: 'anthropic-batch' });
    return JSON.stringify({ custom_id: item.custom_id, result: { type: 'succeeded', message: anthropicMessage(model, prompt, text) } });
  });
  const batch: FakeBatch = { id: nextId('msgbatch'), createdAt: new Date().toISOString(), polls: 0, lines, count: items.length };
  state.batches.set(batch.id, batch);
  return batch;
}

function batchObject(state: ServerState, batch: FakeBatch, polled: boolean): Record<string, unknown> {
  const ended = polled && (state.forceEnded || batch.polls >= (state.options.batchPollsUntilEnded ?? 1));
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: ended ? 'ended' : 'in_progress',
    request_counts: { processing: ended ? 0 : batch.count, succeeded: ended ? batch.count : 0, errored: 0, canceled: 0, expired: 0 },
    created_at: batch.createdAt,
    expires_at: new Date(Date.parse(batch.createdAt) + 86_400_000).toISOString(),
    ended_at: ended ? new Date().toISOString() : null,
    cancel_initiated_at: null,
    archived_at: null,
    results_url: ended ? `${state.url}/v1/messages/batches/${batch.id}/results` : null,
  };
}

/** Starts a fake server on 127.0.0.1 with an ephemeral port (or `port`). */
export async function startFakeModelServer(options: FakeServerOptions = {}, port = 0): Promise<FakeModelServer> {
  const state: ServerState = { options, answer: options.answer ?? (() => 'ok'), rules: [], requests: [], batches: new Map(), forceEnded: false, url: '', inFlight: { now: 0, peak: 0 }, faultOf: new WeakMap() };
  const server: Server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { type: 'error', error: { type: 'api_error', message: String(error) } });
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const actualPort = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${actualPort}`;
  return {
    url: state.url,
    port: actualPort,
    requests: state.requests,
    batches: state.batches,
    inject(fault, match = {}) {
      state.rules.push({ fault, remaining: match.count ?? 1, model: match.model, path: match.path });
    },
    endAllBatches() {
      state.forceEnded = true;
    },
    peakInFlight: () => state.inFlight.peak,
    countByModel() {
      const counts: Record<string, number> = {};
      for (const r of state.requests) if (GENERATION_PATHS.has(r.path) && r.model) counts[r.model] = (counts[r.model] ?? 0) + 1;
      return counts;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function standalone(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  let answer: AnswerScript | undefined;
  const script = flag('--script');
  if (script) {
    const mod = (await import(pathToFileURL(resolve(script)).href)) as { answer?: AnswerScript; createAnswer?: () => AnswerScript };
    answer = mod.createAnswer ? mod.createAnswer() : mod.answer;
  }
  const server = await startFakeModelServer({ answer, latencyMs: Number(flag('--latency') ?? 0) }, Number(flag('--port') ?? 0));
  // --inject rate-limit:COUNT[:RETRY_AFTER_MS] | overloaded:COUNT | server-error:COUNT | drop:COUNT | malformed:COUNT (repeatable)
  argv.forEach((arg, i) => {
    if (arg !== '--inject') return;
    const [kind, count, retry] = (argv[i + 1] ?? '').split(':');
    const fault: Fault = kind === 'rate-limit' ? { kind, retryAfterMs: Number(retry ?? 1000) } : ({ kind } as Fault);
    server.inject(fault, { count: Number(count ?? 1) });
  });
  process.stdout.write(`listening on ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  void standalone(process.argv.slice(2));
}
