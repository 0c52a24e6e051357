import { count, getTableColumns, is, sql, type Column } from 'drizzle-orm';
import {
  alias,
  PgDatabase,
  PgDialect,
  type PgColumn,
  type PgInsertValue,
  type PgTable,
  type PgUpdateSetSource,
} from 'drizzle-orm/pg-core';
import type { Row, SelectQuery, TableQueries } from './dialect.js';
import { rememberPglite } from './pglite-returning.js';
import { unnestWriter } from './postgres-unnest.js';
import type { PostgresDatabase } from './types.js';

/** Postgres' wire protocol counts bind parameters in 16 bits. */
export const POSTGRES_BIND_PARAMETER_LIMIT = 65_535;

// Only used to count the parameters an SQL value binds; rendering needs no database.
const dialect = new PgDialect();

/** The factory's statements for one Postgres table. */
export function postgresQueries(table: PgTable): TableQueries<PostgresDatabase> {
  const excludedColumns: Record<string, Column> = getTableColumns(alias(table, 'excluded'));
  // drizzle types rows and sets per table; this module is table-agnostic, so it widens them once here.
  const values = (rows: Row[]) => rows as PgInsertValue<PgTable>[];
  const setSource = (set: Row) => set as PgUpdateSetSource<PgTable>;
  const insert = (handle: PostgresDatabase, rows: Row[]) =>
    handle.insert(table).values(values(rows)).returning();
  const upsert = (handle: PostgresDatabase, rows: Row[], target: Column[], set: Row) =>
    handle
      .insert(table)
      .values(values(rows))
      .onConflictDoUpdate({ target: target as PgColumn[], set: setSource(set) })
      .returning();
  const unnest = unnestWriter(table);

  return {
    dialect: 'postgres',
    bindParameterLimit: POSTGRES_BIND_PARAMETER_LIMIT,
    isHandle: (value): value is PostgresDatabase => {
      if (!is(value, PgDatabase)) return false;
      // The factory's database passes here first: a caller's `tx` on it then finds its PGlite parsers.
      rememberPglite(value);
      return true;
    },
    countParameters: (expression) => dialect.sqlToQuery(expression).params.length,
    excluded: (columnKey) => sql`${excludedColumns[columnKey]}`,
    insert,
    upsert,
    planInsert: (handle, rows, costOf, budget) =>
      unnest.plan(handle, rows, costOf, budget, undefined, insert),
    planUpsert: (target, set) => (handle, rows, costOf, budget) =>
      unnest.plan(handle, rows, costOf, budget, { target, set }, (on, chunk) =>
        upsert(on, chunk, target, set),
      ),
    select: (handle, query: SelectQuery) => {
      const statement = handle
        .select()
        .from(table)
        .where(query.where)
        .orderBy(...query.orderBy)
        .$dynamic();
      if (query.limit !== undefined) statement.limit(query.limit);
      if (query.offset !== undefined) statement.offset(query.offset);
      return statement;
    },
    update: (handle, where, set) => handle.update(table).set(setSource(set)).where(where).returning(),
    delete: (handle, where) => handle.delete(table).where(where).returning(),
    count: async (handle, where) => {
      const [result] = await handle.select({ value: count() }).from(table).where(where);
      return result?.value ?? 0;
    },
    transaction: (handle, work) => handle.transaction((tx) => work(tx)),
  };
}
