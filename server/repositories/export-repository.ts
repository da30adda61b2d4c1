import { sql, type Kysely } from 'kysely';
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

/** What the COPY export reads: one filter, and whether the customer's columns are in it. */
export interface ExportSelection {
  kind: string | undefined;
  withCustomer: boolean;
}

type TextColumn = `${'devices' | 'registrations'}.${string}`;

/**
 * A cell as csv-cells.ts's safeCell writes it, computed by PostgreSQL: a leading `=`, `+`, `-`, `@`,
 * tab or carriage return gets a `'`, and an empty value is NULL so that COPY writes it unquoted,
 * as csv-stringify writes `''` (COPY quotes a non-NULL empty string to tell it from NULL).
 */
function safeCellSql(column: TextColumn) {
  const ref = sql.ref(column);
  return sql<string | null>`nullif(case when left(${ref}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${ref} else ${ref} end, '')`;
}

/**
 * The whole export as one PostgreSQL `COPY (select …) TO STDOUT` statement, columns in the CSV's
 * order and already formula-safe, in devices.id order. COPY takes no bind parameters, so the one
 * value (the kind) is inlined as an escaped literal and the compiled query is checked to hold none.
 */
export function exportCopyStatement(db: Kysely<HostDatabase>, selection: ExportSelection): string {
  const deviceCells = (['devices.registration_number', 'devices.kind', 'devices.vendor', 'devices.model', 'devices.serial', 'devices.hardware_uuid'] as const).map((column) => safeCellSql(column).as(column.slice('devices.'.length)));
  const registeredAt = sql<string>`to_char(timestamp 'epoch' + ${sql.ref('devices.registered_at')} * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('registered_at');
  const customerCells = (['registrations.name', 'registrations.name_kana', 'registrations.email', 'registrations.phone', 'registrations.postal_code', 'registrations.address', 'registrations.country'] as const).map((column) => safeCellSql(column).as(column.slice('registrations.'.length)));
  let query = db
    .selectFrom('devices')
    .innerJoin('registrations', 'registrations.registration_number', 'devices.registration_number')
    .select([...deviceCells, registeredAt, ...(selection.withCustomer ? customerCells : [])])
    .where('devices.released_at', 'is', null)
    .where('registrations.erased_at', 'is', null);
  if (selection.kind !== undefined) query = query.where('devices.kind', '=', sql.lit(selection.kind));
  const compiled = query.orderBy('devices.id').compile();
  if (compiled.parameters.length > 0) throw new Error('the COPY export statement must not take bind parameters');
  return `copy (${compiled.sql}) to stdout with (format csv)`;
}
