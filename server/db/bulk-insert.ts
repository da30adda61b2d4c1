import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './migrations';

/** One column of a bulk insert and its PostgreSQL array element type. */
export interface BulkColumn<Row> {
  name: keyof Row & string;
  pgType: 'text' | 'integer' | 'bigint';
}

type Cell = string | number | null;

/** PostgreSQL: the rows as one typed array per column, for `unnest` (one parameter per column, never per row). */
export function pgColumnArrays<Row extends Record<string, Cell | undefined>>(columns: ReadonlyArray<BulkColumn<Row>>, rows: readonly Row[]): RawBuilder<unknown> {
  return sql.join(columns.map((column) => sql`${rows.map((row) => row[column.name] ?? null)}::${sql.raw(column.pgType)}[]`));
}

/**
 * `insert into table (columns) select …` of many rows as ONE statement whose text depends only on
 * the columns, never on the row count: PostgreSQL gets one array per column (`unnest`), SQLite one
 * JSON array of rows (`json_each`). Neither engine parses or plans per row, and no query tree of
 * thousands of bound values is built (the cost of a multi-row VALUES insert). `suffix` follows the
 * select (e.g. `on conflict do nothing returning line`).
 */
export function bulkInsert<Row extends Record<string, Cell | undefined>>(dialect: Dialect, table: string, columns: ReadonlyArray<BulkColumn<Row>>, rows: readonly Row[], suffix: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  if (dialect === 'postgres') {
    return sql`insert into ${sql.table(table)} (${names}) select * from unnest(${pgColumnArrays(columns, rows)}) ${suffix}`;
  }
  const cells = JSON.stringify(rows.map((row) => columns.map((column) => row[column.name] ?? null)));
  const picks = sql.raw(columns.map((_column, index) => `value ->> ${index}`).join(', '));
  // `where true` tells SQLite's parser that an ON CONFLICT in the suffix belongs to the insert.
  return sql`insert into ${sql.table(table)} (${names}) select ${picks} from json_each(${cells}) where true ${suffix}`;
}
