import { migrateToLatest, openDatabase } from '../../server/db/open-database';
import { loadConfig } from '../../server/config';
import { loadHostKeys } from '../../server/security/host-keys';
import { operatorHashKey } from '../../server/security/operator-secrets';
import type { OperatorRole } from '../../server/services/operator-roles';
import { createOperatorToken } from '../../server/services/operator-token-service';
import type { TestDatabase } from './databases';

/**
 * Makes an operator token in a test database with the code `npm run operator -- token create` runs
 * (the CLI itself is tested in operator-cli.test.ts; spawning it per token would slow suites).
 */
export async function createTestToken(database: Pick<TestDatabase, 'url' | 'dataDir'>, role: OperatorRole, name = `test-${role}-${Math.random().toString(36).slice(2, 8)}`, expiresDays?: number): Promise<string> {
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: database.dataDir });
  const open = openDatabase(config.database, { pgPoolSize: 1 });
  try {
    await migrateToLatest(open);
    const keys = await loadHostKeys(config);
    return (await createOperatorToken(open.db, operatorHashKey(keys), { name, role, expiresDays }, Date.now())).token;
  } finally {
    await open.db.destroy();
  }
}

/** One token of each role, made once per suite. */
export async function tokensOfEveryRole(database: Pick<TestDatabase, 'url' | 'dataDir'>): Promise<Record<OperatorRole, string>> {
  return { viewer: await createTestToken(database, 'viewer'), support: await createTestToken(database, 'support'), admin: await createTestToken(database, 'admin') };
}
