/**
 * The dollar budget: a request starts only when spent + reserved (worst case of everything in
 * flight) + its own worst case stays within the cap, so the cap holds even with many requests
 * in flight.
 */
export class Budget {
  private spent = 0;
  private reserved = 0;

  constructor(readonly capUsd: number) {}

  /** Money actually spent so far in this run. */
  get spentUsd(): number {
    return this.spent;
  }

  /** Reserves `maxUsd` for a request; false when it could exceed the cap (nothing reserved). */
  tryReserve(maxUsd: number): boolean {
    if (this.spent + this.reserved + maxUsd > this.capUsd + 1e-12) return false;
    this.reserved += maxUsd;
    return true;
  }

  /** Releases a reservation and books the actual cost. */
  settle(reservedUsd: number, actualUsd: number): void {
    this.reserved = Math.max(0, this.reserved - reservedUsd);
    this.spent += actualUsd;
  }
}
