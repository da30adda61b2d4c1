import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidRegistrationNumber, makeRegistrationNumber } from '../../protocol';
import { loadConfig } from '../../server/config';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../server/db/open-database';
import { createLogger } from '../../server/logger';
import { createMailOutbox } from '../../server/mail/mail-outbox';
import { createMetrics } from '../../server/metrics';
import { createAccessTokens } from '../../server/security/access-tokens';
import { loadHostKeys } from '../../server/security/host-keys';
import { createPasswordHasher } from '../../server/security/password-hasher';
import { createBackgroundTasks } from '../../server/services/background-tasks';
import { registerNew } from '../../server/services/registration-service';
import type { ServiceDeps } from '../../server/services/service-deps';
import { databaseVariants } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { TEST_HOST_ENV } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('registration-number-collision.test');

describe.each(variants)('registration-number collisions on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let open: OpenDatabase;
  let deps: ServiceDeps;
  const draws: Uint8Array[] = [];

  beforeAll(async () => {
    const config = loadConfig(TEST_HOST_ENV, { databaseUrl: suite.database.url, dataDir: suite.database.dataDir });
    open = openDatabase(config.database);
    await migrateToLatest(open);
    const keys = await loadHostKeys(config);
    deps = {
      db: open.db,
      config,
      keys,
      hasher: createPasswordHasher(config.passwordHash),
      tokens: createAccessTokens(keys.tokenSigningKey, config.accessTokenTtlSeconds),
      metrics: createMetrics(),
      now: () => Date.now(),
      // Replays queued draws first, so a test can make the generator repeat itself.
      randomBytes: (size) => draws.shift() ?? new Uint8Array(crypto.randomBytes(size)),
      dialect: open.dialect,
      mail: createMailOutbox({ db: open.db, dialect: open.dialect, config: config.mail, transport: null, logger: createLogger('silent'), now: () => Date.now() }),
      background: createBackgroundTasks(createLogger('silent')),
      publicUrl: () => 'http://127.0.0.1',
    };
  });
  afterAll(async () => {
    await open.db.destroy();
  });

  it('draws again when the number is taken (unique index + ON CONFLICT DO NOTHING)', async () => {
    const bytes = new Uint8Array(crypto.randomBytes(11));
    draws.push(bytes);
    const first = await registerNew(deps, newRegistration());
    expect(first.created.registrationNumber).toBe(makeRegistrationNumber(bytes));
    draws.push(bytes, bytes, bytes);
    const second = await registerNew(deps, newRegistration());
    expect(second.created.registrationNumber).not.toBe(first.created.registrationNumber);
    expect(isValidRegistrationNumber(second.created.registrationNumber)).toBe(true);
    expect(draws).toHaveLength(0);
  });

  it('gives up with an internal error (no partial registration) if every draw collides', async () => {
    const bytes = new Uint8Array(crypto.randomBytes(11));
    draws.push(bytes);
    await registerNew(deps, newRegistration());
    for (let i = 0; i < 8; i += 1) draws.push(bytes);
    const body = newRegistration();
    await expect(registerNew(deps, body)).rejects.toThrow('could not draw a free registration number');
    // Nothing of the refused attempt remains: the same request id registers afresh.
    const retry = await registerNew(deps, body);
    expect(retry.replayed).toBe(false);
  });
});
