import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { appendAuditEvent } from '../repositories/audit-repository';
import { exportBatch } from '../repositories/export-repository';
import { safeCell } from './csv-cells';
import { actorName, seesPersonalInformation, type OperatorPrincipal } from './operator-roles';
import type { ServiceDeps } from './service-deps';

/** Rows read per keyset page: big enough that query round trips vanish, small enough that memory stays flat. */
export const EXPORT_BATCH = 5000;

const DEVICE_COLUMNS = ['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt'] as const;
const CUSTOMER_COLUMNS = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const;

/** The CSV records of every exported device, page by page (keyset on devices.id, never OFFSET). */
async function* records(deps: ServiceDeps, seesPI: boolean, kind: string | undefined): AsyncGenerator<string[]> {
  yield seesPI ? [...DEVICE_COLUMNS, ...CUSTOMER_COLUMNS] : [...DEVICE_COLUMNS];
  let afterId = 0;
  for (;;) {
    const rows = await exportBatch(deps.db, { afterId, kind, limit: EXPORT_BATCH, withCustomer: seesPI });
    for (const row of rows) {
      const cells = [safeCell(row.registration_number), safeCell(row.kind), safeCell(row.vendor), safeCell(row.model), safeCell(row.serial), safeCell(row.hardware_uuid), new Date(row.registered_at).toISOString()];
      if (seesPI) cells.push(safeCell(row.name), safeCell(row.name_kana), safeCell(row.email), safeCell(row.phone), safeCell(row.postal_code), safeCell(row.address), safeCell(row.country));
      yield cells;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < EXPORT_BATCH) return;
    afterId = last.id;
  }
}

/**
 * `GET /exports/registrations.csv`: one row per registered device, read in keyset-paged batches and
 * written through csv-stringify in a stream pipeline, so the next page is read only as fast as the
 * client takes the bytes (memory flat at 10^6 rows). Customer columns for support and admin only;
 * audited as `exported`. A client that hangs up ends the export quietly: the pipeline stops reading.
 */
export async function exportRegistrationsCsv(deps: ServiceDeps, principal: OperatorPrincipal, kind: string | undefined, out: Writable): Promise<void> {
  const seesPI = seesPersonalInformation(principal.role);
  await appendAuditEvent(deps.db, { at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'exported', fields: seesPI ? [...CUSTOMER_COLUMNS] : [], reason: kind === undefined ? 'registrations.csv' : `registrations.csv kind=${kind}` });
  try {
    // At most 64 records wait ahead of csv-stringify (a bigger buffer only holds more rows in memory: measured, not faster).
    await pipeline(Readable.from(records(deps, seesPI, kind), { highWaterMark: 64 }), stringify(), out);
  } catch (error) {
    if (out.destroyed && !out.writableFinished) return;
    throw error;
  }
}
