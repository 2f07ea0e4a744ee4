/**
 * The dollar budget: a request starts only when spent + reserved (worst case of everything in
 * flight) + its own worst case stays within the cap, so the cap holds even with many requests
 * in flight. Spending counts the usage the server reports; a server that reports more than the
 * worst case (output tokens above `max_tokens`) raises every later reservation by the same factor,
 * so the cap still holds from then on.
 */
export class Budget {
  private spent = 0;
  private reserved = 0;
  private overrun = 1;

  constructor(readonly capUsd: number) {}

  /** Money actually spent so far in this run (from reported usage). */
  get spentUsd(): number {
    return this.spent;
  }

  /** How many times its worst case a request reserves (1 until a server reports more than the worst case). */
  get overrunFactor(): number {
    return this.overrun;
  }

  /** What a request whose worst case is `worstCaseUsd` reserves. */
  reservationFor(worstCaseUsd: number): number {
    return worstCaseUsd * this.overrun;
  }

  /** Reserves `amountUsd`; false when it could exceed the cap (nothing reserved). */
  tryReserve(amountUsd: number): boolean {
    if (this.spent + this.reserved + amountUsd > this.capUsd + 1e-12) return false;
    this.reserved += amountUsd;
    return true;
  }

  /**
   * Releases a reservation and books the actual cost; when the actual cost is above the request's
   * worst case, later reservations grow by that factor. Returns the factor now in force.
   */
  settle(reservedUsd: number, actualUsd: number, worstCaseUsd = 0): number {
    this.reserved = Math.max(0, this.reserved - reservedUsd);
    this.spent += actualUsd;
    if (worstCaseUsd > 0 && actualUsd > worstCaseUsd * (1 + 1e-9)) this.overrun = Math.max(this.overrun, actualUsd / worstCaseUsd);
    return this.overrun;
  }
}
