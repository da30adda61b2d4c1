import type { Migration } from 'kysely';
import { initialMigration } from './migrations/0001-initial';
import { lifecycleFoundationMigration } from './migrations/0002-lifecycle-foundation';
import { operatorMigration } from './migrations/0004-operator';
import { genuineMigration } from './migrations/0006-genuine';
import { migrationKit, type Dialect, type MigrationFactory } from './migrations/migration-kit';

export type { Dialect } from './migrations/migration-kit';

/** Every migration in the order it applies; never edit a released one, add the next file. */
const MIGRATIONS: ReadonlyArray<readonly [name: string, factory: MigrationFactory]> = [
  ['0001-initial', initialMigration],
  ['0002-lifecycle-foundation', lifecycleFoundationMigration],
  ['0004-operator', operatorMigration],
  ['0006-genuine', genuineMigration],
];

/** Versioned schema changes, applied in name order at start. */
export function buildMigrations(dialect: Dialect): Record<string, Migration> {
  const kit = migrationKit(dialect);
  return Object.fromEntries(MIGRATIONS.map(([name, factory]) => [name, factory(kit)]));
}
