import type { Kysely } from 'kysely';
import type { HostConfig } from '../config';
import type { HostDatabase } from '../db/schema';
import type { HostMetrics } from '../metrics';
import type { AccessTokens } from '../security/access-tokens';
import type { HostKeys } from '../security/host-keys';
import type { PasswordHasher } from '../security/password-hasher';

/** What every service needs; built once by start-host and passed down (no module-level state). */
export interface ServiceDeps {
  db: Kysely<HostDatabase>;
  config: HostConfig;
  keys: HostKeys;
  hasher: PasswordHasher;
  tokens: AccessTokens;
  metrics: HostMetrics;
  now: () => number;
  /** Source of registration-number randomness (crypto.randomBytes; tests force collisions). */
  randomBytes: (size: number) => Uint8Array;
}
