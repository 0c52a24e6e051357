import type { Column, SQL, TablesRelationalConfig } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type {
  MySqlDatabase,
  MySqlQueryResultHKT,
  MySqlTable,
  PreparedQueryHKTBase,
} from 'drizzle-orm/mysql-core';

/** A drizzle table the factory can serve: `pgTable(...)`, `sqliteTable(...)` or `mysqlTable(...)`. */
export type ModelTable = PgTable | SQLiteTable | MySqlTable;

/**
 * Any drizzle Postgres database (pglite, node-postgres, …) or the `tx` handle its `transaction()` passes.
 * The relational `query` API is left out so databases built with or without a schema both fit.
 */
export type PostgresDatabase = Omit<
  PgDatabase<PgQueryResultHKT, Record<string, unknown>, TablesRelationalConfig>,
  'query'
>;

/** Any asynchronous drizzle SQLite database (libsql, …) or the `tx` handle its `transaction()` passes. */
export type AsynchronousSQLiteDatabase = Omit<
  BaseSQLiteDatabase<'async', unknown, Record<string, unknown>, TablesRelationalConfig>,
  'query'
>;

/**
 * Any synchronous drizzle SQLite database (better-sqlite3, …) or the `tx` handle its `transaction()`
 * passes. The factory runs a chunked write inside one synchronous transaction, so it stays all-or-nothing.
 */
export type SynchronousSQLiteDatabase = Omit<
  BaseSQLiteDatabase<'sync', unknown, Record<string, unknown>, TablesRelationalConfig>,
  'query'
>;

/** Any drizzle SQLite database, asynchronous (libsql) or synchronous (better-sqlite3), or its `tx`. */
export type SQLiteDatabase = AsynchronousSQLiteDatabase | SynchronousSQLiteDatabase;

/**
 * Any drizzle MySQL database (mysql2, for MySQL or MariaDB) or the `tx` handle its `transaction()` passes.
 * `transaction` is restated over this type because drizzle's own names the relational `query` API too.
 */
export interface MySQLDatabase extends Omit<
  MySqlDatabase<MySqlQueryResultHKT, PreparedQueryHKTBase, Record<string, unknown>, TablesRelationalConfig>,
  'query' | 'transaction'
> {
  transaction<T>(work: (tx: MySQLDatabase) => Promise<T>): Promise<T>;
}

/** The database (or transaction) type that matches a table's dialect. */
export type DatabaseFor<TTable extends ModelTable> = TTable extends PgTable
  ? PostgresDatabase
  : // A MySqlTable has every member of a SQLiteTable (and more), so it is told apart first.
    TTable extends MySqlTable
    ? MySQLDatabase
    : SQLiteDatabase;

/** A row as the table accepts it on insert (`table.$inferInsert`). */
export type InsertRow<TTable extends ModelTable> = TTable['$inferInsert'];

/** A row as the table returns it (`table.$inferSelect`). */
export type SelectRow<TTable extends ModelTable> = TTable['$inferSelect'];

/** Values for `update` and `upsert`'s `set`: any insertable column, as a value or an SQL expression. */
export type UpdateValues<TTable extends ModelTable> = {
  [K in keyof InsertRow<TTable>]?: InsertRow<TTable>[K] | SQL;
};

/** One condition of a list; `undefined` entries are skipped, so optional filters can be written inline. */
export type Condition = SQL | undefined;

/** What `select` and `takeFirst` sort by: a column, an expression such as `desc(tags.name)`, or a list. */
export type OrderBy = SQL | Column | readonly (SQL | Column)[];

export interface TransactionOption<TTable extends ModelTable> {
  /** Run on this transaction (the `tx` that `db.transaction(async (tx) => …)` passes) instead of `db`. */
  tx?: DatabaseFor<TTable>;
}

export interface SelectOptions<TTable extends ModelTable> extends TransactionOption<TTable> {
  orderBy?: OrderBy;
  /** A non-negative integer. */
  limit?: number;
  /** A non-negative integer. */
  offset?: number;
}

export interface TakeFirstOptions<TTable extends ModelTable> extends TransactionOption<TTable> {
  orderBy?: OrderBy;
}

export interface UnguardedOptions<TTable extends ModelTable> extends TransactionOption<TTable> {
  /** Required to `update` or `delete` with no (defined) condition: acknowledges that every row is touched. */
  all?: boolean;
}

export interface UpsertOptions<TTable extends ModelTable> extends TransactionOption<TTable> {
  /** The column(s) of this table's unique index or primary key that decide a conflict, e.g. `tags.name`. */
  target: Column | readonly Column[];
  /** What a conflicting row becomes; by default every non-target column given in the rows. */
  set?: UpdateValues<TTable>;
}

/** The operations `createModelFactory` returns. Every one takes arrays and resolves to arrays (or a count). */
export interface ModelFactory<TTable extends ModelTable> {
  /**
   * Inserts the rows and resolves to them as stored (`returning()`), in input order.
   *
   * - `insert([])` resolves `[]` without a query.
   * - Rows are split into chunks that stay under the driver's bind-parameter limit (Postgres and MySQL
   *   65,535; SQLite 32,766), sized from the table's column count, so 100,000 rows in one call succeed.
   * - All chunks run in one transaction (a savepoint inside the caller's `tx`): a failure in any chunk
   *   leaves none of the rows behind, and the database error propagates unchanged. Drivers without
   *   transactions (neon-http, D1) refuse a call that needs several statements before sending any.
   */
  insert(
    rows: readonly InsertRow<TTable>[],
    options?: TransactionOption<TTable>,
  ): Promise<SelectRow<TTable>[]>;

  /** Rows matching every defined condition (all rows for `[]`), optionally sorted and paged. */
  select(conditions?: readonly Condition[], options?: SelectOptions<TTable>): Promise<SelectRow<TTable>[]>;

  /**
   * Sets `values` on the rows matching every defined condition and resolves to them as updated.
   * Refuses to run with no defined condition unless `{ all: true }` is passed.
   */
  update(
    conditions: readonly Condition[],
    values: UpdateValues<TTable>,
    options?: UnguardedOptions<TTable>,
  ): Promise<SelectRow<TTable>[]>;

  /**
   * Deletes the rows matching every defined condition and resolves to them as they were.
   * Refuses to run with no defined condition unless `{ all: true }` is passed.
   */
  delete(conditions: readonly Condition[], options?: UnguardedOptions<TTable>): Promise<SelectRow<TTable>[]>;

  /**
   * Inserts the rows; a row that conflicts on `target` updates the existing one instead (`on conflict do
   * update`). Without `set`, a conflicting row takes every non-target column given in the rows; when the
   * rows give no other column it is left as it is. Resolves to every row, inserted or updated. Chunked
   * and atomic like `insert`. Give each target value once per call: Postgres refuses to update one row
   * twice in a statement.
   */
  upsert(rows: readonly InsertRow<TTable>[], options: UpsertOptions<TTable>): Promise<SelectRow<TTable>[]>;

  /** The number of rows matching every defined condition (all rows for `[]`). */
  count(conditions?: readonly Condition[], options?: TransactionOption<TTable>): Promise<number>;

  /** The AND of the defined conditions, or `undefined` when there is none. */
  buildConditions(conditions: readonly Condition[]): SQL | undefined;

  /** The first row matching every defined condition (in `orderBy` order when given), or `undefined`. */
  takeFirst(
    conditions: readonly Condition[],
    options?: TakeFirstOptions<TTable>,
  ): Promise<SelectRow<TTable> | undefined>;
}
