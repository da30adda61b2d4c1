import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { canonicalIdentity, DEVICE_KINDS, type DeviceKind } from '../../../protocol';
import type { MigrationFactory } from './migration-kit';

const REKEY_BATCH = 1000;

const isKind = (kind: string): kind is DeviceKind => (DEVICE_KINDS as readonly string[]).includes(kind);

/**
 * Re-keys registered devices by the canonical vendor key (protocol/canonical-identity.ts). A row
 * whose new key would collide with another held key keeps its old key, so the migration never
 * fails on data that was accepted before; such pairs are left for operators to judge.
 */
async function rekeyVendors(db: Kysely<unknown>): Promise<void> {
  const taken = new Set<string>();
  const updates: Array<{ id: number; vendorKey: string }> = [];
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number | string; kind: string; vendor: string; vendor_key: string; serial_key: string | null; released_at: number | null }>`
      select id, kind, vendor, vendor_key, serial_key, released_at from devices where id > ${after} order by id limit ${REKEY_BATCH}`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      after = Number(row.id);
      if (!isKind(row.kind)) continue;
      const vendorKey = canonicalIdentity({ kind: row.kind, vendor: row.vendor, source: 'manual' }).vendorKey;
      const held = row.released_at === null && row.serial_key !== null;
      const slot = `${row.kind}\u0000${vendorKey}\u0000${row.serial_key ?? ''}`;
      if (held && taken.has(slot)) continue;
      if (held) taken.add(slot);
      if (vendorKey !== row.vendor_key && vendorKey !== '') updates.push({ id: Number(row.id), vendorKey });
    }
  }
  for (const update of updates) await sql`update devices set vendor_key = ${update.vendorKey} where id = ${update.id}`.execute(db);
}

/** The columns manifest_devices and manifest_staging share: one shipped device, keyed as registrations are. */
function manifestDeviceColumns<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('serial_key', 'text', (c) => c.notNull())
    .addColumn('hardware_uuid', 'text')
    .addColumn('ek_public_sha256', 'text')
    .addColumn('shipped_at', 'bigint');
}

/**
 * Genuine devices: canonical vendor keys for devices already registered, and the maker's manifest
 * (the devices it shipped, one row per (kind, vendor key, serial key), and one row per import).
 */
export const genuineMigration: MigrationFactory = ({ idColumn, idKey }) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await rekeyVendors(db);

    await db.schema
      .createTable('manifests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('added', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('updated', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .execute();

    await manifestDeviceColumns(db.schema.createTable('manifest_devices').addColumn('id', idColumn, idKey))
      .addColumn('manifest_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('manifest_devices_key').on('manifest_devices').columns(['kind', 'vendor_key', 'serial_key']).unique().execute();
    // Rows of an import in progress: the import lands in manifest_devices in one transaction at its end, or not at all.
    await manifestDeviceColumns(db.schema.createTable('manifest_staging'))
      .addColumn('manifest_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('manifest_staging_key').on('manifest_staging').columns(['manifest_id', 'kind', 'vendor_key', 'serial_key']).unique().execute();
    // "Does the manifest cover this (kind, vendor)?" is asked on every registration under a policy.
    await db.schema.createIndex('manifest_devices_coverage').on('manifest_devices').columns(['kind', 'vendor_key']).execute();
  },
});
