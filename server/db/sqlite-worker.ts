/**
 * The thread that owns the store's SQLite connection (sqlite-worker-dialect.ts talks to it): every
 * statement, and so every COMMIT's fsync, runs here instead of on the host's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { openSqliteConnection } from './sqlite-connection';
import type { SqliteWorkerAnswer, SqliteWorkerData, SqliteWorkerFailure, SqliteWorkerRequest, SqliteWorkerResult } from './sqlite-worker-protocol';
import { withStatementCache } from './statement-cache';

type Row = Record<string, unknown>;

const port = parentPort;
if (port === null) throw new Error('sqlite-worker.ts runs only as a worker thread');

const { file, synchronous } = workerData as SqliteWorkerData;
let database: SqliteDatabase.Database | undefined;
let statements: ReturnType<typeof withStatementCache> | undefined;
const streams = new Map<number, Iterator<unknown>>();

function failure(error: unknown): SqliteWorkerFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: 'unknown SQLite error', code: undefined };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined };
}

function hasBlob(rows: readonly Row[]): boolean {
  return rows.some((row) => Object.values(row).some((value) => value instanceof Uint8Array));
}

function rowsResult(rows: Row[], done?: boolean): SqliteWorkerResult {
  return { rows, ...(done === undefined ? {} : { done }), ...(hasBlob(rows) ? { blobs: true } : {}) };
}

function nextChunk(stream: number, chunkSize: number): SqliteWorkerResult {
  const iterator = streams.get(stream);
  if (iterator === undefined) throw new Error('no such stream');
  const rows: Row[] = [];
  while (rows.length < chunkSize) {
    const step = iterator.next();
    if (step.done === true) {
      streams.delete(stream);
      return rowsResult(rows, true);
    }
    rows.push(step.value as Row);
  }
  return rowsResult(rows, false);
}

function closeStore(): void {
  for (const iterator of streams.values()) iterator.return?.();
  streams.clear();
  database?.close();
  database = undefined;
  statements = undefined;
}

function run(request: SqliteWorkerRequest): SqliteWorkerResult {
  if (request.kind === 'close') {
    closeStore();
    return { rows: [] };
  }
  if (statements === undefined) throw Object.assign(new Error('the store is closed'), { code: 'SQLITE_MISUSE' });
  switch (request.kind) {
    case 'query': {
      const statement = statements.prepare(request.sql);
      if (statement.reader) return rowsResult(statement.all(request.parameters) as Row[]);
      const { changes, lastInsertRowid } = statement.run(request.parameters);
      return { rows: [], changes: Number(changes), lastInsertRowid };
    }
    case 'stream-open': {
      const statement = statements.prepare(request.sql);
      const iterator = statement.iterate(request.parameters);
      streams.set(request.id, iterator);
      try {
        return nextChunk(request.id, request.chunkSize);
      } catch (error) {
        streams.delete(request.id);
        iterator.return?.();
        throw error;
      }
    }
    case 'stream-next':
      return nextChunk(request.stream, request.chunkSize);
    case 'stream-close':
      streams.get(request.stream)?.return?.();
      streams.delete(request.stream);
      return { rows: [] };
  }
}

try {
  database = openSqliteConnection(file, synchronous);
  statements = withStatementCache(database);
  port.postMessage({ id: 0, ok: true, result: { rows: [] } } satisfies SqliteWorkerAnswer);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: failure(error) } satisfies SqliteWorkerAnswer);
}

port.on('message', (request: SqliteWorkerRequest) => {
  let answer: SqliteWorkerAnswer;
  try {
    answer = { id: request.id, ok: true, result: run(request) };
  } catch (error) {
    answer = { id: request.id, ok: false, error: failure(error) };
  }
  port.postMessage(answer);
});
