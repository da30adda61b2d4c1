import type { Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/** TPM attestation of PCs: open credential challenges, and on each device whether it was attested and by which EK. */
export const attestationMigration: MigrationFactory = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('devices').addColumn('attested', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('devices').addColumn('ek_public_sha256', 'text').execute();
    await db.schema
      .createTable('attestation_challenges')
      .addColumn('attestation_id', 'text', (c) => c.primaryKey())
      .addColumn('secret_sha256', 'text', (c) => c.notNull())
      .addColumn('ek_public_sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema.createIndex('attestation_challenges_expires').on('attestation_challenges').column('expires_at').execute();
  },
});
