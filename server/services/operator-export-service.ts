import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { appendAuditEvent } from '../repositories/audit-repository';
import { exportBatch } from '../repositories/export-repository';
import { safeCell } from './csv-cells';
import { actorName, seesPersonalInformation, type OperatorPrincipal } from './operator-roles';
import type { ServiceDeps } from './service-deps';

/** Rows read per keyset page: big enough that query round trips vanish, small enough that memory stays flat. */
export const EXPORT_BATCH = 1000;

const DEVICE_COLUMNS = ['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt'] as const;
const CUSTOMER_COLUMNS = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const;

/**
 * The CSV text of every exported device, one chunk per keyset page (on devices.id, never OFFSET).
 * Each page goes through csv-stringify in one call: a chunk per page instead of a record per row
 * keeps the per-row promise and stream-buffer churn (and so the host's heap growth) out of the export.
 */
async function* chunks(deps: ServiceDeps, seesPI: boolean, kind: string | undefined): AsyncGenerator<string> {
  yield stringify([seesPI ? [...DEVICE_COLUMNS, ...CUSTOMER_COLUMNS] : [...DEVICE_COLUMNS]]);
  let afterId = 0;
  for (;;) {
    const rows = await exportBatch(deps.db, { afterId, kind, limit: EXPORT_BATCH, withCustomer: seesPI });
    const records = rows.map((row) => {
      const cells = [safeCell(row.registration_number), safeCell(row.kind), safeCell(row.vendor), safeCell(row.model), safeCell(row.serial), safeCell(row.hardware_uuid), new Date(row.registered_at).toISOString()];
      if (seesPI) cells.push(safeCell(row.name), safeCell(row.name_kana), safeCell(row.email), safeCell(row.phone), safeCell(row.postal_code), safeCell(row.address), safeCell(row.country));
      return cells;
    });
    if (records.length > 0) yield stringify(records);
    const last = rows.at(-1);
    if (last === undefined || rows.length < EXPORT_BATCH) return;
    afterId = last.id;
  }
}

/**
 * `GET /exports/registrations.csv`: one row per registered device, read in keyset-paged batches,
 * each written by csv-stringify as one chunk into a stream pipeline, so the next page is read only
 * once the client has taken the one before (memory flat at 10^6 rows). Customer columns for support and admin only;
 * audited as `exported`. A client that hangs up ends the export quietly: the pipeline stops reading.
 */
export async function exportRegistrationsCsv(deps: ServiceDeps, principal: OperatorPrincipal, kind: string | undefined, out: Writable): Promise<void> {
  const seesPI = seesPersonalInformation(principal.role);
  await appendAuditEvent(deps.db, { at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'exported', fields: seesPI ? [...CUSTOMER_COLUMNS] : [], reason: kind === undefined ? 'registrations.csv' : `registrations.csv kind=${kind}` });
  try {
    // One page waits ahead of the socket at most: the next is read once the client has taken the last.
    await pipeline(Readable.from(chunks(deps, seesPI, kind), { objectMode: false, highWaterMark: 1 }), out);
  } catch (error) {
    if (out.destroyed && !out.writableFinished) return;
    throw error;
  }
}
