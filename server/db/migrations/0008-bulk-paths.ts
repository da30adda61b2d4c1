import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/**
 * Bulk paths at 10^6 rows (docs/performance.md): on PostgreSQL the manifest staging table is
 * UNLOGGED, so staged rows are not written to the WAL twice (staging, then manifest_devices). Staged
 * rows are transient by design: an import lands in manifest_devices in one logged transaction or not
 * at all, and after a crash PostgreSQL empties an unlogged table, which is what a dead import leaves.
 */
export const bulkPathsMigration: MigrationFactory = ({ dialect }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'postgres') await sql`alter table manifest_staging set unlogged`.execute(db);
  },
});
