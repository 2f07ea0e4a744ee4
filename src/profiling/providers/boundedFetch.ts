/**
 * The `fetch` the provider SDK clients use: a model server is not trusted to behave. The SDKs'
 * own timeout ends when the headers arrive; this one covers the whole response (a body trickling
 * one byte every few seconds is cut off), and a body larger than the cap is not read into memory
 * (its stream errors as soon as the cap is passed, or at once when Content-Length says so).
 */

/** Largest response body read from a model server (a real completion is far smaller). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A response cut off by the client: too large, or not complete in time. */
export class ResponseLimitError extends Error {
  constructor(readonly limit: 'too-large' | 'timeout', message: string) {
    super(message);
    this.name = 'ResponseLimitError';
  }
}

/** Limits of one client's responses. */
export interface ResponseLimits {
  /** The whole response (headers and body) must arrive within this many ms. */
  timeoutMs: number;
  maxBytes: number;
}

function mib(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function failing(error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.error(error) });
}

/** A `fetch` with the limits applied to every request it makes. */
export function boundedFetch(limits: ResponseLimits, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal ?? undefined;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      controller.abort(new ResponseLimitError('timeout', `timed out: the response was not complete within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    };
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (error) {
      done();
      throw controller.signal.reason instanceof ResponseLimitError ? controller.signal.reason : error;
    }
    const rebuilt = (body: ReadableStream<Uint8Array> | null) => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    const tooLarge = (size: string) => new ResponseLimitError('too-large', `the response body is larger than the ${mib(limits.maxBytes)} limit (${size}): not read`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      done();
      controller.abort();
      return rebuilt(failing(tooLarge(`${mib(declared)} declared`)));
    }
    if (!response.body) {
      done();
      return response;
    }
    let received = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, stream) {
          received += chunk.byteLength;
          if (received <= limits.maxBytes) return stream.enqueue(chunk);
          const error = tooLarge(`more than ${mib(limits.maxBytes)} received`);
          done();
          stream.error(error);
          controller.abort(error);
        },
        flush: done,
      }),
    );
    return rebuilt(counted);
  };
}
