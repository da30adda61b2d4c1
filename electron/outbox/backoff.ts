/** How long the sender waits between attempts for one entry. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
}

/** Ten seconds doubling to half an hour: gentle on a host coming back, quick on a flaky network. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 30 * 60_000, factor: 2 };

/**
 * Exponential backoff with "equal jitter" (half fixed, half random) so many PCs coming online
 * together do not retry in lockstep, yet no delay collapses to zero. `attempts` counts failures so far.
 */
export function backoffDelayMs(attempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Reads `Retry-After` (seconds, or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: unknown, now: Date): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
