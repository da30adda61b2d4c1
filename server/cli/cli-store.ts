import type { Kysely } from 'kysely';
import { loadConfig, type HostConfig } from '../config';
import { migrateToLatest, openDatabase } from '../db/open-database';
import type { HostDatabase } from '../db/schema';
import { loadHostKeys, type HostKeys } from '../security/host-keys';

/** The host's store as a command sees it: same DATABASE_URL and DATA_DIR (so the same keys) as the host. */
export interface CliStore {
  db: Kysely<HostDatabase>;
  config: HostConfig;
  keys: HostKeys;
}

/** Opens (and migrates) the store named by the environment, runs `work`, and always closes it. */
export async function withCliStore<T>(env: Record<string, string | undefined>, work: (store: CliStore) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const open = openDatabase(config.database, { pgPoolSize: 2 });
  try {
    await migrateToLatest(open);
    const keys = await loadHostKeys(config);
    return await work({ db: open.db, config, keys });
  } finally {
    await open.db.destroy();
  }
}
