import type { Kysely } from 'kysely';
import type { HostDatabase } from '../db/schema';
import { appendAuditEvent } from '../repositories/audit-repository';
import { insertOperatorToken, listActiveTokens, revokeTokenByName } from '../repositories/operator-tokens-repository';
import { hashOperatorSecret, newOperatorToken } from '../security/operator-secrets';
import type { OperatorRole } from './operator-roles';

const DAY_MS = 86_400_000;
/** Who the audit names for tokens made and revoked on the command line. */
const CLI_ACTOR = { type: 'system', name: 'operator-cli' } as const;

/** A token just made: the secret (shown once) and what is stored about it. */
export interface CreatedToken {
  token: string;
  name: string;
  role: OperatorRole;
  expiresAt: number | null;
}

/** Makes a program token: stores only its keyed hash, audits `token_created` in the same transaction. */
export async function createOperatorToken(
  db: Kysely<HostDatabase>,
  hashKey: Uint8Array,
  request: { name: string; role: OperatorRole; expiresDays?: number },
  now: number,
): Promise<CreatedToken> {
  const token = newOperatorToken();
  const expiresAt = request.expiresDays === undefined ? null : now + request.expiresDays * DAY_MS;
  await db.transaction().execute(async (trx) => {
    await insertOperatorToken(trx, { name: request.name, role: request.role, token_hash: hashOperatorSecret(hashKey, token), created_at: now, expires_at: expiresAt });
    await appendAuditEvent(trx, { at: now, actor: CLI_ACTOR, action: 'token_created', reason: `token ${request.name} (${request.role})` });
  });
  return { token, name: request.name, role: request.role, expiresAt };
}

/** Revokes the token of this name at once (every host checks the database); false when none is active. */
export async function revokeOperatorToken(db: Kysely<HostDatabase>, name: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeTokenByName(trx, name, now);
    if (revoked) await appendAuditEvent(trx, { at: now, actor: CLI_ACTOR, action: 'token_revoked', reason: `token ${name}` });
    return revoked;
  });
}

/** The active tokens, without any secret. */
export async function listOperatorTokens(db: Kysely<HostDatabase>): Promise<Array<{ name: string; role: string; createdAt: number; expiresAt: number | null }>> {
  return (await listActiveTokens(db)).map((row) => ({ name: row.name, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at }));
}
