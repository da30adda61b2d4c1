import type { Kysely, Transaction } from 'kysely';
import type { HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;

/** Request-id spaces: new + sealed registrations share one, adding a device has its own. */
export type IdempotencyScope = 'registration' | 'add-device';

/** A request id already used: the keyed hash of its body and the 201 it produced. */
export interface IdempotencyRecord {
  bodyHash: string;
  responseBody: string | null;
}

/**
 * Claims a request id inside the caller's transaction. Returns null when claimed, else the record
 * that already holds it (PostgreSQL waits for a concurrent claimer to commit or roll back first).
 */
export async function claimRequestId(db: Db, scope: IdempotencyScope, requestId: string, bodyHash: string, now: number): Promise<IdempotencyRecord | null> {
  const claimed = await db
    .insertInto('idempotency_records')
    .values({ scope, request_id: requestId, body_hash: bodyHash, response_body: null, created_at: now })
    .onConflict((oc) => oc.columns(['scope', 'request_id']).doNothing())
    .returning('request_id')
    .executeTakeFirst();
  if (claimed) return null;
  const existing = await findRequestId(db, scope, requestId);
  return existing ?? { bodyHash: '', responseBody: null };
}

/** The record of a request id, if it produced a 201. */
export async function findRequestId(db: Db, scope: IdempotencyScope, requestId: string): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_records')
    .select(['body_hash', 'response_body'])
    .where('scope', '=', scope)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row ? { bodyHash: row.body_hash, responseBody: row.response_body } : undefined;
}

/** Stores the 201 for a claimed request id, in the same transaction that registered. */
export async function completeRequestId(db: Db, scope: IdempotencyScope, requestId: string, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_records').set({ response_body: responseBody }).where('scope', '=', scope).where('request_id', '=', requestId).execute();
}
