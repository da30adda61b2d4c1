import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { bulkInsert, pgColumnArrays, type BulkColumn } from '../db/bulk-insert';
import type { HostDatabase, ManifestsTable, ManifestStagingTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;

/** A checked manifest row waiting in the staging table. */
export type NewManifestRow = Insertable<ManifestStagingTable>;

/** The staged columns, in one place for the bulk insert. */
const STAGED_COLUMNS: ReadonlyArray<BulkColumn<NewManifestRow>> = [
  { name: 'manifest_id', pgType: 'text' },
  { name: 'line', pgType: 'integer' },
  { name: 'kind', pgType: 'text' },
  { name: 'vendor', pgType: 'text' },
  { name: 'vendor_key', pgType: 'text' },
  { name: 'model', pgType: 'text' },
  { name: 'serial', pgType: 'text' },
  { name: 'serial_key', pgType: 'text' },
  { name: 'hardware_uuid', pgType: 'text' },
  { name: 'ek_public_sha256', pgType: 'text' },
  { name: 'shipped_at', pgType: 'bigint' },
];

/**
 * SQLite: stages one batch as one bulk insert (server/db/bulk-insert.ts); a row whose key this
 * import already staged is skipped (PostgreSQL imports merge batch by batch: mergeBatchOnPostgres). Returns the lines stored, so the caller names the others
 * DUPLICATE_IN_FILE (within a batch the first line wins: rows go in in file order).
 */
export async function stageManifestRows(db: Db, rows: readonly NewManifestRow[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const { rows: stored } = await bulkInsert('sqlite', 'manifest_staging', STAGED_COLUMNS, rows, sql`on conflict do nothing returning line`).execute(db);
  return new Set((stored as Array<{ line: number | string }>).map((row) => Number(row.line)));
}

/** Drops what an import staged (after a failure, or once merged). */
export async function discardStagedManifest(db: Db, manifestId: string): Promise<void> {
  await db.deleteFrom('manifest_staging').where('manifest_id', '=', manifestId).execute();
}

/** What merging a staged import did. */
export interface ManifestMerge {
  added: number;
  unchanged: number;
  updated: number;
}

/**
 * SQLite: moves a staged import into manifest_devices (inside the caller's transaction): new keys are
 * added, keys whose model, vendor text, UUID, EK digest or ship date differ are updated (and take
 * this manifest's id), the rest are unchanged.
 */
export async function mergeStagedManifest(trx: Transaction<HostDatabase>, manifestId: string): Promise<ManifestMerge> {
  const { rows } = await sql<{ staged: number | string; existing: number | string; unchanged: number | string }>`
    select count(*) as staged,
      count(m.serial_key) as existing,
      count(case when m.vendor = s.vendor and m.model = s.model and m.hardware_uuid is s.hardware_uuid
        and m.ek_public_sha256 is s.ek_public_sha256 and m.shipped_at is s.shipped_at then 1 end) as unchanged
    from manifest_staging s
    left join manifest_devices m on m.kind = s.kind and m.vendor_key = s.vendor_key and m.serial_key = s.serial_key
    where s.manifest_id = ${manifestId}`.execute(trx);
  const counts = rows[0];
  const staged = Number(counts?.staged ?? 0);
  const existing = Number(counts?.existing ?? 0);
  const unchanged = Number(counts?.unchanged ?? 0);
  await sql`
    insert into manifest_devices (kind, vendor, vendor_key, model, serial, serial_key, hardware_uuid, ek_public_sha256, shipped_at, manifest_id)
    select kind, vendor, vendor_key, model, serial, serial_key, hardware_uuid, ek_public_sha256, shipped_at, manifest_id
    from manifest_staging where manifest_id = ${manifestId}
    on conflict (kind, vendor_key, serial_key) do update set
      vendor = excluded.vendor, model = excluded.model, serial = excluded.serial, hardware_uuid = excluded.hardware_uuid,
      ek_public_sha256 = excluded.ek_public_sha256, shipped_at = excluded.shipped_at, manifest_id = excluded.manifest_id
    where not (manifest_devices.vendor = excluded.vendor and manifest_devices.model = excluded.model
      and manifest_devices.hardware_uuid is excluded.hardware_uuid and manifest_devices.ek_public_sha256 is excluded.ek_public_sha256
      and manifest_devices.shipped_at is excluded.shipped_at)`.execute(trx);
  await discardStagedManifest(trx, manifestId);
  return { added: staged - existing, unchanged, updated: existing - unchanged };
}

/** The devices' columns a batch is merged with (the staged columns less the line). */
const DEVICE_COLUMNS = STAGED_COLUMNS.filter((column) => column.name !== 'line');

/**
 * PostgreSQL: the keys an import has seen, private to its transaction and gone at its end (a temporary
 * table is never written to the WAL, and a rollback or a dead connection leaves nothing to clean).
 */
export async function createImportKeysOnPostgres(trx: Transaction<HostDatabase>): Promise<void> {
  await sql`create temporary table manifest_import_keys (kind text not null, vendor_key text not null, serial_key text not null, line integer not null, primary key (kind, vendor_key, serial_key)) on commit drop`.execute(trx);
}

/**
 * PostgreSQL, one statement per batch inside the import's own long transaction (the batch crosses the
 * wire once, as one array per column): claims the batch's keys in the import's temporary key table
 * (a key this import has seen, or a second one in the batch, is not claimed: the first line wins) and
 * upserts the claimed rows into manifest_devices while the host reads the next batch. New keys are
 * added; keys whose model, vendor text, UUID, EK digest or ship date differ are updated (and take this
 * manifest's id); the rest are left as they are. `xmax = 0` marks a row the statement inserted.
 */
export async function mergeBatchOnPostgres(trx: Transaction<HostDatabase>, rows: readonly NewManifestRow[]): Promise<{ claimed: Set<number>; added: number; updated: number }> {
  if (rows.length === 0) return { claimed: new Set(), added: 0, updated: 0 };
  const names = sql.raw(STAGED_COLUMNS.map((column) => column.name).join(', '));
  const devices = sql.raw(DEVICE_COLUMNS.map((column) => column.name).join(', '));
  const { rows: answer } = await sql<{ claimed: number[]; added: number; changed: number }>`
    with batch as (select * from unnest(${pgColumnArrays(STAGED_COLUMNS, rows)}) as b(${names})),
    claimed as (
      insert into manifest_import_keys (kind, vendor_key, serial_key, line) select kind, vendor_key, serial_key, line from batch
      on conflict do nothing returning line),
    merged as (
      insert into manifest_devices (${devices}) select ${devices} from batch where line in (select line from claimed)
      on conflict (kind, vendor_key, serial_key) do update set
        vendor = excluded.vendor, model = excluded.model, serial = excluded.serial, hardware_uuid = excluded.hardware_uuid,
        ek_public_sha256 = excluded.ek_public_sha256, shipped_at = excluded.shipped_at, manifest_id = excluded.manifest_id
      where not (manifest_devices.vendor = excluded.vendor and manifest_devices.model = excluded.model
        and manifest_devices.hardware_uuid is not distinct from excluded.hardware_uuid and manifest_devices.ek_public_sha256 is not distinct from excluded.ek_public_sha256
        and manifest_devices.shipped_at is not distinct from excluded.shipped_at)
      returning (xmax = 0) as inserted)
    select array(select line from claimed) as claimed,
      (select count(*) from merged where inserted)::integer as added,
      (select count(*) from merged)::integer as changed`.execute(trx);
  const counts = answer[0];
  const added = counts?.added ?? 0;
  return { claimed: new Set((counts?.claimed ?? []).map(Number)), added, updated: (counts?.changed ?? 0) - added };
}

/** Records one import's summary. */
export async function insertManifest(trx: Transaction<HostDatabase>, manifest: ManifestsTable): Promise<void> {
  await trx.insertInto('manifests').values(manifest).execute();
}

/** The manifest row of a device, or whether the manifest covers its (kind, vendor key) at all. */
export async function findManifestDevice(db: Db, kind: string, vendorKey: string, serialKey: string | null) {
  const row =
    serialKey === null
      ? undefined
      : await db.selectFrom('manifest_devices').select(['model', 'hardware_uuid', 'ek_public_sha256']).where('kind', '=', kind).where('vendor_key', '=', vendorKey).where('serial_key', '=', serialKey).executeTakeFirst();
  if (row !== undefined) return { covered: true, row } as const;
  const any = await db.selectFrom('manifest_devices').select('id').where('kind', '=', kind).where('vendor_key', '=', vendorKey).limit(1).executeTakeFirst();
  return { covered: any !== undefined, row: null } as const;
}
