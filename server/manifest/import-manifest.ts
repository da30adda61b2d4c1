import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../db/migrations';
import type { HostDatabase } from '../db/schema';
import { validationFailed } from '../http/validation';
import { appendAuditEvent } from '../repositories/audit-repository';
import { createImportKeysOnPostgres, discardStagedManifest, insertManifest, mergeBatchOnPostgres, mergeStagedManifest, stageManifestRows, type ManifestMerge, type NewManifestRow } from '../repositories/manifest-repository';
import { createRowJudge, headerColumns, MANIFEST_REQUIRED_COLUMNS, type ManifestRowErrorCode } from './manifest-rows';

/** OPERATOR-API.md keeps at most the first 1,000 row errors. */
export const MAX_REPORTED_ERRORS = 1000;
/** Rows per bulk insert (and, on SQLite, per transaction): at 2,000 a 10^6-row import kept the heap about 16 MiB lower than at 5,000 at the same rows/s. */
export const MANIFEST_BATCH_ROWS = 2000;
/** PostgreSQL advisory lock key that lets one manifest import run at a time (any constant no other lock uses). */
const MANIFEST_IMPORT_LOCK = 7_412_001;
/** A CSV record longer than this is not a manifest row: the file is refused whole. */
export const MAX_RECORD_BYTES = 64 * 1024;

/** One rejected row; `line` is the file's line number, the header being line 1. */
export interface ManifestRowError {
  line: number;
  code: ManifestRowErrorCode;
  message: string;
}

/** The answer of `POST /operator/api/v1/manifests` (OPERATOR-API.md). */
export interface ManifestImportResult {
  id: string;
  rows: number;
  added: number;
  unchanged: number;
  updated: number;
  rejected: number;
  errors: ManifestRowError[];
}

/** The store an import writes to (the dialect decides how "same value" is written in SQL). */
export interface ManifestStore {
  db: Kysely<HostDatabase>;
  dialect: Dialect;
}

/** Who imports, when, and an optional progress callback (bytes read so far) for the CLI. */
export interface ManifestImportOptions {
  actor: string;
  now: () => number;
  onProgress?: (bytesRead: number, rows: number) => void;
}

/** Decodes UTF-8 strictly as it streams: one invalid byte sequence anywhere fails the whole import. */
function strictUtf8(onBytes: (count: number) => void): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      try {
        callback(null, decoder.decode(chunk, { stream: true }));
      } catch {
        callback(validationFailed([{ path: '(body)', message: 'the file is not UTF-8 text' }]));
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(validationFailed([{ path: '(body)', message: 'the file is not UTF-8 text' }]));
      }
    },
  });
}

/** What csv-parse says when the file cannot be read as CSV, as a 422 naming the line. */
function csvFailure(error: unknown): Error {
  if (error instanceof CsvError) {
    const line = 'lines' in error && typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
    const reason = error.code === 'CSV_MAX_RECORD_SIZE' ? `a record is longer than ${MAX_RECORD_BYTES} bytes` : 'the file is not valid CSV';
    return validationFailed([{ path: '(body)', message: `${reason}${line}` }]);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Imports a maker's manifest CSV as it streams (never the whole file in memory). Rows are checked
 * as registrations are and written batch by batch: on PostgreSQL merged into manifest_devices inside
 * one transaction that commits with the import's record and audit event; on SQLite staged, then
 * moved into manifest_devices by one transaction once the whole file was read. A body that is not
 * UTF-8, whose header is wrong, or that stops being CSV part-way is 422 VALIDATION_FAILED and
 * leaves the manifest exactly as it was.
 */
export async function importManifest(store: ManifestStore, input: Readable, options: ManifestImportOptions): Promise<ManifestImportResult> {
  const id = crypto.randomUUID();
  const result: ManifestImportResult = { id, rows: 0, added: 0, unchanged: 0, updated: 0, rejected: 0, errors: [] };
  let bytesRead = 0;
  let lastEnd = 0;
  let lastEmpty = 0;
  let columns: ReturnType<typeof headerColumns> | undefined;
  let judgeRow: ReturnType<typeof createRowJudge> | undefined;
  let batch: NewManifestRow[] = [];
  // The batch being written (chained after the one before), awaited before staged rows are discarded after a failure.
  let writing: Promise<void> = Promise.resolve();
  // Duplicates are known only once their batch is written, so errors arrive slightly out of
  // order: keep them sorted by line and cut to the first 1,000 (a dropped one has 1,000 earlier).
  const firstErrors = (): ManifestRowError[] => result.errors.sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_ERRORS);
  const reject = (line: number, code: ManifestRowErrorCode, message: string): void => {
    result.rejected += 1;
    result.errors.push({ line, code, message });
    if (result.errors.length >= 2 * MAX_REPORTED_ERRORS) result.errors = firstErrors();
  };
  // PostgreSQL: the whole import is one transaction, each batch merged into manifest_devices while the
  // host reads the next (so the server's work overlaps the parsing, and nothing waits for the end); one
  // import at a time. SQLite: one short transaction per staged batch, merged at the end, so an import
  // never holds the store's only writer for longer than a batch.
  let importing: ControlledTransaction<HostDatabase> | undefined;
  const merged = { added: 0, unchanged: 0, updated: 0 };
  const stage = async (rows: NewManifestRow[]): Promise<Set<number>> => {
    if (importing !== undefined) {
      const batch = await mergeBatchOnPostgres(importing, rows);
      merged.added += batch.added;
      merged.updated += batch.updated;
      merged.unchanged += batch.claimed.size - batch.added - batch.updated;
      return batch.claimed;
    }
    return store.db.transaction().execute((trx) => stageManifestRows(trx, rows));
  };
  const flush = async (rows: NewManifestRow[]): Promise<void> => {
    if (rows.length === 0) return;
    // Across batches the key index decides; inside one batch the first of two equal keys wins.
    const stored = await stage(rows);
    for (const row of rows) if (!stored.has(row.line)) reject(row.line, 'DUPLICATE_IN_FILE', 'the same device appears on an earlier line');
    options.onProgress?.(bytesRead, result.rows);
  };

  const rowsSink = new Transform({
    objectMode: true,
    transform(entry: { record: string[]; info: { lines: number; empty_lines: number } }, _encoding, callback) {
      const { record, info } = entry;
      // A record starts on the line after the previous one ended, past any blank lines (a quoted newline spans lines).
      const line = lastEnd + 1 + (info.empty_lines - lastEmpty);
      lastEnd = info.lines;
      lastEmpty = info.empty_lines;
      if (columns === undefined) {
        columns = headerColumns(record);
        if (columns === null) {
          callback(validationFailed([{ path: '(header)', message: `the header row must be ${MANIFEST_REQUIRED_COLUMNS.join(',')} (+ optional shippedAt, ekPublicSha256)` }]));
          return;
        }
        judgeRow = createRowJudge(columns, id);
        callback();
        return;
      }
      if (judgeRow === undefined) return callback();
      result.rows += 1;
      const judged = judgeRow(record, line);
      if (!judged.ok) reject(line, judged.code, judged.message);
      else batch.push(judged.row);
      if (batch.length < MANIFEST_BATCH_ROWS) return callback();
      // One batch is written while the next is parsed (the store works on its own core); the one
      // after waits for it, so at most two batches are in memory and lines stay in file order.
      const previous = writing;
      const rows = batch;
      batch = [];
      writing = previous.then(() => flush(rows));
      writing.catch(() => undefined);
      previous.then(() => callback(), callback);
    },
    flush(callback) {
      const rows = batch;
      batch = [];
      writing = writing.then(() => flush(rows));
      writing.then(() => callback(), callback);
    },
  });

  try {
    if (store.dialect === 'postgres') {
      importing = await store.db.startTransaction().execute();
      await sql`select pg_advisory_xact_lock(${MANIFEST_IMPORT_LOCK})`.execute(importing);
      await createImportKeysOnPostgres(importing);
    }
    const csv = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
    await pipeline(input, strictUtf8((count) => (bytesRead += count)), csv, rowsSink).catch((error: unknown) => {
      throw csvFailure(error);
    });
    if (columns === undefined) throw validationFailed([{ path: '(header)', message: 'the file is empty: a header row is required' }]);
    result.errors = firstErrors();
    const at = options.now();
    const record = async (trx: Transaction<HostDatabase>, merge: ManifestMerge): Promise<void> => {
      Object.assign(result, merge);
      await insertManifest(trx, { id, at, actor: options.actor, rows: result.rows, added: merge.added, unchanged: merge.unchanged, updated: merge.updated, rejected: result.rejected });
      await appendAuditEvent(trx, { at, actor: { type: 'operator', name: options.actor }, action: 'manifest_imported', reason: `manifest ${id}: ${result.rows} rows, ${merge.added} added, ${merge.updated} updated, ${result.rejected} rejected` });
    };
    if (importing !== undefined) {
      await record(importing, merged);
      await importing.commit().execute();
      importing = undefined;
    } else {
      await store.db.transaction().execute(async (trx) => record(trx, await mergeStagedManifest(trx, id)));
    }
    return result;
  } catch (error) {
    await writing.catch(() => undefined);
    if (importing !== undefined) await importing.rollback().execute().catch(() => undefined);
    else await discardStagedManifest(store.db, id).catch(() => undefined);
    throw error;
  }
}
