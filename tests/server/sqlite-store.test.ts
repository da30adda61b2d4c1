import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/open-database';
import { withStatementCache } from '../../server/db/statement-cache';

const dirs: string[] = [];
const tempFile = async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-store-'));
  dirs.push(dir);
  return path.join(dir, 'store.sqlite');
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('the SQLite store', () => {
  it('syncs every commit (synchronous = FULL) unless SQLITE_SYNCHRONOUS=normal asks otherwise; a bad value is refused', async () => {
    const file = await tempFile();
    const full = loadConfig({ DATABASE_URL: `sqlite:${file}` }).database;
    const normal = loadConfig({ DATABASE_URL: `sqlite:${file}`, SQLITE_SYNCHRONOUS: 'normal' }).database;
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/^Invalid configuration: SQLITE_SYNCHRONOUS /);
    for (const [target, level] of [[full, 2], [normal, 1]] as const) {
      const { db } = openDatabase(target);
      try {
        const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
        expect(rows[0]?.synchronous).toBe(level);
      } finally {
        await db.destroy();
      }
    }
  });

  it('prepares a query once and reuses it, but never hands out a statement still being iterated, and keeps at most 256', async () => {
    const raw = new SqliteDatabase(await tempFile());
    const cached = withStatementCache(raw);
    try {
      raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
      const first = cached.prepare('select n from t order by n');
      expect(cached.prepare('select n from t order by n')).toBe(first);
      const iterator = first.iterate([]);
      iterator.next();
      const during = cached.prepare('select n from t order by n');
      expect(during).not.toBe(first);
      expect(during.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      iterator.return?.();
      expect(cached.prepare('select n from t order by n')).toBe(first);
      for (let i = 0; i < 256; i += 1) cached.prepare(`select ${i} as n`);
      expect(cached.prepare('select n from t order by n')).not.toBe(first);
    } finally {
      cached.close();
    }
  });

  it('sees a schema change through a kept statement (a migration on an open store)', async () => {
    const { db } = openDatabase({ dialect: 'sqlite', file: await tempFile() });
    try {
      await sql`create table t (n integer)`.execute(db);
      await sql`insert into t values (1)`.execute(db);
      const everything = () => sql<Record<string, unknown>>`select * from t`.execute(db);
      expect((await everything()).rows).toEqual([{ n: 1 }]);
      await sql`alter table t add column extra text default 'x'`.execute(db);
      expect((await everything()).rows).toEqual([{ n: 1, extra: 'x' }]);
    } finally {
      await db.destroy();
    }
  });
});
