import type { Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/**
 * The customer lifecycle (issue #9): the mail queue written in the change's transaction, recovery
 * codes (keyed hashes only) and second-hand transfers.
 */
export const lifecycleMigration: MigrationFactory = ({ idColumn, idKey }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mail_queue')
      .addColumn('id', idColumn, idKey)
      .addColumn('message_id', 'text', (c) => c.notNull().unique())
      .addColumn('notice', 'text', (c) => c.notNull())
      .addColumn('registration_number', 'text')
      .addColumn('to_address', 'text')
      .addColumn('subject', 'text')
      .addColumn('text_body', 'text')
      .addColumn('html_body', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claimed_until', 'bigint')
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['sent_at', 'next_attempt_at']).execute();
    await db.schema.createIndex('mail_queue_registration').on('mail_queue').column('registration_number').execute();

    await db.schema
      .createTable('recovery_codes')
      .addColumn('registration_number', 'text', (c) => c.primaryKey().references('registrations.registration_number'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('wrong_tries', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('registration_number', 'text', (c) => c.notNull())
      .addColumn('decision_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('owner_until', 'bigint')
      .addColumn('decided_at', 'bigint')
      .addColumn('decided_by', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('transfers_status').on('transfers').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('transfers_device').on('transfers').columns(['device_id', 'status']).execute();
  },
});
