import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config';
import { buildMigrations, type Dialect } from './migrations';
import type { HostDatabase } from './schema';

/** An open store: the Kysely handle plus which dialect it speaks (unique-violation errors differ). */
export interface OpenDatabase {
  db: Kysely<HostDatabase>;
  dialect: Dialect;
}

const INT8_OID = 20;

/** Opens SQLite (WAL) or PostgreSQL; int8 comes back as number so timestamps and ids look alike on both. */
export function openDatabase(target: DatabaseTarget, options: { pgPoolSize?: number; onQuery?: (sql: string, parameters: readonly unknown[]) => void } = {}): OpenDatabase {
  const log = options.onQuery ? (event: LogEvent) => options.onQuery?.(event.query.sql, event.query.parameters) : undefined;
  if (target.dialect === 'sqlite') {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const database = new SqliteDatabase(target.file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    return { db: new Kysely<HostDatabase>({ dialect: new SqliteDialect({ database }), log }), dialect: 'sqlite' };
  }
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: target.url, max: options.pgPoolSize ?? 10, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and /readyz reports the outage.
  });
  return { db: new Kysely<HostDatabase>({ dialect: new PostgresDialect({ pool }), log }), dialect: 'postgres' };
}

/** Applies pending migrations; Kysely's migrator takes a lock so several hosts may start at once. */
export async function migrateToLatest(open: OpenDatabase): Promise<void> {
  const migrator = new Migrator({
    db: open.db,
    provider: { getMigrations: () => Promise.resolve(buildMigrations(open.dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}

/** True when the database answers a trivial query (for /readyz). */
export async function databaseAnswers(db: Kysely<HostDatabase>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
