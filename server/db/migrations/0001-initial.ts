import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './migration-kit';

/** The first schema: registrations, devices keyed by kind, idempotency records, lookup failures. */
export const initialMigration: MigrationFactory = ({ idColumn, idKey }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('registrations')
      .addColumn('registration_number', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_kana', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('privacy_policy_version', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', idColumn, idKey)
      .addColumn('registration_number', 'text', (c) => c.notNull().references('registrations.registration_number'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('vendor_key', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('serial', 'text')
      .addColumn('serial_key', 'text')
      .addColumn('hardware_uuid', 'text')
      .addColumn('usb_vendor_id', 'text')
      .addColumn('usb_product_id', 'text')
      .addColumn('installation_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('devices_identifiable', sql`serial_key is not null or hardware_uuid is not null`)
      .addCheckConstraint('devices_uuid_pc_only', sql`hardware_uuid is null or kind = 'pc'`)
      .execute();
    await db.schema.createIndex('devices_kind_vendor_serial_unique').on('devices').columns(['kind', 'vendor_key', 'serial_key']).unique().execute();
    await db.schema.createIndex('devices_hardware_uuid_unique').on('devices').column('hardware_uuid').unique().execute();
    await db.schema.createIndex('devices_registration_number').on('devices').column('registration_number').execute();
    await db.schema.createIndex('devices_kind').on('devices').column('kind').execute();

    await db.schema
      .createTable('idempotency_records')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'request_id'])
      .execute();

    await db.schema
      .createTable('lookup_failures')
      .addColumn('id', idColumn, idKey)
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lookup_failures_key_time').on('lookup_failures').columns(['key_hash', 'failed_at']).execute();
  },
});
