import { and, Column, getTableColumns, is, SQL } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { MySqlTable } from 'drizzle-orm/mysql-core';
import {
  describeValue,
  expectConditions,
  expectCount,
  expectOptions,
  expectOrderBy,
  expectRow,
  expectRows,
  isPlainObject,
} from './arguments.js';
import { splitIntoChunks } from './chunking.js';
import type { Row, TableQueries, Write, WritePlanner } from './dialect.js';
import { driverWithoutTransactions } from './drivers.js';
import { postgresQueries } from './postgres.js';
import { isSynchronousSQLiteDatabase, sqliteQueries } from './sqlite.js';
import { mysqlQueries } from './mysql.js';
import type {
  Condition,
  DatabaseFor,
  ModelFactory,
  ModelTable,
  SelectOptions,
  SelectRow,
  UpsertOptions,
} from './types.js';

export type {
  Condition,
  DatabaseFor,
  InsertRow,
  ModelFactory,
  MySQLDatabase,
  ModelTable,
  OrderBy,
  AsynchronousSQLiteDatabase,
  PostgresDatabase,
  SelectOptions,
  SelectRow,
  SQLiteDatabase,
  SynchronousSQLiteDatabase,
  TakeFirstOptions,
  TransactionOption,
  UnguardedOptions,
  UpdateValues,
  UpsertOptions,
} from './types.js';
export { isCheckViolation, isForeignKeyViolation, isNotNullViolation, isUniqueViolation } from './errors.js';
export { POSTGRES_BIND_PARAMETER_LIMIT } from './postgres.js';
export { SQLITE_BIND_PARAMETER_LIMIT } from './sqlite.js';
export { MYSQL_BIND_PARAMETER_LIMIT } from './mysql.js';

/**
 * Builds the many-first operations for one table: every op takes arrays and resolves to arrays.
 *
 * ```ts
 * const { insert, select, update, delete: deleteOp, upsert, count, buildConditions, takeFirst } =
 *   createModelFactory(db, 'tags', tags);
 * const [tag] = await insert([{ name: 'vegan' }]);
 * ```
 *
 * @param db a drizzle Postgres database (pglite, node-postgres) for a `pgTable`, or a drizzle SQLite
 *   database (libsql, better-sqlite3) for a `sqliteTable`, or a drizzle MySQL database (mysql2) for a
 *   `mysqlTable`. The dialect is read from the table and db objects.
 * @param tableName how errors name the table, e.g. `'tags'`.
 * @param table the drizzle table; row types flow from it (`$inferInsert`, `$inferSelect`).
 * @throws TypeError when the table is not a Postgres, SQLite or MySQL table, or `db` does not match its dialect.
 */
export function createModelFactory<TTable extends ModelTable>(
  db: DatabaseFor<TTable>,
  tableName: string,
  table: TTable,
): ModelFactory<TTable> {
  if (typeof tableName !== 'string' || tableName === '') {
    throw new TypeError(
      `createModelFactory: tableName must be a non-empty string, got ${describeValue(tableName)}`,
    );
  }
  const label = `createModelFactory('${tableName}')`;
  if (is(table, PgTable)) {
    const queries = postgresQueries(table);
    if (!queries.isHandle(db)) {
      throw new TypeError(
        `${label}: db must be a drizzle Postgres database (pglite, node-postgres) for a pgTable, got ${describeDatabase(db)}`,
      );
    }
    return buildModelFactory(queries, db, tableName, table);
  }
  if (is(table, SQLiteTable)) {
    const queries = sqliteQueries(table, isSynchronousSQLiteDatabase(db) ? 'sync' : 'async');
    if (!queries.isHandle(db)) {
      throw new TypeError(
        `${label}: db must be a drizzle SQLite database (libsql, better-sqlite3) for a sqliteTable, got ${describeDatabase(db)}`,
      );
    }
    return buildModelFactory(queries, db, tableName, table);
  }
  if (is(table, MySqlTable)) {
    const queries = mysqlQueries(table, tableName);
    if (!queries.isHandle(db)) {
      throw new TypeError(
        `${label}: db must be a drizzle MySQL database (mysql2) for a mysqlTable, got ${describeDatabase(db)}`,
      );
    }
    return buildModelFactory(queries, db, tableName, table);
  }
  throw new TypeError(
    `${label}: table must be a drizzle pgTable, sqliteTable or mysqlTable, got ${describeValue(table)}`,
  );
}

function describeDatabase(value: unknown): string {
  const name: unknown = isPlainObject(value) ? value.constructor?.name : undefined;
  return typeof name === 'string' && name !== 'Object' ? `a ${name}` : describeValue(value);
}

function buildModelFactory<TTable extends ModelTable, THandle>(
  queries: TableQueries<THandle>,
  db: THandle,
  tableName: string,
  table: TTable,
): ModelFactory<TTable> {
  const columns: Record<string, Column> = getTableColumns(table);
  const columnKeys = new Set(Object.keys(columns));
  // drizzle's builders are typed per table, the dialect modules are not: rows come back as the table's rows.
  const selected = (rows: Row[]) => rows as SelectRow<TTable>[];

  function handleFor(label: string, tx: unknown): THandle {
    if (tx === undefined) return db;
    if (!queries.isHandle(tx)) {
      throw new TypeError(
        `${label}: tx must be the ${queries.dialect} transaction that db.transaction(async (tx) => …) passes, got ${describeDatabase(tx)}`,
      );
    }
    return tx;
  }

  /** The defined entries of `values` that name a column; keys that are not columns are ignored, as drizzle does. */
  function columnValues(values: Record<string, unknown>): Row {
    const set: Row = {};
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined && columnKeys.has(key)) set[key] = value;
    }
    return set;
  }

  function expectValues(label: string, name: string, values: unknown): Row {
    if (!isPlainObject(values)) {
      throw new TypeError(
        `${label}: ${name} must be an object of columns to set, got ${describeValue(values)}`,
      );
    }
    const set = columnValues(values);
    if (Object.keys(set).length === 0) {
      throw new TypeError(
        `${label}: ${name} sets no column of ${tableName}; give at least one of ${[...columnKeys].join(', ')}`,
      );
    }
    return set;
  }

  /**
   * The parameters an `on conflict do update set` binds: one per plain value, whatever an SQL expression
   * binds, and one per column drizzle fills from `$onUpdate()`.
   */
  function setParameters(set: Row): number {
    let parameters = 0;
    for (const key of columnKeys) {
      const value = set[key];
      if (value === undefined) parameters += columns[key]!.onUpdateFn === undefined ? 0 : 1;
      else parameters += is(value, SQL) ? queries.countParameters(value) : 1;
    }
    return parameters;
  }

  /**
   * Writes `rows` as the dialect plans them (`plan`), or by `write` over chunks that stay within `budget`
   * parameters: directly when one statement suffices (a statement is atomic), otherwise in one transaction,
   * a savepoint within a caller's `tx`.
   */
  async function writeInChunks(
    label: string,
    handle: THandle,
    rows: readonly Record<string, unknown>[],
    budget: number,
    write: (handle: THandle, chunk: Row[]) => Promise<Row[]>,
    plan: WritePlanner<THandle> | undefined,
  ): Promise<Row[]> {
    const costOf = (row: Row, index: number) => {
      expectRow(label, row, index);
      // Every column binds at most one parameter per row (values, JS defaults); SQL values may bind more.
      let cost = columnKeys.size;
      // Runs once per value of every row: skip plain values before asking drizzle's \`is\`, which walks
      // an object's prototype chain, and read the row in place rather than copying its values.
      for (const key in row) {
        const value = row[key];
        if (typeof value === 'object' && value !== null && is(value, SQL)) {
          cost += Math.max(0, queries.countParameters(value) - 1);
        }
      }
      if (cost > budget) {
        throw new RangeError(
          `${label}: rows[${index}] binds ${cost} parameters, more than one statement allows (${budget})`,
        );
      }
      return cost;
    };
    const writes: Write<THandle>[] = plan
      ? plan(handle, rows, costOf, budget)
      : splitIntoChunks(rows, budget, costOf).map((chunk) => (on: THandle) => write(on, chunk));
    if (writes.length === 0) return [];
    if (writes.length === 1) return writes[0]!(handle);
    const driver = driverWithoutTransactions(handle);
    if (driver !== undefined) {
      throw new Error(
        `${label}: ${rows.length} rows need ${writes.length} statements, and the ${driver} driver has no transactions to make them all-or-nothing, so none was sent. Split the rows over calls of one statement each (${Math.floor(rows.length / writes.length)} such rows or fewer), or use a driver with transactions for bulk writes.`,
      );
    }
    if (queries.synchronousTransaction) {
      // Every statement runs, and a failing one throws, before the callback returns: the driver commits
      // all of them or rolls all of them back.
      const pending = queries.synchronousTransaction(handle, (tx) =>
        writes.map((statement) => statement(tx)),
      );
      return (await Promise.all(pending)).flat();
    }
    return queries.transaction(handle, async (tx) => {
      const stored: Row[][] = [];
      for (const statement of writes) stored.push(await statement(tx));
      return stored.flat();
    });
  }

  function buildConditions(conditions: readonly Condition[], label = `${tableName}.buildConditions`) {
    expectConditions(label, conditions);
    return and(...conditions);
  }

  /** The WHERE of an update or delete; refuses to touch every row unless told so. */
  function guardedWhere(label: string, verb: string, conditions: readonly Condition[], all: unknown) {
    const where = buildConditions(conditions, label);
    if (where === undefined && all !== true) {
      throw new Error(
        `${label}: refusing to ${verb} every row of ${tableName}: conditions is empty or all undefined. Pass { all: true } to ${verb} every row on purpose.`,
      );
    }
    return where;
  }

  async function selectRows(
    label: string,
    conditions: readonly Condition[],
    options?: SelectOptions<TTable>,
  ) {
    const where = buildConditions(conditions, label);
    const { orderBy, limit, offset, tx } = expectOptions(label, options);
    return selected(
      await queries.select(handleFor(label, tx), {
        where,
        orderBy: expectOrderBy(label, orderBy),
        limit: expectCount(label, 'limit', limit),
        offset: expectCount(label, 'offset', offset),
      }),
    );
  }

  const factory: ModelFactory<TTable> = {
    async insert(rows, options) {
      const label = `${tableName}.insert`;
      expectRows(label, rows);
      const { tx } = expectOptions(label, options);
      const handle = handleFor(label, tx);
      if (rows.length === 0) return [];
      const stored = await writeInChunks(
        label,
        handle,
        rows,
        queries.bindParameterLimit,
        (on, chunk) => queries.insert(on, chunk),
        queries.planInsert,
      );
      return selected(stored);
    },

    select: (conditions = [], options) => selectRows(`${tableName}.select`, conditions, options),

    async update(conditions, values, options) {
      const label = `${tableName}.update`;
      const { all, tx } = expectOptions(label, options);
      const where = guardedWhere(label, 'update', conditions, all);
      const set = expectValues(label, 'values', values);
      return selected(await queries.update(handleFor(label, tx), where, set));
    },

    async delete(conditions, options) {
      const label = `${tableName}.delete`;
      const { all, tx } = expectOptions(label, options);
      const where = guardedWhere(label, 'delete', conditions, all);
      return selected(await queries.delete(handleFor(label, tx), where));
    },

    async upsert(rows, options) {
      const label = `${tableName}.upsert`;
      expectRows(label, rows);
      if (!isPlainObject(options)) {
        throw new TypeError(
          `${label}: options must be an object with a target column, got ${describeValue(options)}`,
        );
      }
      const handle = handleFor(label, options.tx);
      const targetKeys = expectTarget(label, options.target);
      if (rows.length === 0) return [];

      const set =
        options.set === undefined ? excludedSet(rows, targetKeys) : expectValues(label, 'set', options.set);
      const target = targetKeys.map((key) => columns[key]!);
      const stored = await writeInChunks(
        label,
        handle,
        rows,
        queries.bindParameterLimit - setParameters(set),
        (on, chunk) => queries.upsert(on, chunk, target, set),
        queries.planUpsert?.(target, set),
      );
      return selected(stored);
    },

    async count(conditions = [], options) {
      const label = `${tableName}.count`;
      const where = buildConditions(conditions, label);
      const { tx } = expectOptions(label, options);
      return queries.count(handleFor(label, tx), where);
    },

    buildConditions: (conditions) => buildConditions(conditions),

    async takeFirst(conditions, options) {
      const label = `${tableName}.takeFirst`;
      const { orderBy, tx } = expectOptions(label, options);
      const [first] = await selectRows(label, conditions, { orderBy, tx, limit: 1 });
      return first;
    },
  };
  return factory;

  /** The keys of the conflict target, which must be columns of this table. */
  function expectTarget(label: string, target: UpsertOptions<TTable>['target'] | undefined): string[] {
    const list: unknown[] = Array.isArray(target) ? target : [target];
    const keys = list.map((column) => {
      const key = is(column, Column)
        ? Object.keys(columns).find((name) => columns[name] === column)
        : undefined;
      if (key === undefined) {
        throw new TypeError(
          `${label}: target must be a column of ${tableName} (or a list of them), got ${describeValue(column)}`,
        );
      }
      return key;
    });
    if (keys.length === 0)
      throw new TypeError(`${label}: target must name at least one column of ${tableName}`);
    return keys;
  }

  /**
   * The default `set` of an upsert: every non-target column some row gives takes the incoming value
   * (`excluded.<column>`). With none, the target is set to itself so conflicting rows are still returned.
   */
  function excludedSet(rows: readonly Record<string, unknown>[], targetKeys: string[]): Row {
    const given = new Set<string>();
    for (const row of rows) {
      if (!isPlainObject(row)) continue; // reported with its index when the rows are chunked
      for (const [key, value] of Object.entries(row)) {
        if (value !== undefined && columnKeys.has(key) && !targetKeys.includes(key)) given.add(key);
      }
    }
    const keys = given.size > 0 ? [...given] : targetKeys;
    return Object.fromEntries(keys.map((key) => [key, queries.excluded(key)]));
  }
}
