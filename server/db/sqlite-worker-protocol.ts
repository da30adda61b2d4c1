import type { SqliteSynchronous } from '../config';

/** What the SQLite worker is started with (workerData); its answer to request 0 says whether the file opened. */
export interface SqliteWorkerData {
  /** The worker module's URL, which sqlite-worker-bootstrap.cjs loads through tsx. */
  entry: string;
  file: string;
  synchronous: SqliteSynchronous | undefined;
}

/** One request to the worker; `id` pairs it with its answer (0 is the open at start). */
export type SqliteWorkerRequest =
  | { id: number; kind: 'query'; sql: string; parameters: readonly unknown[] }
  | { id: number; kind: 'stream-open'; sql: string; parameters: readonly unknown[]; chunkSize: number }
  | { id: number; kind: 'stream-next'; stream: number; chunkSize: number }
  | { id: number; kind: 'stream-close'; stream: number }
  | { id: number; kind: 'close' };

/** What crosses back from the worker in place of better-sqlite3's error: its class name, message and SQLite code, never the query or its values. */
export interface SqliteWorkerFailure {
  name: string;
  message: string;
  code: string | undefined;
}

/** Rows of a reader, or what a writer changed; `done` ends a stream; `blobs` says some cell is a Buffer (it arrives as a Uint8Array). */
export interface SqliteWorkerResult {
  rows: Array<Record<string, unknown>>;
  changes?: number;
  lastInsertRowid?: number | bigint;
  done?: boolean;
  blobs?: boolean;
}

/** The worker's answer to one request. */
export type SqliteWorkerAnswer = { id: number; ok: true; result: SqliteWorkerResult } | { id: number; ok: false; error: SqliteWorkerFailure };

/** The code of the error pending queries fail with when the worker thread ended; store-unavailable.ts makes it a 503. */
export const SQLITE_WORKER_GONE = 'SQLITE_WORKER_GONE';
