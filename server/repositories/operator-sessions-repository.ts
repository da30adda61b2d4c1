import type { Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, OperatorSessionsTable, OperatorSignInsTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored console session. */
export type OperatorSessionRow = Selectable<OperatorSessionsTable>;

/** Stores a new session (keyed by the hash of its cookie value). */
export async function insertSession(db: Db, row: Omit<OperatorSessionRow, 'ended_at'>): Promise<void> {
  await db.insertInto('operator_sessions').values({ ...row, ended_at: null }).execute();
}

/** The session with this id hash that has not ended (it may still be past its idle time). */
export async function findOpenSession(db: Db, idHash: string): Promise<OperatorSessionRow | undefined> {
  return db.selectFrom('operator_sessions').selectAll().where('id_hash', '=', idHash).where('ended_at', 'is', null).executeTakeFirst();
}

/** Records use of a session (its idle clock restarts). */
export async function touchSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.updateTable('operator_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Ends a session in the database (sign-out, idle timeout, expiry): no host accepts it afterwards. */
export async function endSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.updateTable('operator_sessions').set({ ended_at: now }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Stores a pending sign-in (state, nonce, PKCE verifier) between redirect and callback. */
export async function insertSignIn(db: Db, row: Selectable<OperatorSignInsTable>): Promise<void> {
  await db.insertInto('operator_sign_ins').values(row).execute();
}

/** Takes (reads and deletes) the pending sign-in of this state, so a callback is single use. */
export async function takeSignIn(db: Db, state: string): Promise<Selectable<OperatorSignInsTable> | undefined> {
  return db.deleteFrom('operator_sign_ins').where('state', '=', state).returningAll().executeTakeFirst();
}

/** Forgets sign-ins started before `before` (abandoned at the provider). */
export async function deleteSignInsBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('operator_sign_ins').where('created_at', '<', before).execute();
}
