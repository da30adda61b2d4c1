/**
 * Counts failed password attempts per device so the wizard can say how many tries remain;
 * the host enforces the real limit (API.md: 5 within 15 minutes), this only mirrors it.
 */
export class AttemptCounter {
  private readonly failures = new Map<string, { count: number; first: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failure and returns the tries left. */
  fail(key: string): number {
    const now = this.now();
    const entry = this.failures.get(key);
    const fresh = entry === undefined || now - entry.first > this.windowMs;
    const next = fresh ? { count: 1, first: now } : { count: entry.count + 1, first: entry.first };
    this.failures.set(key, next);
    return Math.max(0, this.limit - next.count);
  }

  /** A success resets the count, as on the host. */
  reset(key: string): void {
    this.failures.delete(key);
  }
}
