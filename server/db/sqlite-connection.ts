import SqliteDatabase from 'better-sqlite3';
import type { SqliteSynchronous } from '../config';

/** Opens the store's SQLite file with the pragmas every connection of the host needs (the worker's, and tests comparing against it). */
export function openSqliteConnection(file: string, synchronous: SqliteSynchronous | undefined): SqliteDatabase.Database {
  const database = new SqliteDatabase(file);
  try {
    database.pragma('journal_mode = WAL');
    // NORMAL in WAL mode can lose the last acknowledged registrations on power loss; FULL syncs the WAL at each commit.
    // SQLITE_SYNCHRONOUS=normal exists to measure that cost (npm run bench:host) and for stores that can be rebuilt.
    database.pragma(synchronous === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    // Freed bytes are zeroed, so an erased registration leaves nothing behind in the file.
    database.pragma('secure_delete = ON');
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/** The main thread's read-only connection to a store the worker has opened (WAL already set). */
export function openSqliteReader(file: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  database.pragma('busy_timeout = 5000');
  return database;
}
