import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, RegistrationsTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored registration as read back. */
export type RegistrationRow = Selectable<RegistrationsTable>;

/** Inserts a registration unless its number is taken; false tells the caller to draw another number. */
export async function insertRegistrationIfNumberFree(db: Db, row: Insertable<RegistrationsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('registrations')
    .values(row)
    .onConflict((oc) => oc.column('registration_number').doNothing())
    .returning('registration_number')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The registration with this canonical number, if any. */
export async function findRegistration(db: Db, registrationNumber: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirst();
}

/** Overwrites the customer fields (and optionally the password hash) of one registration. */
export async function updateRegistration(
  db: Db,
  registrationNumber: string,
  changes: Partial<Omit<RegistrationRow, 'registration_number' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('registrations').set(changes).where('registration_number', '=', registrationNumber).execute();
}

/**
 * The password hash of a registration drawn at random (the first at or after a random number,
 * through the primary key, so cheap at any size): what an unknown-device lookup imitates.
 */
export async function sampleStoredHash(db: Db, fromNumber: string): Promise<string | undefined> {
  const at = (query: ReturnType<typeof hashesFrom>) => query.orderBy('registration_number').limit(1).executeTakeFirst();
  const hashesFrom = (d: Db) => d.selectFrom('registrations').select('password_hash').where('erased_at', 'is', null);
  const row = (await at(hashesFrom(db).where('registration_number', '>=', fromNumber))) ?? (await at(hashesFrom(db)));
  return row?.password_hash;
}

/** Replaces a password hash made at an old cost, unless the password changed meanwhile (then the newer hash stays). */
export async function replacePasswordHash(db: Db, registrationNumber: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('registrations').set({ password_hash: newHash }).where('registration_number', '=', registrationNumber).where('password_hash', '=', oldHash).execute();
}
