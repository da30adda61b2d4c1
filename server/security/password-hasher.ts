import crypto from 'node:crypto';
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
  /**
   * Spends the time of a real verify when there is no hash, so unknown devices are not faster:
   * against a dummy hash of the same cost as `imitating` (a stored hash), else of today's cost.
   */
  verifyNothing(password: string, imitating?: string): Promise<false>;
  /** True when a stored hash was made at another cost than today's, so a sign-in should replace it. */
  needsRehash(hash: string): boolean;
}

/** The argon2id cost written in a PHC string (`$argon2id$v=19$m=…,p=…,t=…$…`, in any order), or null when it is not one. */
function costOf(hash: string): { memoryCost: number; timeCost: number; parallelism: number } | null {
  const params = /^\$argon2id\$v=\d+\$([a-z0-9=,]+)\$/.exec(hash)?.[1];
  if (params === undefined) return null;
  const values = new Map(params.split(',').map((pair): [string, number] => [pair.split('=')[0] ?? '', Number(pair.split('=')[1])]));
  const [memoryCost, timeCost, parallelism] = [values.get('m'), values.get('t'), values.get('p')];
  if (!memoryCost || !timeCost || !parallelism) return null;
  return { memoryCost, timeCost, parallelism };
}

/** Builds the argon2id hasher for the given cost. */
export function createPasswordHasher(cost: PasswordHashCost): PasswordHasher {
  const options: HashOptions & { raw?: false } = { type: argon2.argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism };
  const schedule = fairScheduler(cost.concurrency, cost.queue);
  const limit = <T>(task: () => Promise<T>) => schedule(currentHashClient(), task);
  // One dummy hash per cost seen among stored hashes (a handful: one per past cost setting).
  const dummyHashes = new Map<string, Promise<string>>();
  const dummyHash = (imitating: string | undefined): Promise<string> => {
    const imitated = imitating === undefined ? null : costOf(imitating);
    const dummyOptions = imitated ? { ...options, ...imitated } : options;
    const key = `${dummyOptions.memoryCost},${dummyOptions.timeCost},${dummyOptions.parallelism}`;
    let made = dummyHashes.get(key);
    if (!made) {
      made = limit(() => argon2.hash('not-a-real-password', dummyOptions));
      made.catch(() => dummyHashes.delete(key));
      dummyHashes.set(key, made);
    }
    return made;
  };
  return {
    // The salt is drawn here, synchronously (16 bytes from the CSPRNG, as argon2 would): argon2's own is a threadpool round trip per hash.
    hash: (password) => limit(() => argon2.hash(password, { ...options, salt: crypto.randomBytes(16) })),
    // A malformed stored hash is a failed sign-in; a full queue (503) still reaches the client.
    verify: (hash, password) => limit(() => argon2.verify(hash, password).catch(() => false)),
    async verifyNothing(password, imitating) {
      const hash = await dummyHash(imitating);
      await limit(() => argon2.verify(hash, password).catch(() => false));
      return false;
    },
    needsRehash: (hash) => {
      const stored = costOf(hash);
      return stored === null || stored.memoryCost !== options.memoryCost || stored.timeCost !== options.timeCost || stored.parallelism !== options.parallelism;
    },
  };
}
