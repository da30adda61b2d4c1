import { sql, type Kysely } from 'kysely';
import { customerSearchKeys } from '../../services/customer-search-keys';
import type { MigrationFactory } from './migration-kit';

const BACKFILL_BATCH = 1000;

interface KeySource {
  registration_number: string;
  name: string;
  name_kana: string | null;
  email: string | null;
  phone: string | null;
  country: string;
}

/** Fills the search keys of registrations stored before this migration, in keyset-paged batches. */
async function backfillSearchKeys(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<KeySource>`select registration_number, name, name_kana, email, phone, country from registrations where registration_number > ${after} order by registration_number limit ${BACKFILL_BATCH}`.execute(db);
    for (const row of rows) {
      const keys = customerSearchKeys(row);
      await sql`update registrations set email_key = ${keys.email_key}, phone_e164 = ${keys.phone_e164}, name_key = ${keys.name_key}, name_kana_key = ${keys.name_kana_key} where registration_number = ${row.registration_number}`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BACKFILL_BATCH) return;
    after = last.registration_number;
  }
}

/**
 * The operator side: program tokens, console sessions and pending sign-ins (all in the database, so
 * every host process agrees), recorded refusals, and the search keys of registrations with the
 * indexes operator search uses.
 */
export const operatorMigration: MigrationFactory = ({ dialect, idColumn, idKey }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // Prefix search compares bytes on both engines: SQLite's default, PostgreSQL's "C" collation.
    const keyText = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

    await db.schema
      .createTable('operator_tokens')
      .addColumn('id', idColumn, idKey)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('operator_tokens_active_name').on('operator_tokens').column('name').unique().where(sql.ref('revoked_at'), 'is', null).execute();

    await db.schema
      .createTable('operator_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .execute();

    await db.schema
      .createTable('operator_sign_ins')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('refusals')
      .addColumn('id', idColumn, idKey)
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('endpoint', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('serial', 'text')
      .addColumn('serial_key', 'text')
      .addColumn('hardware_uuid', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('matched_on', 'text')
      .addColumn('registration_number', 'text')
      .execute();
    await db.schema.createIndex('refusals_at').on('refusals').columns(['at', 'id']).execute();
    await db.schema.createIndex('refusals_serial_key').on('refusals').columns(['serial_key', 'at', 'id']).execute();
    await db.schema.createIndex('refusals_hardware_uuid').on('refusals').columns(['hardware_uuid', 'at', 'id']).execute();
    await db.schema.createIndex('refusals_registration').on('refusals').columns(['registration_number', 'at', 'id']).execute();

    for (const column of ['email_key', 'phone_e164', 'name_key', 'name_kana_key']) {
      await db.schema.alterTable('registrations').addColumn(column, keyText).execute();
    }
    await backfillSearchKeys(db);
    await db.schema.createIndex('registrations_email_key').on('registrations').columns(['email_key', 'created_at']).execute();
    await db.schema.createIndex('registrations_phone_e164').on('registrations').columns(['phone_e164', 'created_at']).execute();
    await db.schema.createIndex('registrations_name_key').on('registrations').columns(['name_key', 'created_at']).execute();
    await db.schema.createIndex('registrations_name_kana_key').on('registrations').columns(['name_kana_key', 'created_at']).execute();
    // Live registrations newest first (listing, /stats counts) without reading erased ones.
    await db.schema.createIndex('registrations_live_created').on('registrations').columns(['created_at', 'registration_number']).where(sql.ref('erased_at'), 'is', null).execute();
    await db.schema.createIndex('devices_serial_key').on('devices').columns(['serial_key']).where(sql.ref('released_at'), 'is', null).execute();
    await db.schema.createIndex('devices_export').on('devices').columns(['kind', 'id']).execute();
  },
});
