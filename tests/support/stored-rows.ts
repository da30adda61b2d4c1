import type { Kysely } from 'kysely';
import type { Dialect } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/open-database';
import type { HostDatabase } from '../../server/db/schema';
import type { TestDatabase } from './databases';

/** Opens the test's store with a connection of its own, runs `read`, and closes it. */
export async function readStore<T>(database: TestDatabase, read: (db: Kysely<HostDatabase>, dialect: Dialect) => Promise<T>): Promise<T> {
  const target = database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
  const { db, dialect } = openDatabase(target, { pgPoolSize: 2 });
  try {
    return await read(db, dialect);
  } finally {
    await db.destroy();
  }
}

/** A connection of the test's own to a test database (the caller destroys it). */
export function openTestStore(database: Pick<TestDatabase, 'kind' | 'url'>): Kysely<HostDatabase> {
  const target = database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
  return openDatabase(target, { pgPoolSize: 1 }).db;
}

/** Row counts of every table, read with a connection of the test's own, to prove what was (not) stored. */
export async function storedRowCounts(database: TestDatabase): Promise<Record<keyof HostDatabase, number>> {
  const target = database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
  const { db } = openDatabase(target, { pgPoolSize: 1 });
  try {
    const count = async (table: keyof HostDatabase) => {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    // Every table a customer request can write to; `refusals` is left out on purpose: recording why a request was refused is what it is for.
    const tables: Array<keyof HostDatabase> = [
      'registrations', 'devices', 'idempotency_records', 'lookup_failures', 'consents', 'audit_events', 'device_findings',
      'manifests', 'manifest_devices', 'manifest_staging', 'attestation_challenges', 'mail_queue', 'recovery_codes', 'transfers',
      'operator_tokens', 'operator_sessions', 'operator_sign_ins',
    ];
    const counts: Partial<Record<keyof HostDatabase, number>> = {};
    for (const table of tables) counts[table] = await count(table);
    return counts as Record<keyof HostDatabase, number>;
  } finally {
    await db.destroy();
  }
}
