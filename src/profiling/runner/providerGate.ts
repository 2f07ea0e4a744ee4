/**
 * Bounded, adaptive concurrency for one provider: at most `limit` requests in flight, a shared
 * pause after a 429/529 (honouring the server's retry-after), the limit halved on each throttle and
 * grown back by one after `limit` consecutive successes (AIMD), never above the configured maximum.
 * With `slowStart` it starts with one request and doubles with each success up to the maximum, so
 * the first response (its real usage) is known before many requests are spent: the runner asks for
 * it when a full set of requests in flight would be a large part of the budget.
 */
import { sleep } from './sleep';

/** Timers may fire a hair early; wait this much past a retry-after instant. */
const PAUSE_MARGIN_MS = 5;

export class ProviderGate {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private successes = 0;
  private slowStart: boolean;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly max: number, slowStart = false) {
    this.max = Math.max(1, max);
    this.slowStart = slowStart && this.max > 1;
    this.limit = this.slowStart ? 1 : this.max;
  }

  /** Current adaptive limit (for progress and tests). */
  get currentLimit(): number {
    return this.limit;
  }

  /** Milliseconds until the provider-wide pause ends (0 when not paused). */
  pauseRemaining(now = Date.now()): number {
    return Math.max(0, this.pausedUntil - now);
  }

  /** Waits for a free slot (and the end of any pause), then takes it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      await this.waitUnpaused(signal);
      if (this.inFlight < this.limit) {
        this.inFlight += 1;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(new Error('aborted'));
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
      if (signal?.aborted) throw new Error('aborted');
    }
  }

  /** Gives a slot back. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wakeOne();
  }

  /** Sleeps until the provider-wide pause (if any) is over. */
  async waitUnpaused(signal?: AbortSignal): Promise<void> {
    for (let remaining = this.pauseRemaining(); remaining > 0; remaining = this.pauseRemaining()) {
      await sleep(remaining + PAUSE_MARGIN_MS, signal);
    }
  }

  /** A 429/529: pause every request to this provider for `ms` and halve the concurrency. */
  throttle(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
    this.slowStart = false;
  }

  /** A success: after `limit` of them in a row, allow one more request in flight. */
  succeeded(): void {
    if (this.slowStart) {
      const before = this.limit;
      this.limit = Math.min(this.max, this.limit * 2);
      if (this.limit === this.max) this.slowStart = false;
      for (let i = before; i < this.limit; i++) this.wakeOne();
      return;
    }
    this.successes += 1;
    if (this.successes >= this.limit && this.limit < this.max) {
      this.limit += 1;
      this.successes = 0;
      this.wakeOne();
    }
  }

  private wakeOne(): void {
    const next = this.waiters.shift();
    if (next) next();
  }
}
