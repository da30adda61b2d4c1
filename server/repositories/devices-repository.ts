import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DevicesTable, HostDatabase } from '../db/schema';
import { uniqueViolationTarget } from '../db/unique-violation';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored device as read back. */
export type DeviceRow = Selectable<DevicesTable>;
/** A device row to insert (the id is generated). */
export type NewDeviceRow = Insertable<DevicesTable>;

/** Thrown when a unique index refuses a device: the device is already registered. */
export class DeviceAlreadyRegisteredError extends Error {
  override readonly name = 'DeviceAlreadyRegisteredError';
  constructor(readonly matchedOn: 'serial' | 'hardwareUuid') {
    super(`device already registered (matched on ${matchedOn})`);
  }
}

/** Inserts a device; the unique indexes (not a prior SELECT) decide whether it is a duplicate. */
export async function insertDevice(db: Db, row: NewDeviceRow): Promise<void> {
  try {
    await db.insertInto('devices').values(row).execute();
  } catch (error) {
    const target = uniqueViolationTarget(error);
    if (target === null) throw error;
    throw new DeviceAlreadyRegisteredError(target.includes('hardware_uuid') ? 'hardwareUuid' : 'serial');
  }
}

/** The device matching either key: the PC's hardware UUID first, then (kind, vendor, serial). */
export async function findDeviceByKeys(
  db: Db,
  keys: { kind: string; vendorKey: string; serialKey: string | null; hardwareUuid: string | null },
): Promise<DeviceRow | undefined> {
  if (keys.hardwareUuid !== null) {
    const byUuid = await db.selectFrom('devices').selectAll().where('hardware_uuid', '=', keys.hardwareUuid).where('released_at', 'is', null).executeTakeFirst();
    if (byUuid) return byUuid;
  }
  if (keys.serialKey === null) return undefined;
  return db
    .selectFrom('devices')
    .selectAll()
    .where('kind', '=', keys.kind)
    .where('vendor_key', '=', keys.vendorKey)
    .where('serial_key', '=', keys.serialKey)
    .where('released_at', 'is', null)
    .executeTakeFirst();
}

/** True when some registered PC has this hardware UUID (used only to explain a refused insert). */
export async function hardwareUuidTaken(db: Db, hardwareUuid: string): Promise<boolean> {
  const row = await db.selectFrom('devices').select('id').where('hardware_uuid', '=', hardwareUuid).where('released_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** The devices of one registration, oldest first: those it holds now, or with `includeReleased` every one it ever held. */
export async function listDevicesOfRegistration(db: Db, registrationNumber: string, options: { includeReleased?: boolean } = {}): Promise<DeviceRow[]> {
  let query = db.selectFrom('devices').selectAll().where('registration_number', '=', registrationNumber);
  if (!options.includeReleased) query = query.where('released_at', 'is', null);
  return query.orderBy('id').execute();
}

/** How many devices of each kind are registered (registrations are kept per kind). */
export async function countDevicesByKind(db: Db): Promise<Array<{ kind: string; count: number }>> {
  const rows = await db
    .selectFrom('devices')
    .select(['kind', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('released_at', 'is', null)
    .groupBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
}

/** A device the registration holds now, by its public id. */
export async function findActiveDevice(db: Db, registrationNumber: string, publicId: string): Promise<DeviceRow | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('public_id', '=', publicId)
    .where('registration_number', '=', registrationNumber)
    .where('released_at', 'is', null)
    .executeTakeFirst();
}

/** Marks devices released: they stay on record but leave every unique key. */
export async function markDevicesReleased(db: Db, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('devices').set({ released_at: now }).where('id', 'in', ids).where('released_at', 'is', null).execute();
}
