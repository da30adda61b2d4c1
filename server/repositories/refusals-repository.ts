import type { Kysely, Selectable, Transaction } from 'kysely';
import type { HostDatabase, RefusalsTable } from '../db/schema';

type Db = Kysely<HostDatabase> | Transaction<HostDatabase>;
/** A stored refusal. */
export type RefusalRow = Selectable<RefusalsTable>;

/** Why a customer's device was refused (OPERATOR-API.md `GET /refusals`). */
export type RefusalReason = 'duplicate' | 'not_recognised' | 'mismatch';

/** One refusal to record: the device as identified (no personal information) and, for duplicates, the holder. */
export interface NewRefusal {
  at: number;
  endpoint: string;
  device: { kind: string; vendor: string; model: string; serial: string | null; serialKey: string | null; hardwareUuid: string | null };
  reason: RefusalReason;
  /** Present exactly for `duplicate`. */
  duplicate?: { matchedOn: 'serial' | 'hardwareUuid'; registrationNumber: string | null };
}

/**
 * Records a refusal. Call it with the database after the refused transaction rolled back (never
 * inside it), so the refusal is kept although the registration is not.
 */
export async function recordRefusal(db: Db, refusal: NewRefusal): Promise<void> {
  await db
    .insertInto('refusals')
    .values({
      at: refusal.at,
      endpoint: refusal.endpoint,
      kind: refusal.device.kind,
      vendor: refusal.device.vendor,
      model: refusal.device.model,
      serial: refusal.device.serial,
      serial_key: refusal.device.serialKey,
      hardware_uuid: refusal.device.hardwareUuid,
      reason: refusal.reason,
      matched_on: refusal.duplicate?.matchedOn ?? null,
      registration_number: refusal.duplicate?.registrationNumber ?? null,
    })
    .execute();
}

/** Where a newest-first page continues. */
export interface IdCursor {
  at: number;
  id: number;
}

/** One page of refusals, newest first, optionally only those of a serial key, UUID or holder number (each indexed). */
export async function listRefusals(
  db: Db,
  filter: { serialKey?: string; hardwareUuid?: string; registrationNumber?: string; cursor?: IdCursor; limit: number },
): Promise<RefusalRow[]> {
  const run = (column: 'serial_key' | 'hardware_uuid' | 'registration_number' | null, value?: string) => {
    let query = db.selectFrom('refusals').selectAll();
    if (column !== null && value !== undefined) query = query.where(column, '=', value);
    const cursor = filter.cursor;
    if (cursor) query = query.where((eb) => eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  };
  const keyed: Array<['serial_key' | 'hardware_uuid' | 'registration_number', string | undefined]> = [
    ['serial_key', filter.serialKey],
    ['hardware_uuid', filter.hardwareUuid],
    ['registration_number', filter.registrationNumber],
  ];
  const present = keyed.filter(([, value]) => value !== undefined);
  if (present.length === 0) return run(null);
  const merged = new Map<number, RefusalRow>();
  for (const rows of await Promise.all(present.map(([column, value]) => run(column, value)))) for (const row of rows) merged.set(row.id, row);
  return [...merged.values()].sort((a, b) => b.at - a.at || b.id - a.id).slice(0, filter.limit);
}
