import { sql, type Kysely } from 'kysely';
import type { Dialect } from './migrations';
import type { HostDatabase } from './schema';

/**
 * After an erasure: SQLite (secure_delete on) has zeroed the freed bytes in the main file; this
 * folds the WAL back and truncates it so no old page with erased values stays on disk.
 * PostgreSQL's dumps and live rows hold only current values, so there is nothing to do there.
 */
export async function compactAfterErasure(db: Kysely<HostDatabase>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
