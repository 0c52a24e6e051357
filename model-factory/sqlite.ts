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
import { jsonEachWriter } from './sqlite-json.js';
import type { AsynchronousSQLiteDatabase, SQLiteDatabase, SynchronousSQLiteDatabase } from './types.js';

/** SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32 (libsql and better-sqlite3 keep it). */
export const SQLITE_BIND_PARAMETER_LIMIT = 32_766;

// Only used to count the parameters an SQL value binds; rendering needs no database.
const dialect = new SQLiteAsyncDialect();

/** Whether `value` is a drizzle SQLite database whose driver is synchronous (better-sqlite3, bun:sqlite). */
export function isSynchronousSQLiteDatabase(value: unknown): value is SynchronousSQLiteDatabase {
  return is(value, BaseSQLiteDatabase) && Reflect.get(value, 'resultKind') === 'sync';
}

/**
 * The factory's statements for one SQLite table. `mode` is the driver's: `'async'` (libsql) awaits each
 * statement; `'sync'` (better-sqlite3) runs each statement when it is called, so that a chunked write can
 * run every chunk inside one synchronous transaction callback, the only kind such a driver has.
 */
export function sqliteQueries(table: SQLiteTable, mode: 'async' | 'sync'): TableQueries<SQLiteDatabase> {
  const excludedColumns: Record<string, Column> = getTableColumns(alias(table, 'excluded'));
  // drizzle types rows and sets per table; this module is table-agnostic, so it widens them once here.
  const values = (rows: Row[]) => rows as SQLiteInsertValue<SQLiteTable>[];
  const setSource = (set: Row) => set as SQLiteUpdateSetSource<SQLiteTable>;
  // Both kinds of drizzle database build the same statements; only `.all()` differs (a promise or rows).
  const on = (handle: SQLiteDatabase) => handle as AsynchronousSQLiteDatabase;
  /**
   * Runs a statement. On a synchronous driver it runs now and a failure throws here, not in a rejected
   * promise, so a synchronous transaction callback sees it and rolls back.
   */
  const run = <T>(statement: { all(): Promise<T[]> }): Promise<T[]> =>
    mode === 'sync' ? Promise.resolve(statement.all() as unknown as T[]) : statement.all();

  const insert = (handle: SQLiteDatabase, rows: Row[]) =>
    run(on(handle).insert(table).values(values(rows)).returning());
  const upsert = (handle: SQLiteDatabase, rows: Row[], target: Column[], set: Row) =>
    run(
      on(handle)
        .insert(table)
        .values(values(rows))
        .onConflictDoUpdate({ target: target as SQLiteColumn[], set: setSource(set) })
        .returning(),
    );
  const json = jsonEachWriter(table, mode);

  return {
    dialect: 'sqlite',
    bindParameterLimit: SQLITE_BIND_PARAMETER_LIMIT,
    isHandle: (value): value is SQLiteDatabase =>
      is(value, BaseSQLiteDatabase) && isSynchronousSQLiteDatabase(value) === (mode === 'sync'),
    countParameters: (expression) => dialect.sqlToQuery(expression).params.length,
    excluded: (columnKey) => sql`${excludedColumns[columnKey]}`,
    insert,
    upsert,
    planInsert: (handle, rows, costOf, budget) => json.plan(handle, rows, costOf, budget, undefined, insert),
    planUpsert: (target, set) => (handle, rows, costOf, budget) =>
      json.plan(handle, rows, costOf, budget, { target, set }, (on, chunk) => upsert(on, chunk, target, set)),
    select: (handle, query: SelectQuery) => {
      const statement = on(handle)
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
      return run(statement);
    },
    update: (handle, where, set) =>
      run(on(handle).update(table).set(setSource(set)).where(where).returning()),
    delete: (handle, where) => run(on(handle).delete(table).where(where).returning()),
    count: async (handle, where) => {
      const [result] = await run(on(handle).select({ value: count() }).from(table).where(where));
      return result?.value ?? 0;
    },
    ...(mode === 'async'
      ? { transaction: (handle, work) => on(handle).transaction((tx) => work(tx)) }
      : {
          transaction: () =>
            Promise.reject(new Error('a synchronous SQLite transaction cannot await its work')),
          // better-sqlite3 nests this in a savepoint when the connection is already in a transaction.
          synchronousTransaction: (handle, work) =>
            (handle as SynchronousSQLiteDatabase).transaction((tx) => work(tx)),
        }),
  };
}
