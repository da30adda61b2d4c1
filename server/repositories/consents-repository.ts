import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ConsentsTable, HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** One recorded consent. */
export type ConsentRow = Selectable<ConsentsTable>;

/** Records that the registration consented to this policy version now (history, never overwritten). */
export async function recordConsent(db: Db, registrationNumber: string, privacyPolicyVersion: string, at: number): Promise<void> {
  await db.insertInto('consents').values({ registration_number: registrationNumber, privacy_policy_version: privacyPolicyVersion, at }).execute();
}

/** A registration's consents, oldest first. */
export async function listConsents(db: Db, registrationNumber: string): Promise<ConsentRow[]> {
  return db.selectFrom('consents').selectAll().where('registration_number', '=', registrationNumber).orderBy('id').execute();
}
