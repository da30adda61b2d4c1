import { openDatabase } from '../../server/db/open-database';
import type { HostDatabase } from '../../server/db/schema';
import type { TestDatabase } from './databases';

/** Row counts of every table, read with a connection of the test's own, to prove what was (not) stored. */
export async function storedRowCounts(database: TestDatabase): Promise<Record<keyof HostDatabase, number>> {
  const target = database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
  const { db } = openDatabase(target, { pgPoolSize: 1 });
  try {
    const count = async (table: keyof HostDatabase) => {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      registrations: await count('registrations'),
      devices: await count('devices'),
      idempotency_records: await count('idempotency_records'),
      lookup_failures: await count('lookup_failures'),
    };
  } finally {
    await db.destroy();
  }
}
