import type { Migration } from 'kysely';
import { initialMigration } from './migrations/0001-initial';
import { lifecycleFoundationMigration } from './migrations/0002-lifecycle-foundation';
import { hardeningMigration } from './migrations/0003-hardening';
import { operatorMigration } from './migrations/0004-operator';
import { lifecycleMigration } from './migrations/0005-lifecycle';
import { genuineMigration } from './migrations/0006-genuine';
import { attestationMigration } from './migrations/0007-attestation';
import { bulkPathsMigration } from './migrations/0008-bulk-paths';
import { manifestKeyOnlyMigration } from './migrations/0009-manifest-key-only';
import { migrationKit, type Dialect, type MigrationFactory } from './migrations/migration-kit';

export type { Dialect } from './migrations/migration-kit';

/** Every migration in the order it applies; never edit a released one, add the next file. */
const MIGRATIONS: ReadonlyArray<readonly [name: string, factory: MigrationFactory]> = [
  ['0001-initial', initialMigration],
  ['0002-lifecycle-foundation', lifecycleFoundationMigration],
  ['0003-hardening', hardeningMigration],
  ['0004-operator', operatorMigration],
  ['0005-lifecycle', lifecycleMigration],
  ['0006-genuine', genuineMigration],
  ['0007-attestation', attestationMigration],
  ['0008-bulk-paths', bulkPathsMigration],
  ['0009-manifest-key-only', manifestKeyOnlyMigration],
];

/** Versioned schema changes, applied in name order at start. */
export function buildMigrations(dialect: Dialect): Record<string, Migration> {
  const kit = migrationKit(dialect);
  return Object.fromEntries(MIGRATIONS.map(([name, factory]) => [name, factory(kit)]));
}
