import type { Kysely, Transaction } from 'kysely';
import type { HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;

/** Records one attempt against a device key; it counts as a failure until a success clears the key. */
export async function recordAttempt(db: Db, keyHash: string, now: number): Promise<number> {
  const row = await db.insertInto('lookup_failures').values({ key_hash: keyHash, failed_at: now }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Times of attempts on a key inside the window that came before (or are) the given attempt, oldest first. */
export async function attemptsUpTo(db: Db, keyHash: string, attemptId: number, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('lookup_failures')
    .select('failed_at')
    .where('key_hash', '=', keyHash)
    .where('id', '<=', attemptId)
    .where('failed_at', '>', since)
    .orderBy('failed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.failed_at));
}

/** Forgets attempts: one refused attempt (429 does not count) or, by key, everything on a success. */
export async function deleteAttempts(db: Db, filter: { ids?: number[]; keyHashes?: string[]; olderThan?: number }): Promise<void> {
  let query = db.deleteFrom('lookup_failures');
  if (filter.ids) query = query.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.keyHashes) query = query.where('key_hash', 'in', filter.keyHashes.length ? filter.keyHashes : ['']);
  if (filter.olderThan !== undefined) query = query.where('failed_at', '<=', filter.olderThan);
  await query.execute();
}
