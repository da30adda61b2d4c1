import type { Kysely } from 'kysely';
import type { HostDatabase } from '../db/schema';

/** Which page of the export to read. */
export interface ExportPage {
  afterId: number;
  kind: string | undefined;
  limit: number;
  /** Only support and admin exports read the customer's columns at all. */
  withCustomer: boolean;
}

/** One row of the export: the device, and its customer's columns only when asked for. */
export interface ExportRow {
  id: number;
  registration_number: string;
  kind: string;
  vendor: string;
  model: string;
  serial: string | null;
  hardware_uuid: string | null;
  registered_at: number;
  name?: string | null;
  name_kana?: string | null;
  email?: string | null;
  phone?: string | null;
  postal_code?: string | null;
  address?: string | null;
  country?: string | null;
}

/** Current devices of live registrations after `afterId`, in id order: a keyset page on the devices primary key. */
export async function exportBatch(db: Kysely<HostDatabase>, page: ExportPage): Promise<ExportRow[]> {
  let query = db
    .selectFrom('devices')
    .innerJoin('registrations', 'registrations.registration_number', 'devices.registration_number')
    .select(['devices.id', 'devices.registration_number', 'devices.kind', 'devices.vendor', 'devices.model', 'devices.serial', 'devices.hardware_uuid', 'devices.registered_at'])
    .where('devices.released_at', 'is', null)
    .where('registrations.erased_at', 'is', null)
    .where('devices.id', '>', page.afterId);
  if (page.kind !== undefined) query = query.where('devices.kind', '=', page.kind);
  if (page.withCustomer) {
    return query
      .select(['registrations.name', 'registrations.name_kana', 'registrations.email', 'registrations.phone', 'registrations.postal_code', 'registrations.address', 'registrations.country'])
      .orderBy('devices.id')
      .limit(page.limit)
      .execute();
  }
  return query.orderBy('devices.id').limit(page.limit).execute();
}
