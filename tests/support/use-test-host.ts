import { afterAll, beforeAll } from 'vitest';
import type { DatabaseVariant, TestDatabase } from './databases';
import { startTestHost, type TestHost } from './test-host';

/** The suite's database, readable from its beforeAll onwards (getters, since hooks fill it later). */
export interface SuiteDatabase {
  readonly database: TestDatabase;
}

/** The suite's host and its database, readable from its beforeAll onwards. */
export interface SuiteHost extends SuiteDatabase {
  readonly host: TestHost;
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the suite's ${what} is read before its beforeAll ran`);
  return value;
}

/** Gives the enclosing suite a fresh database for all its tests, so suites never share rows. */
export function useTestDatabase(variant: DatabaseVariant): SuiteDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await variant.create();
  });
  afterAll(async () => {
    await database?.dispose();
  });
  return {
    get database() {
      return ready(database, 'database');
    },
  };
}

/** Gives the enclosing suite a host over a fresh database (`env` adds to TEST_HOST_ENV), closed before the database goes. */
export function useTestHost(variant: DatabaseVariant, env: Record<string, string> = {}): SuiteHost {
  const suite = useTestDatabase(variant);
  let host: TestHost | undefined;
  beforeAll(async () => {
    host = await startTestHost(suite.database, env);
  });
  afterAll(async () => {
    await host?.close();
  });
  return {
    get database() {
      return suite.database;
    },
    get host() {
      return ready(host, 'host');
    },
  };
}
