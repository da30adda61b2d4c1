import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 as Kysely's SQLite dialect sees it, but keeping prepared statements: Kysely's driver
 * prepares every query anew, which costs about as much as running a typical one. The least recently
 * used statement goes beyond STATEMENT_CACHE_SIZE distinct queries; one still being iterated (a
 * streamed export) is never handed out twice.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(query) {
      const cached = statements.get(query);
      if (cached && !cached.busy) {
        statements.delete(query);
        statements.set(query, cached);
        return cached;
      }
      const statement = database.prepare(query);
      if (!cached) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value ?? '');
        statements.set(query, statement);
      }
      return statement;
    },
  };
}
