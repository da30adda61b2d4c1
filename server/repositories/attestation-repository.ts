import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AttestationChallengesTable, HostDatabase } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored challenge. */
export type AttestationChallengeRow = Selectable<AttestationChallengesTable>;

/** Stores a new challenge, and drops challenges that expired long ago so the table stays small. */
export async function insertChallenge(db: Db, row: Insertable<AttestationChallengesTable>, forgetBefore: number): Promise<void> {
  await db.deleteFrom('attestation_challenges').where('expires_at', '<', forgetBefore).execute();
  await db.insertInto('attestation_challenges').values(row).execute();
}

/** The challenge while it can still be answered: unused and unexpired. */
export async function findOpenChallenge(db: Db, attestationId: string, now: number): Promise<AttestationChallengeRow | undefined> {
  return db
    .selectFrom('attestation_challenges')
    .selectAll()
    .where('attestation_id', '=', attestationId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the challenge used; false when another request used it first (the update is the single-use guarantee). */
export async function consumeChallenge(db: Db, attestationId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('attestation_challenges')
    .set({ used_at: now })
    .where('attestation_id', '=', attestationId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
