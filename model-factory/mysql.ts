import {
  and,
  between,
  Column,
  count,
  eq,
  getTableColumns,
  inArray,
  is,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  getTableConfig,
  MySqlDatabase,
  MySqlDialect,
  type MySqlColumn,
  type MySqlInsertValue,
  type MySqlTable,
  type MySqlUpdateSetSource,
} from 'drizzle-orm/mysql-core';
import { planBulkWrites, type Conflict } from './bulk-runs.js';
import type { Row, SelectQuery, TableQueries, WritePlanner } from './dialect.js';
import {
  jsonTableWriter,
  MYSQL_JSON_CHARACTER_BUDGET,
  probeJsonTableSupport,
  type JsonTableRow,
  type JsonTableSupport,
} from './mysql-json.js';
import type { MySQLDatabase } from './types.js';

/**
 * The most placeholders a MySQL or MariaDB prepared statement takes (16 bits). mysql2's `query`, which
 * drizzle uses, inlines values instead, but a driver that prepares statements would hit this limit.
 */
export const MYSQL_BIND_PARAMETER_LIMIT = 65_535;

// Only used to count the parameters an SQL value binds; rendering needs no database.
const dialect = new MySqlDialect();

/** A set of columns whose values single out one row: the primary key or a unique key. */
interface Key {
  columnKeys: string[];
  /** An auto-increment primary key that the database fills when a row leaves it out. */
  autoIncrement: boolean;
}

/**
 * The factory's statements for one MySQL/MariaDB table. MySQL has no RETURNING, so every write runs in a
 * transaction (a savepoint within one) that also reads the rows it wrote back by their key: inserts by the
 * key the rows give or the auto-increment ids the insert reports, upserts by their conflict target,
 * updates by the keys of the rows they lock first, deletes by reading the rows before deleting them.
 */
export function mysqlQueries(table: MySqlTable, tableName: string): TableQueries<MySQLDatabase> {
  const columns: Record<string, Column> = getTableColumns(table);
  const keys = tableKeys(table, columns);
  // drizzle types rows and sets per table; this module is table-agnostic, so it widens them once here.
  const values = (rows: Row[]) => rows as MySqlInsertValue<MySqlTable>[];
  const setSource = (set: Row) => set as MySqlUpdateSetSource<MySqlTable>;
  const transaction = <T>(handle: MySQLDatabase, work: (tx: MySQLDatabase) => Promise<T>) =>
    handle.transaction((tx) => work(tx));

  /** The rows whose `key` columns hold one of `tuples`, read in groups that stay under the parameter limit. */
  async function selectByKey(handle: MySQLDatabase, key: string[], tuples: unknown[][]): Promise<Row[]> {
    const perStatement = Math.floor(MYSQL_BIND_PARAMETER_LIMIT / key.length);
    const found: Row[] = [];
    for (let start = 0; start < tuples.length; start += perStatement) {
      const group = tuples.slice(start, start + perStatement);
      found.push(...(await handle.select().from(table).where(keyIn(key, group))));
    }
    return found;
  }

  function keyIn(key: string[], tuples: unknown[][]): SQL | undefined {
    if (key.length === 1)
      return inArray(
        columns[key[0]!]!,
        tuples.map((tuple) => tuple[0]),
      );
    return or(...tuples.map((tuple) => and(...key.map((name, index) => eq(columns[name]!, tuple[index])))));
  }

  /** `rows` in the order of `tuples` (the input's), matched on their key values. */
  function inOrder(label: string, key: string[], tuples: unknown[][], rows: Row[]): Row[] {
    // A one-column key (the usual auto-increment id) is matched on its value alone: this runs for every
    // row written, and building a JSON string per row and per tuple cost the factory about 4% of an insert.
    const [only] = key;
    const rowKey =
      key.length === 1
        ? (row: Row) => valueKey(row[only!])
        : (row: Row) => keyString(key.map((name) => row[name]));
    const tupleKey = key.length === 1 ? (tuple: unknown[]) => valueKey(tuple[0]) : keyString;
    const byKey = new Map<unknown, Row>();
    for (const row of rows) byKey.set(rowKey(row), row);
    return tuples.map((tuple) => {
      const row = byKey.get(tupleKey(tuple));
      if (row === undefined) {
        throw new Error(
          `${label}: could not read back the ${tableName} row with ${key.join(', ')} = ${keyString(tuple)} (MySQL has no RETURNING)`,
        );
      }
      return row;
    });
  }

  /**
   * The key values of each row, filling key columns that have a `$defaultFn` so the statement and the
   * read-back agree on them. Uses the first key every row gives; `undefined` when none does.
   */
  function givenKey(rows: Row[]): { key: string[]; tuples: unknown[][] } | undefined {
    for (const key of keys) {
      for (const row of rows) {
        for (const name of key.columnKeys) {
          const defaultFn = columns[name]!.defaultFn;
          if (row[name] === undefined && defaultFn !== undefined) row[name] = defaultFn();
        }
      }
      if (rows.every((row) => key.columnKeys.every((name) => row[name] !== undefined))) {
        return { key: key.columnKeys, tuples: rows.map((row) => key.columnKeys.map((name) => row[name])) };
      }
    }
    return undefined;
  }

  /** How the rows of an insert are found again: by a key every row gives, or by the ids the insert takes. */
  function readBackKey(label: string, rows: Row[]) {
    const given = givenKey(rows);
    const generated = keys.find(
      (key) => key.autoIncrement && rows.every((row) => row[key.columnKeys[0]!] === undefined),
    );
    if (given === undefined && generated === undefined) {
      throw new TypeError(
        `${label}: MySQL cannot return inserted rows without a key: give every row its primary key or a unique column of ${tableName}, or give the table an auto-increment primary key`,
      );
    }
    return { given, generated: generated?.columnKeys };
  }

  /** Runs `write` (one INSERT of `rows`) in a transaction and reads the rows back in input order. */
  function insertAndReadBack(
    handle: MySQLDatabase,
    rows: Row[],
    { given, generated }: ReturnType<typeof readBackKey>,
    write: (tx: MySQLDatabase) => Promise<unknown>,
  ): Promise<Row[]> {
    const label = `${tableName}.insert`;
    return transaction(handle, async (tx) => {
      const result = await write(tx);
      if (given !== undefined) {
        return inOrder(label, given.key, given.tuples, await selectByKey(tx, given.key, given.tuples));
      }
      // One INSERT takes consecutive auto-increment ids, from the first one it reports (as drizzle's
      // $returningId() also counts on; for INSERT … SELECT only below innodb_autoinc_lock_mode 2).
      const firstId = insertId(result);
      const tuples = rows.map((_, index) => [firstId + index]);
      // Those ids are this insert's alone, so a range finds its rows: an IN list of every id would be
      // inlined by mysql2 and parsed by the server value by value, as the INSERT's VALUES were.
      const id = columns[generated![0]!]!;
      const found = await tx
        .select()
        .from(table)
        .where(between(id, firstId, firstId + rows.length - 1));
      return inOrder(label, generated!, tuples, found);
    });
  }

  async function insert(handle: MySQLDatabase, chunk: Row[]): Promise<Row[]> {
    const rows = chunk.map((row) => ({ ...row }));
    const readBy = readBackKey(`${tableName}.insert`, rows);
    return insertAndReadBack(handle, rows, readBy, (tx) => tx.insert(table).values(values(rows)));
  }

  function upsert(handle: MySQLDatabase, chunk: Row[], target: Column[], set: Row): Promise<Row[]> {
    const rows = chunk.map((row) => ({ ...row }));
    return upsertAndReadBack(handle, rows, target, (tx) =>
      // MySQL decides a conflict on any unique key; `target` is only how the rows are found again.
      tx
        .insert(table)
        .values(values(rows))
        .onDuplicateKeyUpdate({ set: setSource(set) }),
    );
  }

  function upsertAndReadBack(
    handle: MySQLDatabase,
    rows: Row[],
    target: Column[],
    write: (tx: MySQLDatabase) => Promise<unknown>,
  ): Promise<Row[]> {
    const label = `${tableName}.upsert`;
    const key = target.map((column) => columnKey(columns, column));
    if (!rows.every((row) => key.every((name) => row[name] !== undefined))) {
      throw new TypeError(
        `${label}: on MySQL every row must give the target (${key.join(', ')}), by which the upserted rows are read back`,
      );
    }
    const tuples = rows.map((row) => key.map((name) => row[name]));
    return transaction(handle, async (tx) => {
      await write(tx);
      return inOrder(label, key, tuples, await selectByKey(tx, key, tuples));
    });
  }

  const json = jsonTableWriter(table);
  let support: Promise<JsonTableSupport> | undefined;
  /** What the server offers, asked once; a server that cannot answer gets `.values()` only. */
  const supportOf = (handle: MySQLDatabase) =>
    (support ??= probeJsonTableSupport(handle).catch(() => ({ jsonTable: false, consecutiveIds: false })));

  /**
   * Writes a run of same-shaped rows as one JSON_TABLE statement, or, where the server lacks JSON_TABLE
   * or would not give an INSERT … SELECT consecutive ids to read its rows back by, through `.values()` in
   * one transaction.
   */
  async function writeRun(
    handle: MySQLDatabase,
    run: JsonTableRow[],
    conflict: Conflict | undefined,
  ): Promise<Row[]> {
    const rows = run.map((row) => ({ ...row.values }));
    const { jsonTable, consecutiveIds } = await supportOf(handle);
    const readBy = conflict === undefined ? readBackKey(`${tableName}.insert`, rows) : undefined;
    const statement =
      jsonTable && (readBy?.given !== undefined || consecutiveIds || conflict !== undefined)
        ? json.statement(handle, run, conflict)
        : undefined;
    if (statement === undefined) {
      const perStatement = Math.floor(MYSQL_BIND_PARAMETER_LIMIT / Object.keys(columns).length);
      return transaction(handle, async (tx) => {
        const stored: Row[] = [];
        for (let start = 0; start < rows.length; start += perStatement) {
          const chunk = rows.slice(start, start + perStatement);
          stored.push(
            ...(await (conflict === undefined
              ? insert(tx, chunk)
              : upsert(tx, chunk, conflict.target, conflict.set))),
          );
        }
        return stored;
      });
    }
    const execute = (tx: MySQLDatabase) => tx.execute(statement);
    return conflict === undefined
      ? insertAndReadBack(handle, rows, readBy!, execute)
      : upsertAndReadBack(handle, rows, conflict.target, execute);
  }

  /** Inserts or upserts `rows` as JSON_TABLE runs where they can travel as JSON, `.values()` elsewhere. */
  const plan =
    (conflict: Conflict | undefined): WritePlanner<MySQLDatabase> =>
    (handle, rows, costOf, budget) =>
      planBulkWrites<MySQLDatabase, JsonTableRow>({
        rows,
        costOf,
        budget,
        prepare: json.prepare,
        sizeBudget: MYSQL_JSON_CHARACTER_BUDGET,
        viaValues: (on, chunk) =>
          conflict === undefined ? insert(on, chunk) : upsert(on, chunk, conflict.target, conflict.set),
        viaBulk: (on, run) => writeRun(on, run, conflict),
      });

  return {
    dialect: 'mysql',
    bindParameterLimit: MYSQL_BIND_PARAMETER_LIMIT,
    isHandle: (value): value is MySQLDatabase => is(value, MySqlDatabase),
    countParameters: (expression) => dialect.sqlToQuery(expression).params.length,
    // `values(column)`: the value the row would have inserted (MariaDB and MySQL both take it).
    excluded: (columnKey) => sql`values(${columns[columnKey]})`,
    insert,
    upsert,
    planInsert: plan(undefined),
    planUpsert: (target, set) => plan({ target, set }),
    select: (handle, query: SelectQuery) => {
      const statement = handle
        .select()
        .from(table)
        .where(query.where)
        .orderBy(...query.orderBy)
        .$dynamic();
      // MySQL only accepts OFFSET after a LIMIT; this is the largest one it takes ("no limit").
      if (query.limit !== undefined || query.offset !== undefined) {
        statement.limit(query.limit ?? Number.MAX_SAFE_INTEGER);
      }
      if (query.offset !== undefined) statement.offset(query.offset);
      return statement;
    },
    update: (handle, where, set) => {
      const label = `${tableName}.update`;
      const key = keys[0]?.columnKeys;
      if (key === undefined) {
        throw new TypeError(
          `${label}: MySQL cannot return updated rows of ${tableName}: it has no primary key or unique column to find them by`,
        );
      }
      if (key.some((name) => set[name] !== undefined)) {
        throw new TypeError(
          `${label}: MySQL cannot return updated rows when the update changes their key (${key.join(', ')})`,
        );
      }
      return transaction(handle, async (tx) => {
        const locked = await tx
          .select(Object.fromEntries(key.map((name) => [name, columns[name] as MySqlColumn])))
          .from(table)
          .where(where)
          .for('update');
        if (locked.length === 0) return [];
        const tuples = locked.map((row: Row) => key.map((name) => row[name]));
        const perStatement = Math.floor(MYSQL_BIND_PARAMETER_LIMIT / key.length);
        for (let start = 0; start < tuples.length; start += perStatement) {
          const group = tuples.slice(start, start + perStatement);
          await tx.update(table).set(setSource(set)).where(keyIn(key, group));
        }
        return inOrder(label, key, tuples, await selectByKey(tx, key, tuples));
      });
    },
    delete: (handle, where) =>
      transaction(handle, async (tx) => {
        // Locked by `for update`, so the rows read are exactly the rows deleted.
        const doomed: Row[] = await tx.select().from(table).where(where).for('update');
        if (doomed.length > 0) await tx.delete(table).where(where);
        return doomed;
      }),
    count: async (handle, where) => {
      const [result] = await handle.select({ value: count() }).from(table).where(where);
      return result?.value ?? 0;
    },
    transaction,
  };
}

/** The primary key first, then every unique key, as lists of column keys (the TS property names). */
function tableKeys(table: MySqlTable, columns: Record<string, Column>): Key[] {
  const config = getTableConfig(table);
  const keyOf = (list: Column[]) => list.map((column) => columnKey(columns, column));
  const found: Key[] = [];
  const primary = Object.keys(columns).filter((name) => columns[name]!.primary);
  if (primary.length > 0) {
    found.push({
      columnKeys: primary,
      autoIncrement: primary.length === 1 && Reflect.get(columns[primary[0]!]!, 'autoIncrement') === true,
    });
  }
  for (const primaryKey of config.primaryKeys) {
    found.push({ columnKeys: keyOf(primaryKey.columns), autoIncrement: false });
  }
  for (const name of Object.keys(columns)) {
    if (columns[name]!.isUnique && !columns[name]!.primary) {
      found.push({ columnKeys: [name], autoIncrement: false });
    }
  }
  for (const unique of config.uniqueConstraints) {
    found.push({ columnKeys: keyOf(unique.columns), autoIncrement: false });
  }
  for (const index of config.indexes) {
    const { unique, columns: indexed } = index.config;
    if (unique && indexed.every((column) => is(column, Column))) {
      found.push({ columnKeys: keyOf(indexed as Column[]), autoIncrement: false });
    }
  }
  return found;
}

function columnKey(columns: Record<string, Column>, column: Column): string {
  const name = Object.keys(columns).find((key) => columns[key] === column);
  if (name === undefined) throw new TypeError(`column ${column.name} is not a column of this table`);
  return name;
}

/**
 * One value per key column value, the same for what a row was given and what the database returns for
 * it: numbers, bigints and dates as strings, strings as they are, anything else (a Buffer) as its JSON.
 */
function valueKey(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** One string per key tuple, matched as `valueKey` matches one value. */
function keyString(tuple: unknown[]): string {
  return JSON.stringify(
    tuple.map((value) => {
      if (value instanceof Date) return value.toISOString();
      if (typeof value === 'bigint' || typeof value === 'number') return String(value);
      return value;
    }),
  );
}

/** The first auto-increment id an INSERT reports (mysql2 resolves `[ResultSetHeader, fields]`). */
function insertId(result: unknown): number {
  const header: unknown = Array.isArray(result) ? result[0] : result;
  const id: unknown =
    typeof header === 'object' && header !== null ? Reflect.get(header, 'insertId') : undefined;
  if (typeof id !== 'number' && typeof id !== 'bigint') {
    throw new TypeError(`the MySQL driver reported no insert id (got ${typeof id})`);
  }
  return Number(id);
}
