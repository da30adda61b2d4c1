import type { Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, OperatorTokensTable } from '../db/schema';
import { uniqueViolationTarget } from '../db/unique-violation';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored operator token (its hash, never the token). */
export type OperatorTokenRow = Selectable<OperatorTokensTable>;

/** Thrown when an active token already has the name. */
export class TokenNameTakenError extends Error {
  override readonly name = 'TokenNameTakenError';
}

/** Stores a new token's hash; a unique index keeps active names unique across processes. */
export async function insertOperatorToken(db: Db, row: Omit<OperatorTokenRow, 'id' | 'revoked_at'>): Promise<void> {
  try {
    await db.insertInto('operator_tokens').values({ ...row, revoked_at: null }).execute();
  } catch (error) {
    if (uniqueViolationTarget(error) !== null) throw new TokenNameTakenError(`a token named ${row.name} already exists`);
    throw error;
  }
}

/** The active (unrevoked, unexpired) token with this hash. */
export async function findActiveToken(db: Db, tokenHash: string, now: number): Promise<OperatorTokenRow | undefined> {
  return db
    .selectFrom('operator_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

/** Revokes the active token of this name; false when there is none. */
export async function revokeTokenByName(db: Db, name: string, now: number): Promise<boolean> {
  const result = await db.updateTable('operator_tokens').set({ revoked_at: now }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every unrevoked token, oldest first. */
export async function listActiveTokens(db: Db): Promise<OperatorTokenRow[]> {
  return db.selectFrom('operator_tokens').selectAll().where('revoked_at', 'is', null).orderBy('id').execute();
}
