import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { appendAuditEvent } from '../repositories/audit-repository';
import { safeCell } from './csv-cells';
import { actorName, seesPersonalInformation, type OperatorPrincipal } from './operator-roles';
import type { ServiceDeps } from './service-deps';

/** Rows read per query: keyset pages, so memory stays flat whatever the table holds. */
export const EXPORT_BATCH = 2000;

const DEVICE_COLUMNS = ['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt'] as const;
const CUSTOMER_COLUMNS = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const;

/**
 * `GET /exports/registrations.csv`: one row per registered device, streamed in keyset-paged batches
 * with backpressure; customer columns for support and admin only; audited as `exported`.
 */
export async function exportRegistrationsCsv(deps: ServiceDeps, principal: OperatorPrincipal, kind: string | undefined, out: Writable): Promise<void> {
  const seesPI = seesPersonalInformation(principal.role);
  await appendAuditEvent(deps.db, { at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'exported', fields: seesPI ? [...CUSTOMER_COLUMNS] : [], reason: kind === undefined ? 'registrations.csv' : `registrations.csv kind=${kind}` });
  const csv = stringify({ header: true, columns: seesPI ? [...DEVICE_COLUMNS, ...CUSTOMER_COLUMNS] : [...DEVICE_COLUMNS] });
  csv.pipe(out);
  let afterId = 0;
  for (;;) {
    let query = deps.db
      .selectFrom('devices')
      .innerJoin('registrations', 'registrations.registration_number', 'devices.registration_number')
      .select([
        'devices.id',
        'devices.registration_number',
        'devices.kind',
        'devices.vendor',
        'devices.model',
        'devices.serial',
        'devices.hardware_uuid',
        'devices.registered_at',
        'registrations.name',
        'registrations.name_kana',
        'registrations.email',
        'registrations.phone',
        'registrations.postal_code',
        'registrations.address',
        'registrations.country',
      ])
      .where('devices.released_at', 'is', null)
      .where('registrations.erased_at', 'is', null)
      .where('devices.id', '>', afterId);
    if (kind !== undefined) query = query.where('devices.kind', '=', kind);
    const rows = await query.orderBy('devices.id').limit(EXPORT_BATCH).execute();
    for (const row of rows) {
      const device = [row.registration_number, row.kind, row.vendor, row.model, row.serial, row.hardware_uuid, new Date(row.registered_at).toISOString()];
      const customer = seesPI ? [row.name, row.name_kana, row.email, row.phone, row.postal_code, row.address, row.country] : [];
      if (!csv.write([...device, ...customer].map(safeCell))) await once(csv, 'drain');
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < EXPORT_BATCH) break;
    afterId = last.id;
  }
  csv.end();
  await once(out, 'finish');
}
