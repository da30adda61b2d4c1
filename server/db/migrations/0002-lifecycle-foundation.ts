import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/**
 * What the operator side and the customer lifecycle both stand on: public device ids, released
 * devices (kept, but out of the unique keys), erasure, token versions, the registration's locale,
 * consent history, the append-only audit and per-device findings.
 */
export const lifecycleFoundationMigration: MigrationFactory = ({ dialect, idColumn, idKey }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('registrations').addColumn('locale', 'text', (c) => c.notNull().defaultTo('ja')).execute();
    await db.schema.alterTable('registrations').addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('registrations').addColumn('erased_at', 'bigint').execute();

    await db.schema.alterTable('devices').addColumn('public_id', 'text').execute();
    await db.schema.alterTable('devices').addColumn('released_at', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('edid_product_code', 'text').execute();
    const randomId = dialect === 'postgres' ? sql`substr(md5(random()::text || id::text), 1, 24)` : sql`lower(hex(randomblob(12)))`;
    await sql`update devices set public_id = ${randomId} where public_id is null`.execute(db);
    await db.schema.createIndex('devices_public_id_unique').on('devices').column('public_id').unique().execute();

    // A released device stays on record (export, audit) but no longer holds its keys.
    await db.schema.dropIndex('devices_kind_vendor_serial_unique').execute();
    await db.schema.dropIndex('devices_hardware_uuid_unique').execute();
    await db.schema
      .createIndex('devices_kind_vendor_serial_unique')
      .on('devices')
      .columns(['kind', 'vendor_key', 'serial_key'])
      .unique()
      .where(sql.ref('released_at'), 'is', null)
      .execute();
    await db.schema.createIndex('devices_hardware_uuid_unique').on('devices').column('hardware_uuid').unique().where(sql.ref('released_at'), 'is', null).execute();

    await db.schema
      .createTable('consents')
      .addColumn('id', idColumn, idKey)
      .addColumn('registration_number', 'text', (c) => c.notNull().references('registrations.registration_number'))
      .addColumn('privacy_policy_version', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consents_registration').on('consents').columns(['registration_number', 'id']).execute();
    await sql`insert into consents (registration_number, privacy_policy_version, at) select registration_number, privacy_policy_version, created_at from registrations`.execute(db);

    await db.schema
      .createTable('audit_events')
      .addColumn('id', idColumn, idKey)
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('registration_number', 'text')
      .addColumn('device_id', 'text')
      .addColumn('fields', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute();
    await db.schema.createIndex('audit_events_registration').on('audit_events').columns(['registration_number', 'id']).execute();
    await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_name', 'id']).execute();

    await db.schema
      .createTable('device_findings')
      .addColumn('device_id', 'bigint', (c) => c.notNull())
      .addColumn('finding', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_findings_pk', ['device_id', 'finding'])
      .execute();
  },
});
