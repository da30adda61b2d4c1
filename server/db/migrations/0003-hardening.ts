import type { Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/** Every lookup purges all expired lookup failures by time, which needs its own index. */
export const hardeningMigration: MigrationFactory = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('lookup_failures_failed_at').on('lookup_failures').column('failed_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('lookup_failures_failed_at').execute();
  },
});
