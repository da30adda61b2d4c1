import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import type { CopyOut } from '../db/pg-copy-out';
import { appendAuditEvent } from '../repositories/audit-repository';
import { exportBatch, exportCopyStatement, type ExportRow } from '../repositories/export-repository';
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

/** Rows as CSV text the way the SQLite path writes them; PostgreSQL's COPY writes the same bytes (tests/server/export-engines.test.ts holds it to that). */
export function csvText(rows: readonly ExportRow[], seesPI: boolean): string {
  return stringify(rows.map((row) => cellsOf(row, seesPI)));
}

/**
 * One keyset page (on devices.id, never OFFSET) as CSV text at once, before any of it waits for the
 * socket: its rows and cells then die young (a scavenge frees them) instead of being promoted into
 * the old generation while the page drains, which grew the heap by over 100 MiB at 3 × 10^5 rows.
 */
async function pageText(deps: ServiceDeps, seesPI: boolean, kind: string | undefined, afterId: number): Promise<{ texts: string[]; lastId: number | null }> {
  const rows = await exportBatch(deps.db, { afterId, kind, limit: EXPORT_BATCH, withCustomer: seesPI });
  const texts: string[] = [];
  for (let start = 0; start < rows.length; start += EXPORT_CHUNK_ROWS) texts.push(csvText(rows.slice(start, start + EXPORT_CHUNK_ROWS), seesPI));
  return { texts, lastId: rows.length < EXPORT_BATCH ? null : (rows.at(-1)?.id ?? null) };
}

/** The CSV header line, the same on both engines. */
export function headerText(seesPI: boolean): string {
  return stringify([seesPI ? [...DEVICE_COLUMNS, ...CUSTOMER_COLUMNS] : [...DEVICE_COLUMNS]]);
}

/** The CSV text of every exported device read in keyset pages: the header, then each page in chunks of EXPORT_CHUNK_ROWS rows. */
async function* chunks(deps: ServiceDeps, seesPI: boolean, kind: string | undefined): AsyncGenerator<string> {
  yield headerText(seesPI);
  for (let afterId: number | null = 0; afterId !== null; ) {
    const page = await pageText(deps, seesPI, kind, afterId);
    yield* page.texts;
    afterId = page.lastId;
  }
}

/** PostgreSQL's way: the header, then COPY's bytes as the server wrote them (the same bytes csv-stringify writes for the same rows). */
async function* copyChunks(copyOut: CopyOut, deps: ServiceDeps, seesPI: boolean, kind: string | undefined): AsyncGenerator<string | Buffer> {
  const rows = await copyOut(exportCopyStatement(deps.db, { kind, withCustomer: seesPI }));
  try {
    yield headerText(seesPI);
    for await (const chunk of rows) yield chunk as Buffer;
  } finally {
    // A client that hung up stops the loop early: the COPY stream is destroyed and its connection discarded.
    rows.destroy();
  }
}

/**
 * `GET /exports/registrations.csv`: one row per registered device, customer columns for support
 * and admin only, audited as `exported`, written into a stream pipeline so the next rows are read
 * only once the client has taken the ones before (memory flat at 10^6 rows). On PostgreSQL one
 * `COPY … TO STDOUT` formats the rows in the server; on SQLite keyset-paged batches (devices.id,
 * never OFFSET) go through csv-stringify. A client that hangs up ends the export quietly.
 */
export async function exportRegistrationsCsv(deps: ServiceDeps, principal: OperatorPrincipal, kind: string | undefined, out: Writable): Promise<void> {
  const seesPI = seesPersonalInformation(principal.role);
  await appendAuditEvent(deps.db, { at: deps.now(), actor: { type: 'operator', name: actorName(principal) }, action: 'exported', fields: seesPI ? [...CUSTOMER_COLUMNS] : [], reason: kind === undefined ? 'registrations.csv' : `registrations.csv kind=${kind}` });
  const source = deps.copyOut === undefined ? chunks(deps, seesPI, kind) : copyChunks(deps.copyOut, deps, seesPI, kind);
  try {
    // One chunk waits ahead of the socket at most.
    await pipeline(Readable.from(source, { objectMode: false, highWaterMark: 1 }), out);
  } catch (error) {
    if (out.destroyed && !out.writableFinished) return;
    throw error;
  }
}
