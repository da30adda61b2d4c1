import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { SqliteWorkerDialect } from '../../server/db/sqlite-worker-dialect';
import { isStoreUnavailable } from '../../server/db/store-unavailable';
import { uniqueViolationTarget } from '../../server/db/unique-violation';

interface TestTables {
  t: { id: Generated<number>; name: string; at: number; data: Buffer | null };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh store behind the worker dialect, with one table; `workers` sees every worker thread it starts. */
async function openStore(): Promise<{ db: Kysely<TestTables>; file: string; workers: Worker[] }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-worker-'));
  const file = path.join(dir, 'store.sqlite');
  const workers: Worker[] = [];
  const db = new Kysely<TestTables>({ dialect: new SqliteWorkerDialect({ file, synchronous: 'full', onWorker: (worker) => workers.push(worker) }) });
  cleanups.push(async () => {
    await db.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });
  await sql`create table t (id integer primary key, name text not null unique, at integer not null, data blob)`.execute(db);
  return { db, file, workers };
}

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once('exit', resolve));

describe('the SQLite worker dialect', () => {
  it('answers with JS numbers for ids and timestamps, bigint counts as Kysely expects, and Buffers for blobs', async () => {
    const { db } = await openStore();
    const at = 1_790_000_000_123;
    const inserted = await db.insertInto('t').values({ name: 'a', at, data: Buffer.from([1, 2, 3]) }).executeTakeFirstOrThrow();
    expect(inserted.insertId).toBe(1n);
    const row = await db.selectFrom('t').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, name: 'a', at, data: Buffer.from([1, 2, 3]) });
    expect(typeof row.id).toBe('number');
    expect(Buffer.isBuffer(row.data)).toBe(true);
    const updated = await db.updateTable('t').set({ at: at + 1 }).where('id', '=', 1).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(1n);
  });

  it('keeps better-sqlite3\'s error code and message, without the values bound to the statement', async () => {
    const { db } = await openStore();
    await db.insertInto('t').values({ name: 'taro.yamada@example.test', at: 1, data: null }).execute();
    const error: unknown = await db.insertInto('t').values({ name: 'taro.yamada@example.test', at: 2, data: null }).execute().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: unknown }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(uniqueViolationTarget(error)).toBe('UNIQUE constraint failed: t.name');
    expect(isStoreUnavailable(error)).toBe(false);
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`).not.toContain('yamada');
    const syntax: unknown = await sql`selec 1`.execute(db).catch((caught: unknown) => caught);
    expect((syntax as { code?: unknown }).code).toBe('SQLITE_ERROR');
  });

  it('commits, rolls back and keeps savepoints inside one connection', async () => {
    const { db } = await openStore();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ name: 'kept', at: 1, data: null }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ name: 'undone', at: 2, data: null }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t').values({ name: 'before savepoint', at: 3, data: null }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('t').values({ name: 'after savepoint', at: 4, data: null }).execute();
    const back = await inner.rollbackToSavepoint('inner').execute();
    const released = await back.savepoint('second').execute();
    await released.insertInto('t').values({ name: 'in released savepoint', at: 5, data: null }).execute();
    await (await released.releaseSavepoint('second').execute()).commit().execute();
    const names = (await db.selectFrom('t').select('name').orderBy('id').execute()).map((row) => row.name);
    expect(names).toEqual(['kept', 'before savepoint', 'in released savepoint']);
  });

  it('streams a select in chunks, and lets go of the statement when the reader stops early', async () => {
    const { db } = await openStore();
    await sql`insert into t (name, at) select 'n' || value, value from json_each(${JSON.stringify(Array.from({ length: 250 }, (_v, i) => i))})`.execute(db);
    const query = db.selectFrom('t').select(['id', 'at']).orderBy('id');
    const all: number[] = [];
    for await (const row of query.stream(64)) all.push(row.at);
    expect(all).toEqual(Array.from({ length: 250 }, (_v, i) => i));
    const firstFew: number[] = [];
    for await (const row of query.stream(10)) {
      firstFew.push(row.at);
      if (firstFew.length === 15) break;
    }
    expect(firstFew).toEqual(Array.from({ length: 15 }, (_v, i) => i));
    // The connection was released and the same (cached) statement runs again from the start.
    expect((await query.execute()).length).toBe(250);
    // A statement that fails at its first step: the error keeps its code and the worker drops the stream.
    const broken = db.selectFrom('t').select(sql<string>`json_extract('not json', '$')`.as('j'));
    const streamError: unknown = await (async () => {
      for await (const _row of broken.stream()) break;
    })().catch((caught: unknown) => caught);
    expect((streamError as { code?: unknown }).code).toBe('SQLITE_ERROR');
    expect((await query.execute()).length).toBe(250);
    await expect(async () => {
      for await (const _row of db.insertInto('t').values({ name: 'x', at: 0, data: null }).stream()) break;
    }).rejects.toThrow('only supports streaming of select queries');
  });

  it('reads outside a transaction on the main thread without waiting for the worker, and inside one sees its own writes', async () => {
    const { db } = await openStore();
    await db.insertInto('t').values({ name: 'committed', at: 1, data: null }).execute();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t').values({ name: 'pending', at: 2, data: null }).execute();
    // The transaction holds the worker; a select outside it answers at once with what is committed.
    const outside = await Promise.race([
      db.selectFrom('t').select('name').orderBy('id').execute(),
      new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000)),
    ]);
    expect(outside).toEqual([{ name: 'committed' }]);
    expect((await trx.selectFrom('t').select('name').orderBy('id').execute()).map((row) => row.name)).toEqual(['committed', 'pending']);
    // A write outside the transaction waits for it to end (it would otherwise have joined it).
    let written = false;
    const write = db.insertInto('t').values({ name: 'after', at: 3, data: null }).execute().then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBe(false);
    await trx.commit().execute();
    await write;
    expect((await db.selectFrom('t').select('name').orderBy('id').execute()).map((row) => row.name)).toEqual(['committed', 'pending', 'after']);
  });

  it('keeps the event loop running while a statement waits for another connection\'s write lock', async () => {
    const { db, file } = await openStore();
    const other = new SqliteDatabase(file);
    cleanups.push(() => {
      other.close();
      return Promise.resolve();
    });
    other.exec('begin exclusive');
    const started = performance.now();
    const insert = db.insertInto('t').values({ name: 'waits', at: 1, data: null }).execute();
    // The worker sits in busy_timeout; a thread blocked there would not see this timer until the lock is gone.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const timerAfter = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    other.exec('rollback');
    await insert;
    const insertAfter = performance.now() - started;
    expect(timerAfter).toBeLessThan(600);
    expect(insertAfter).toBeGreaterThanOrEqual(1000);
    expect((await db.selectFrom('t').select('name').execute()).map((row) => row.name)).toEqual(['waits']);
  });

  it('fails the queries of a worker that died as store-unavailable (503), rolls its transaction back and starts a new worker for the next query', async () => {
    const { db, workers } = await openStore();
    await db.insertInto('t').values({ name: 'committed', at: 1, data: null }).execute();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t').values({ name: 'uncommitted', at: 2, data: null }).execute();
    const first = workers[0];
    if (first === undefined) throw new Error('no worker started');
    // A long statement in native code, cut by the thread's end: its answer never comes.
    const slow = sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000000) select count(*) as n from c`.execute(trx);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const gone = exited(first);
    await first.terminate();
    await gone;
    const error: unknown = await slow.catch((caught: unknown) => caught);
    expect((error as { code?: unknown }).code).toBe('SQLITE_WORKER_GONE');
    expect(isStoreUnavailable(error)).toBe(true);
    // The transaction's connection stays on the dead worker: it never continues on a new one outside the transaction.
    const after: unknown = await trx.insertInto('t').values({ name: 'lost', at: 3, data: null }).execute().catch((caught: unknown) => caught);
    expect(isStoreUnavailable(after)).toBe(true);
    await trx.rollback().execute().catch(() => undefined);
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    expect(workers).toHaveLength(2);
    await db.insertInto('t').values({ name: 'after restart', at: 4, data: null }).execute();
    expect((await db.selectFrom('t').select('name').orderBy('id').execute()).map((row) => row.name)).toEqual(['committed', 'after restart']);
  });

  it('ends its worker on destroy, and an open that fails rejects with SQLite\'s code', async () => {
    const { db, workers } = await openStore();
    const worker = workers[0];
    if (worker === undefined) throw new Error('no worker started');
    const gone = exited(worker);
    await db.destroy();
    await gone;
    await expect(db.selectFrom('t').selectAll().execute()).rejects.toThrow('destroyed');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-worker-'));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    // A folder where the file should be: SQLite cannot open it.
    const unopenable = new Kysely<TestTables>({ dialect: new SqliteWorkerDialect({ file: dir }) });
    const error: unknown = await sql`select 1`.execute(unopenable).catch((caught: unknown) => caught);
    expect((error as { code?: unknown }).code).toBe('SQLITE_CANTOPEN');
    expect(isStoreUnavailable(error)).toBe(true);
    await unopenable.destroy();
  });

  it('runs the host\'s store: openDatabase speaks to a worker with the host\'s pragmas', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-worker-'));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    const { db } = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'store.sqlite') });
    try {
      const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('secure_delete')).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
