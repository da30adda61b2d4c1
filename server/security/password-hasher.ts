import argon2, { type HashOptions } from 'argon2';

/** Argon2id cost; OWASP's m=19 MiB, t=2, p=1 by default, lowered only in tests. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** Hashes run at once; about the core count: far more only queues work in the threadpool and starves the event loop. */
  concurrency: number;
}

/** A counting semaphore, so at most `limit` hashes occupy CPU cores at a time. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
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
  const limit = limiter(cost.concurrency);
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => limit(() => argon2.hash(password, options)),
    async verify(hash, password) {
      try {
        return await limit(() => argon2.verify(hash, password));
      } catch {
        return false;
      }
    },
    async verifyNothing(password) {
      dummyHash ??= limit(() => argon2.hash('not-a-real-password', options));
      try {
        const hash = await dummyHash;
        await limit(() => argon2.verify(hash, password));
      } catch {
        // the outcome is irrelevant; only the time spent matters
      }
      return false;
    },
  };
}
