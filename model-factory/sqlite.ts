import { count, getTableColumns, is, sql, type Column } from 'drizzle-orm';
import {
  alias,
  BaseSQLiteDatabase,
  SQLiteAsyncDialect,
  type SQLiteColumn,
  type SQLiteInsertValue,
  type SQLiteTable,
  type SQLiteUpdateSetSource,
} from 'drizzle-orm/sqlite-core';
import type { Row, SelectQuery, TableQueries } from './dialect.js';
import type { SQLiteDatabase } from './types.js';

/** SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32 (libsql keeps it). */
export const SQLITE_BIND_PARAMETER_LIMIT = 32_766;

// Only used to count the parameters an SQL value binds; rendering needs no database.
const dialect = new SQLiteAsyncDialect();

/** Whether `value` is a drizzle SQLite database whose driver is synchronous (better-sqlite3, bun:sqlite). */
export function isSynchronousSQLiteDatabase(value: unknown): boolean {
  return is(value, BaseSQLiteDatabase) && Reflect.get(value, 'resultKind') === 'sync';
}

/** The factory's statements for one SQLite table, on an asynchronous driver such as libsql. */
export function sqliteQueries(table: SQLiteTable): TableQueries<SQLiteDatabase> {
  const excludedColumns: Record<string, Column> = getTableColumns(alias(table, 'excluded'));
  // drizzle types rows and sets per table; this module is table-agnostic, so it widens them once here.
  const values = (rows: Row[]) => rows as SQLiteInsertValue<SQLiteTable>[];
  const setSource = (set: Row) => set as SQLiteUpdateSetSource<SQLiteTable>;

  return {
    dialect: 'sqlite',
    bindParameterLimit: SQLITE_BIND_PARAMETER_LIMIT,
    isHandle: (value): value is SQLiteDatabase =>
      is(value, BaseSQLiteDatabase) && !isSynchronousSQLiteDatabase(value),
    countParameters: (expression) => dialect.sqlToQuery(expression).params.length,
    excluded: (columnKey) => sql`${excludedColumns[columnKey]}`,
    insert: (handle, rows) => handle.insert(table).values(values(rows)).returning(),
    upsert: (handle, rows, target, set) =>
      handle
        .insert(table)
        .values(values(rows))
        .onConflictDoUpdate({ target: target as SQLiteColumn[], set: setSource(set) })
        .returning(),
    select: (handle, query: SelectQuery) => {
      const statement = handle
        .select()
        .from(table)
        .where(query.where)
        .orderBy(...query.orderBy)
        .$dynamic();
      // SQLite only accepts OFFSET after a LIMIT (drizzle drops negative ones, SQLite's "no limit").
      if (query.limit !== undefined || query.offset !== undefined) {
        statement.limit(query.limit ?? Number.MAX_SAFE_INTEGER);
      }
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
