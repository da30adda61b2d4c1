import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A fresh, empty store for one suite; dispose() removes it. */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** DATABASE_URL for the host. */
  url: string;
  /** A data folder for the host's keys (and, for SQLite, its file). */
  dataDir: string;
  dispose(): Promise<void>;
}

/** One database engine the suites run on. */
export interface DatabaseVariant {
  kind: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** Where the PostgreSQL server for tests lives; TEST_POSTGRES_URL overrides it. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'host-test-'));
}

const sqliteVariant: DatabaseVariant = {
  kind: 'sqlite',
  async create() {
    const dataDir = await tempDataDir();
    return {
      kind: 'sqlite',
      url: `sqlite:${path.join(dataDir, 'test.sqlite')}`,
      dataDir,
      dispose: () => fs.rm(dataDir, { recursive: true, force: true }),
    };
  },
};

/** Runs SQL against the admin database (create/drop test databases). */
export async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const postgresVariant: DatabaseVariant = {
  kind: 'postgres',
  async create() {
    const name = `host_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    await withAdminClient((client) => client.query(`create database ${name}`));
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const dataDir = await tempDataDir();
    return {
      kind: 'postgres',
      url: url.toString(),
      dataDir,
      async dispose() {
        await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

let cached: Promise<DatabaseVariant[]> | undefined;

/**
 * The engines every server suite runs on: SQLite always, PostgreSQL when reachable. Unreachable
 * PostgreSQL fails loudly under CI=true or REQUIRE_POSTGRES=1, and is otherwise skipped with a note.
 */
export function databaseVariants(suite: string): Promise<DatabaseVariant[]> {
  cached ??= (async () => {
    const problem = await postgresReachable();
    if (problem === null) return [sqliteVariant, postgresVariant];
    if (process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required (CI=true or REQUIRE_POSTGRES=1) but ${POSTGRES_ADMIN_URL} is unreachable: ${problem}`);
    }
    return [sqliteVariant];
  })();
  return cached.then((variants) => {
    if (variants.length === 1) {
      console.warn(
        `[${suite}] SKIPPED the PostgreSQL variant: ${POSTGRES_ADMIN_URL} is unreachable. Only SQLite was tested. ` +
          'To test PostgreSQL too, start a server that trusts the postgres user on 127.0.0.1:5432 ' +
          '(e.g. `sudo apt-get install -y postgresql && sudo service postgresql start`, or ' +
          '`docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16`), or set TEST_POSTGRES_URL. ' +
          'CI=true or REQUIRE_POSTGRES=1 turns this skip into a failure.',
      );
    }
    return variants;
  });
}

/** Only the PostgreSQL variant (for suites about several host processes sharing one store). */
export async function postgresVariantOnly(suite: string): Promise<DatabaseVariant[]> {
  return (await databaseVariants(suite)).filter((variant) => variant.kind === 'postgres');
}
