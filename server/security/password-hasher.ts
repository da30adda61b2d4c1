import argon2, { type HashOptions } from 'argon2';
import { ApiError } from '../http/api-error';
import { currentHashClient } from './hash-clients';

/** Argon2id cost; OWASP's m=19 MiB, t=2, p=1 by default, lowered only in tests. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** Hashes run at once; about the core count: far more only queues work in the threadpool and starves the event loop. */
  concurrency: number;
  /** Hashes that may wait for a turn (PASSWORD_HASH_QUEUE); one more is 503. */
  queue: number;
}

/** Runs a hash for a client when its turn comes. */
type Scheduler = <T>(client: string, task: () => Promise<T>) => Promise<T>;

/**
 * At most `limit` hashes occupy the cores at a time; the rest wait in one queue per client, served
 * round-robin, so one client's burst cannot delay another client's registration by its whole length.
 * Past `maxWaiting` the answer is 503 with Retry-After instead of an ever longer wait (API.md).
 */
function fairScheduler(limit: number, maxWaiting: number): Scheduler {
  let active = 0;
  let waiting = 0;
  // Map order is the round: the client just served goes to the back if it still has hashes waiting.
  const queues = new Map<string, Array<() => void>>();
  const nextInTurn = (): (() => void) | undefined => {
    const first = queues.entries().next();
    if (first.done === true) return undefined;
    const [client, queue] = first.value;
    const next = queue.shift();
    queues.delete(client);
    if (queue.length > 0) queues.set(client, queue);
    return next;
  };
  return async <T>(client: string, task: () => Promise<T>): Promise<T> => {
    if (active >= limit) {
      if (waiting >= maxWaiting) throw new ApiError('SERVICE_UNAVAILABLE', 'the host is busy; try again shortly', { retryAfterSeconds: 1 });
      waiting += 1;
      await new Promise<void>((resolve) => {
        const queue = queues.get(client);
        if (queue) queue.push(resolve);
        else queues.set(client, [resolve]);
      });
    } else active += 1;
    try {
      return await task();
    } finally {
      const next = nextInTurn();
      if (next) {
        waiting -= 1;
        next();
      } else active -= 1;
    }
  };
}

/** Hashes and verifies passwords on libuv's threadpool so the event loop never blocks on them. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verify when there is no hash, so unknown devices are not faster. */
  verifyNothing(password: string): Promise<false>;
}

/** Builds the argon2id hasher for the given cost. */
export function createPasswordHasher(cost: PasswordHashCost): PasswordHasher {
  const options: HashOptions & { raw?: false } = { type: argon2.argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism };
  const schedule = fairScheduler(cost.concurrency, cost.queue);
  const limit = <T>(task: () => Promise<T>) => schedule(currentHashClient(), task);
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => limit(() => argon2.hash(password, options)),
    // A malformed stored hash is a failed sign-in; a full queue (503) still reaches the client.
    verify: (hash, password) => limit(() => argon2.verify(hash, password).catch(() => false)),
    async verifyNothing(password) {
      dummyHash ??= limit(() => argon2.hash('not-a-real-password', options));
      const hash = await dummyHash.catch((error: unknown) => {
        dummyHash = undefined;
        throw error;
      });
      await limit(() => argon2.verify(hash, password).catch(() => false));
      return false;
    },
  };
}
