import type { Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, RecoveryCodesTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A registration's live recovery code. */
export type RecoveryCodeRow = Selectable<RecoveryCodesTable>;

/** Stores the registration's code, replacing any earlier one (a new request voids the previous code). */
export async function replaceRecoveryCode(db: Db, row: { registrationNumber: string; codeHash: string; expiresAt: number }): Promise<void> {
  await db
    .insertInto('recovery_codes')
    .values({ registration_number: row.registrationNumber, code_hash: row.codeHash, expires_at: row.expiresAt, wrong_tries: 0 })
    .onConflict((oc) => oc.column('registration_number').doUpdateSet({ code_hash: row.codeHash, expires_at: row.expiresAt, wrong_tries: 0 }))
    .execute();
}

/** The registration's live code, if any. */
export async function findRecoveryCode(db: Db, registrationNumber: string): Promise<RecoveryCodeRow | undefined> {
  return db.selectFrom('recovery_codes').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirst();
}

/** Counts one wrong code; returns the tries so far. */
export async function countWrongCode(db: Db, registrationNumber: string): Promise<number> {
  const row = await db
    .updateTable('recovery_codes')
    .set((eb) => ({ wrong_tries: eb('wrong_tries', '+', 1) }))
    .where('registration_number', '=', registrationNumber)
    .returning('wrong_tries')
    .executeTakeFirst();
  return row ? Number(row.wrong_tries) : 0;
}

/** Voids the registration's code (used, void after too many wrong tries, or erased). */
export async function deleteRecoveryCode(db: Db, registrationNumber: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('registration_number', '=', registrationNumber).execute();
}

/** Uses the code: deletes it if it is still this one; false when a concurrent confirm (or a new request) got there first. */
export async function claimRecoveryCode(db: Db, registrationNumber: string, codeHash: string): Promise<boolean> {
  const result = await db.deleteFrom('recovery_codes').where('registration_number', '=', registrationNumber).where('code_hash', '=', codeHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
