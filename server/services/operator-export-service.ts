import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { appendAuditEvent } from '../repositories/audit-repository';
import { exportBatch, type ExportRow } from '../repositories/export-repository';
import { safeCell } from './csv-cells';
import { actorName, seesPersonalInformation, type OperatorPrincipal } from './operator-roles';
import type { ServiceDeps } from './service-deps';

/** Rows read per keyset page: big enough that query round trips vanish, small enough that memory stays flat. */
export const EXPORT_BATCH = 1000;
/** Rows per CSV chunk: about 18 KiB of text, so a chunk stays far below V8's large-object size (which goes straight to the old generation). */
export const EXPORT_CHUNK_ROWS = 100;

const DEVICE_COLUMNS = ['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt'] as const;
const CUSTOMER_COLUMNS = ['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const;

function cellsOf(row: ExportRow, seesPI: boolean): string[] {
  const cells = [safeCell(row.registration_number), safeCell(row.kind), safeCell(row.vendor), safeCell(row.model), safeCell(row.serial), safeCell(row.hardware_uuid), new Date(row.registered_at).toISOString()];
  if (seesPI) cells.push(safeCell(row.name), safeCell(row.name_kana), safeCell(row.email), safeCell(row.phone), safeCell(row.postal_code), safeCell(row.address), safeCell(row.country));
  return cells;
}

/**
 * One keyset page (on devices.id, never OFFSET) as CSV text at once, before any of it waits for the
 * socket: its rows and cells then die young (a scavenge frees them) instead of being promoted into
 * the old generation while the page drains, which grew the heap by over 100 MiB at 3 × 10^5 rows.
 */
async function pageText(deps: ServiceDeps, seesPI: boolean, kind: string | undefined, afterId: number): Promise<{ texts: string[]; lastId: number | null }> {
  const rows = await exportBatch(deps.db, { afterId, kind, limit: EXPORT_BATCH, withCustomer: seesPI });
  const texts: string[] = [];
  for (let start = 0; start < rows.length; start += EXPORT_CHUNK_ROWS) texts.push(stringify(rows.slice(start, start + EXPORT_CHUNK_ROWS).map((row) => cellsOf(row, seesPI))));
  return { texts, lastId: rows.length < EXPORT_BATCH ? null : (rows.at(-1)?.id ?? null) };
}

/** The CSV text of every exported device: the header, then each page in chunks of EXPORT_CHUNK_ROWS rows. */
async function* chunks(deps: ServiceDeps, seesPI: boolean, kind: string | undefined): AsyncGenerator<string> {
  yield stringify([seesPI ? [...DEVICE_COLUMNS, ...CUSTOMER_COLUMNS] : [...DEVICE_COLUMNS]]);
  for (let afterId: number | null = 0; afterId !== null; ) {
    const page = await pageText(deps, seesPI, kind, afterId);
    yield* page.texts;
    afterId = page.lastId;
  }
}

/**
 * `GET /exports/registrations.csv`: one row per registered device, read in keyset-paged batches
 * written by csv-stringify into a stream pipeline, so the next page is read only once the client
 * has taken the one before (memory flat at 10^6 rows). Customer columns for support and admin only;
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
