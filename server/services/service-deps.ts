import type { Kysely } from 'kysely';
import type { HostConfig } from '../config';
import type { Dialect } from '../db/migrations';
import type { CopyOut } from '../db/pg-copy-out';
import type { HostDatabase } from '../db/schema';
import type { MailOutbox } from '../mail/mail-outbox';
import type { HostMetrics } from '../metrics';
import type { AccessTokens } from '../security/access-tokens';
import type { HostKeys } from '../security/host-keys';
import type { PasswordHasher } from '../security/password-hasher';
import type { BackgroundTasks } from './background-tasks';

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
  /** Which engine `db` is (mail claims lock rows on PostgreSQL; erasure compacts SQLite). */
  dialect: Dialect;
  /** PostgreSQL only (undefined on SQLite): the CSV export streams COPY's bytes instead of rows. */
  copyOut?: CopyOut;
  mail: MailOutbox;
  background: BackgroundTasks;
  /** Origin of links in mail: HOST_PUBLIC_URL, else the customer listener's URL once it listens. */
  publicUrl: () => string;
}
