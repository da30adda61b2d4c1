import type { Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/**
 * `manifest_devices_coverage` (kind, vendor_key) duplicated the left part of the unique key index
 * (kind, vendor_key, serial_key), which answers "does the manifest cover this kind and vendor" just as
 * well; keeping both cost every imported row one more index entry (docs/performance.md).
 */
export const manifestKeyOnlyMigration: MigrationFactory = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('manifest_devices_coverage').ifExists().execute();
  },
});
