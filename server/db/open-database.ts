import { Kysely, Migrator, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config';
import { buildMigrations, type Dialect } from './migrations';
import { pgCopyOut, type CopyOut } from './pg-copy-out';
import { ensurePrivateSqliteFiles } from './private-files';
import type { HostDatabase } from './schema';
import { SqliteWorkerDialect } from './sqlite-worker-dialect';

/** An open store: the Kysely handle plus which dialect it speaks (unique-violation errors differ). */
export interface OpenDatabase {
  db: Kysely<HostDatabase>;
  dialect: Dialect;
  /** PostgreSQL only: COPY … TO STDOUT for exports that must not build rows in JavaScript. */
  copyOut?: CopyOut;
}

const INT8_OID = 20;

/** Opens SQLite (WAL, files 0600, fsync at every commit, off the event loop in a worker thread) or PostgreSQL; int8 comes back as number so timestamps and ids look alike on both. */
export function openDatabase(target: DatabaseTarget, options: { pgPoolSize?: number; onQuery?: (sql: string, parameters: readonly unknown[]) => void } = {}): OpenDatabase {
  const log = options.onQuery ? (event: LogEvent) => options.onQuery?.(event.query.sql, event.query.parameters) : undefined;
  if (target.dialect === 'sqlite') {
    ensurePrivateSqliteFiles(target.file);
    // The connection lives in a worker thread (sqlite-worker.ts), opened with sqlite-connection.ts's pragmas.
    return { db: new Kysely<HostDatabase>({ dialect: new SqliteWorkerDialect({ file: target.file, synchronous: target.synchronous }), log }), dialect: 'sqlite' };
  }
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (value: string) => Number(value));
  // A bounded wait for a connection: a server that hangs becomes 503 after 5 s, not a request that never ends.
  const pool = new pg.Pool({ connectionString: target.url, max: options.pgPoolSize ?? 10, connectionTimeoutMillis: 5000, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and /readyz reports the outage.
  });
  // A client checked out when the server goes away (a restart, a failover) emits 'error' outside the pool's
  // care: without a listener that is an uncaught exception and the host dies. Its query fails (503), and the
  // pool drops the broken client when it comes back.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return { db: new Kysely<HostDatabase>({ dialect: new PostgresDialect({ pool }), log }), dialect: 'postgres', copyOut: pgCopyOut(pool, options.onQuery) };
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
