import type { ColumnDefinitionBuilder, Migration } from 'kysely';

/** The two SQL dialects the host speaks; migrations differ only in auto-increment ids and a few functions. */
export type Dialect = 'sqlite' | 'postgres';

/** What a migration file needs to know about the engine it runs on. */
export interface MigrationKit {
  dialect: Dialect;
  /** Column type of an auto-increment id. */
  idColumn: 'bigserial' | 'integer';
  /** Makes the id column the auto-increment primary key on either engine. */
  idKey: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/** One migration file: a factory given the engine's kit. */
export type MigrationFactory = (kit: MigrationKit) => Migration;

/** The kit for one dialect. */
export function migrationKit(dialect: Dialect): MigrationKit {
  return {
    dialect,
    idColumn: dialect === 'postgres' ? 'bigserial' : 'integer',
    idKey: (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}
