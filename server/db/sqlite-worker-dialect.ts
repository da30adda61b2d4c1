import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  createQueryId,
  sql,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import type { SqliteSynchronous } from '../config';
import { openSqliteReader } from './sqlite-connection';
import { withStatementCache } from './statement-cache';
import { SQLITE_WORKER_GONE, type SqliteWorkerAnswer, type SqliteWorkerData, type SqliteWorkerFailure, type SqliteWorkerRequest, type SqliteWorkerResult } from './sqlite-worker-protocol';

/** Where the store is and how it syncs; `onWorker` sees each worker thread started (tests end one to prove a crash is a 503). */
export interface SqliteWorkerDialectConfig {
  file: string;
  synchronous?: SqliteSynchronous;
  onWorker?: (worker: Worker) => void;
}

/** An error from the worker: better-sqlite3's class name, message and `code` (unique-violation.ts and store-unavailable.ts read it). */
export class SqliteWorkerError extends Error {
  readonly code: string | undefined;

  constructor(failure: SqliteWorkerFailure) {
    super(failure.message);
    this.name = failure.name;
    this.code = failure.code;
  }
}

// From sources (tsx, vitest) the worker is TypeScript and needs tsx registered in its thread first.
const OWN_EXTENSION = path.extname(fileURLToPath(import.meta.url));
const WORKER_ENTRY = new URL(`./sqlite-worker${OWN_EXTENSION}`, import.meta.url);
const BOOTSTRAP = new URL('./sqlite-worker-bootstrap.cjs', import.meta.url);

interface Pending {
  resolve: (result: SqliteWorkerResult) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the requests waiting for it; once it has ended every request fails with SQLITE_WORKER_GONE. */
class WorkerLink {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #gone: SqliteWorkerError | undefined;
  readonly #exited: Promise<void>;

  private constructor(config: SqliteWorkerDialectConfig) {
    const data: SqliteWorkerData = { entry: WORKER_ENTRY.href, file: config.file, synchronous: config.synchronous };
    // execArgv []: the parent's tsx flags would load tsx's ESM hooks in the thread for nothing (about 200 ms a start).
    this.#worker = new Worker(OWN_EXTENSION === '.ts' ? BOOTSTRAP : WORKER_ENTRY, { workerData: data, execArgv: [] });
    // Referenced only while a request waits, so an idle store never keeps the process alive (as the in-thread driver did not).
    this.#worker.unref();
    this.#worker.on('message', (answer: SqliteWorkerAnswer) => this.#answer(answer));
    this.#worker.on('error', (error) => this.#end(`the SQLite worker failed: ${error.message}`));
    this.#exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        this.#end(`the SQLite worker exited (code ${code})`);
        resolve();
      });
    });
    config.onWorker?.(this.#worker);
  }

  /** Starts a worker and waits until it has opened the file (an open error, e.g. SQLITE_CANTOPEN, rejects). */
  static async start(config: SqliteWorkerDialectConfig): Promise<WorkerLink> {
    const link = new WorkerLink(config);
    try {
      await link.#wait(0);
      return link;
    } catch (error) {
      await link.#worker.terminate();
      throw error;
    }
  }

  get alive(): boolean {
    return this.#gone === undefined;
  }

  request(request: SqliteWorkerRequest): Promise<SqliteWorkerResult> {
    if (this.#gone !== undefined) return Promise.reject(this.#gone);
    const answer = this.#wait(request.id);
    try {
      this.#worker.postMessage(request);
    } catch (error) {
      // A parameter that cannot cross threads (a function, a symbol): the query was never sent.
      this.#settle(request.id)?.reject(error instanceof Error ? error : new Error('the query could not be sent to the SQLite worker'));
    }
    return answer;
  }

  newId(): number {
    const id = this.#nextId;
    this.#nextId = id >= Number.MAX_SAFE_INTEGER ? 1 : id + 1;
    return id;
  }

  /** Closes the connection in the worker, then ends the thread. */
  async close(): Promise<void> {
    if (this.#gone === undefined) {
      try {
        await this.request({ id: this.newId(), kind: 'close' });
      } finally {
        await this.#worker.terminate();
      }
    }
    await this.#exited;
  }

  #wait(id: number): Promise<SqliteWorkerResult> {
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0 && this.#gone === undefined) this.#worker.unref();
    return pending;
  }

  #answer(answer: SqliteWorkerAnswer): void {
    const pending = this.#settle(answer.id);
    if (answer.ok) pending?.resolve(answer.result);
    else pending?.reject(new SqliteWorkerError(answer.error));
  }

  #end(message: string): void {
    this.#gone ??= new SqliteWorkerError({ name: 'SqliteWorkerError', message, code: SQLITE_WORKER_GONE });
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of waiting) pending.reject(this.#gone);
  }
}

/** A structured clone turns a Buffer into a plain Uint8Array; better-sqlite3 hands out Buffers. */
function withBuffers(result: SqliteWorkerResult): SqliteWorkerResult {
  if (result.blobs !== true) return result;
  for (const row of result.rows) {
    for (const [column, value] of Object.entries(row)) {
      if (value instanceof Uint8Array) row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return result;
}

async function runOnWorker<R>(link: WorkerLink, compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
  const { rows, changes, lastInsertRowid } = withBuffers(await link.request({ id: link.newId(), kind: 'query', sql: compiledQuery.sql, parameters: compiledQuery.parameters }));
  if (changes === undefined) return { rows: rows as R[] };
  return {
    rows: [],
    numAffectedRows: BigInt(changes),
    insertId: lastInsertRowid === undefined ? undefined : BigInt(lastInsertRowid),
  };
}

async function* streamOnWorker<R>(link: WorkerLink, compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
  const size = Math.max(1, chunkSize);
  const stream = link.newId();
  let chunk = withBuffers(await link.request({ id: stream, kind: 'stream-open', sql: compiledQuery.sql, parameters: compiledQuery.parameters, chunkSize: size }));
  try {
    for (;;) {
      if (chunk.rows.length > 0) yield { rows: chunk.rows as R[] };
      if (chunk.done === true) return;
      chunk = withBuffers(await link.request({ id: link.newId(), kind: 'stream-next', stream, chunkSize: size }));
    }
  } finally {
    // Stopped early (a client went away): the worker lets go of the statement.
    if (chunk.done !== true && link.alive) await link.request({ id: link.newId(), kind: 'stream-close', stream }).catch(() => undefined);
  }
}

/**
 * A Kysely connection of the hybrid driver. In a transaction every statement goes to the worker the
 * transaction began on (never to a new one after a crash). Outside one, a Kysely select runs at once
 * on the main thread's read-only connection (WAL readers never wait for the writer, and a point
 * query costs less than a trip to the worker); anything else takes the worker for itself.
 */
class SqliteHybridConnection implements DatabaseConnection {
  readonly #driver: SqliteWorkerDriver;
  /** The worker of the open transaction, which holds the driver's write lock. */
  transaction: WorkerLink | undefined;

  constructor(driver: SqliteWorkerDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.transaction !== undefined) return runOnWorker<R>(this.transaction, compiledQuery);
    if (SelectQueryNode.is(compiledQuery.query)) return this.#driver.read<R>(compiledQuery);
    return this.#driver.exclusive((link) => runOnWorker<R>(link, compiledQuery));
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    if (this.transaction !== undefined) {
      yield* streamOnWorker<R>(this.transaction, compiledQuery, chunkSize);
      return;
    }
    const link = await this.#driver.lock();
    try {
      yield* streamOnWorker<R>(link, compiledQuery, chunkSize);
    } finally {
      this.#driver.unlock();
    }
  }
}

/** One connection behind a mutex, as Kysely's own SqliteDriver. */
class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#promise !== undefined) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}

class SqliteWorkerDriver implements Driver {
  readonly #config: SqliteWorkerDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #link: WorkerLink | undefined;
  #reader: KyselySqliteDatabase | undefined;

  constructor(config: SqliteWorkerDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    this.#link = await WorkerLink.start(this.#config);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new SqliteHybridConnection(this));
  }

  /** Takes the write lock and a live worker (after a crash, a new one). */
  async lock(): Promise<WorkerLink> {
    await this.#mutex.lock();
    try {
      if (this.#link === undefined || !this.#link.alive) this.#link = await WorkerLink.start(this.#config);
      return this.#link;
    } catch (error) {
      this.#mutex.unlock();
      throw error;
    }
  }

  unlock(): void {
    this.#mutex.unlock();
  }

  /** One statement outside any transaction, alone on the worker (a transaction there would otherwise swallow it). */
  async exclusive<T>(work: (link: WorkerLink) => Promise<T>): Promise<T> {
    const link = await this.lock();
    try {
      return await work(link);
    } finally {
      this.unlock();
    }
  }

  /** A select on the main thread's read-only connection, opened at the first read (the worker created the file and set WAL). */
  read<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      this.#reader ??= withStatementCache(openSqliteReader(this.#config.file));
      const rows = this.#reader.prepare(compiledQuery.sql).all(compiledQuery.parameters) as R[];
      return Promise.resolve({ rows });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error('the SQLite read failed'));
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const hybrid = connection as SqliteHybridConnection;
    const link = await this.lock();
    try {
      // IMMEDIATE: the write lock is taken (waiting busy_timeout for another process) when the transaction
      // begins, not at its first write, where a deferred one that has read would fail at once with SQLITE_BUSY.
      await runOnWorker(link, CompiledQuery.raw('begin immediate'));
      hybrid.transaction = link;
    } catch (error) {
      this.unlock();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    this.#endTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.#endTransaction(connection);
    }
  }

  #endTransaction(connection: DatabaseConnection): void {
    const hybrid = connection as SqliteHybridConnection;
    if (hybrid.transaction === undefined) return;
    hybrid.transaction = undefined;
    this.unlock();
  }

  async savepoint(connection: DatabaseConnection, savepointName: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(sql`savepoint ${sql.id(savepointName)}`.toOperationNode(), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(sql`rollback to ${sql.id(savepointName)}`.toOperationNode(), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(sql`release ${sql.id(savepointName)}`.toOperationNode(), createQueryId()));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A transaction Kysely gave up on without commit or rollback still lets go of the lock.
    this.#endTransaction(connection);
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    this.#reader?.close();
    this.#reader = undefined;
    await this.#link?.close();
    this.#link = undefined;
  }
}

/**
 * Kysely's SQLite dialect with the writing better-sqlite3 connection in a worker thread
 * (sqlite-worker.ts): transactions, writes and the fsync of every COMMIT under synchronous = FULL no
 * longer block the event loop. Selects outside a transaction stay on the main thread, on a read-only
 * connection: in WAL mode they never wait for the writer, and they cost less than the trip.
 */
export class SqliteWorkerDialect implements Dialect {
  readonly #config: SqliteWorkerDialectConfig;

  constructor(config: SqliteWorkerDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new SqliteWorkerDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
