// SQLite bulk writes as `insert … select value ->> 0, … from json_each(?)`: the rows of a statement travel as
// one JSON text parameter instead of one parameter per value, so SQLite prepares a statement of one
// parameter however many rows it carries (preparing drizzle's 32,766-parameter VALUES statements is what
// makes them slow). What cannot travel as JSON goes through drizzle's own `.values()`.
import { getTableColumns, is, SQL, sql, type Column, type Name } from 'drizzle-orm';
import { SQLiteDialect, SQLiteSession, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  columnNamer,
  insertableColumns,
  planBulkWrites,
  boundSet,
  type ColumnNamer,
  type Conflict,
  type PreparedRow,
} from './bulk-runs.js';
import type { Row, Write } from './dialect.js';
import type { SQLiteDatabase } from './types.js';

/**
 * The JSON text one statement may carry, in characters: about 60,000 rows of the bench's 6-column table.
 * Bounds the memory a statement and its returned rows hold, far below SQLite's 1 GB string limit; the
 * statements it makes are already few enough that their count no longer shows in the bench.
 */
export const SQLITE_JSON_CHARACTER_BUDGET = 4 * 1024 * 1024;

/** A row as the JSON array text of its given values, in its shape's order. */
type JsonRow = PreparedRow<string>;

/** A statement of a synchronous driver returns its rows; an asynchronous one, a promise of them. */
type Rows = Row[] | Promise<Row[]>;

/**
 * Plans and runs one SQLite table's json_each inserts and upserts. `viaValues` writes rows the drizzle way;
 * it is used for rows that cannot travel as JSON, and for everything when the database object does not
 * expose what the JSON path needs (its dialect and session).
 */
export function jsonEachWriter(table: SQLiteTable, mode: 'async' | 'sync') {
  const columns: Record<string, SQLiteColumn> = getTableColumns(table);
  const insertable = insertableColumns<SQLiteColumn>(table);
  const returned = Object.entries(columns).map(([key, column]) => ({ path: [key], field: column }));

  /**
   * Does for `row` what drizzle's SQLite `buildInsertQuery` does per row, in its order: a left-out column
   * takes the column's `default` (left to the database when it is SQL), else `$defaultFn`, else
   * `$onUpdateFn`, else null. Then encodes each value as JSON where it can.
   */
  function prepare(row: Row): JsonRow {
    const values: Row = {};
    const shape: number[] = [];
    const items: string[] = [];
    let encodable = true;
    insertable.forEach(({ key, column }, index) => {
      let value = row[key];
      if (value === undefined) {
        if (column.default !== undefined && column.default !== null) {
          // An SQL default is the database's: a statement that leaves the column out applies it.
          if (is(column.default, SQL)) return;
          value = column.default;
        } else if (column.defaultFn !== undefined) value = column.defaultFn();
        else if (column.onUpdateFn !== undefined) value = column.onUpdateFn();
        else value = null;
      }
      values[key] = value;
      shape.push(index);
      if (!encodable) return;
      const item = encodeJson(column, value);
      if (item === undefined) encodable = false;
      else items.push(item);
    });
    const payload = encodable && shape.length > 0 ? `[${items.join(',')}]` : undefined;
    return { values, shape: shape.join(','), payload, size: (payload?.length ?? 0) + 1 };
  }

  function plan(
    handle: SQLiteDatabase,
    rows: readonly Row[],
    costOf: (row: Row, index: number) => number,
    budget: number,
    conflict: Conflict | undefined,
    viaValues: (handle: SQLiteDatabase, rows: Row[]) => Promise<Row[]>,
  ): Write<SQLiteDatabase>[] {
    const ready = internalsOf(handle) !== undefined;
    return planBulkWrites<SQLiteDatabase, JsonRow>({
      rows,
      costOf,
      budget,
      prepare: ready ? prepare : undefined,
      sizeBudget: SQLITE_JSON_CHARACTER_BUDGET,
      viaValues,
      // Not async: on a synchronous driver the statement must run, and a failure throw, before this
      // returns, inside the driver's transaction callback (see TableQueries.synchronousTransaction).
      viaBulk: (on, run) => {
        const rowsOrPromise = runJsonEach(on, run, conflict);
        return mode === 'sync' ? Promise.resolve(rowsOrPromise) : (rowsOrPromise as Promise<Row[]>);
      },
    });
  }

  function runJsonEach(handle: SQLiteDatabase, rows: JsonRow[], conflict: Conflict | undefined): Rows {
    const { dialect, session, nameOf } = internalsOf(handle)!;
    const given = rows[0]!.shape.split(',').map((index) => insertable[Number(index)]!);
    const identifier = (column: Column) => sql.identifier(nameOf(column));
    const statement = sql.join([
      sql`insert into ${table} (${sql.join(
        given.map(({ column }) => identifier(column)),
        sql`, `,
      )}) select `,
      sql.raw(given.map((_, position) => `value ->> ${position}`).join(', ')),
      // A plain scan of json_each walks the array in order, so rows are inserted (and their rowids
      // assigned) in input order; `where true` lets an `on conflict` follow a select (SQLite's parser).
      sql` from json_each(${sql.param(`[${rows.map((row) => row.payload).join(',')}]`)}) where true`,
      conflict === undefined ? undefined : conflictClause(dialect, conflict, identifier),
      sql` returning ${sql.join(
        Object.values(columns).map((column) => identifier(column)),
        sql`, `,
      )}`,
    ]);
    // The session maps the returned rows exactly as `.returning()` does (decoders, casing).
    const query = session.prepareQuery(dialect.sqlToQuery(statement), returned, 'all', true);
    return query.all() as Rows;
  }

  function conflictClause(
    dialect: SQLiteDialect,
    { target, set }: Conflict,
    identifier: (column: Column) => Name,
  ): SQL {
    const values = boundSet(set, columns);
    return sql` on conflict (${sql.join(target.map(identifier), sql`, `)}) do update set ${dialect.buildUpdateSet(
      table,
      values,
    )}`;
  }

  return { plan };
}

interface Internals {
  dialect: SQLiteDialect;
  session: SQLiteSession<'sync' | 'async', unknown, Record<string, unknown>, never>;
  nameOf: ColumnNamer;
}

/** What drizzle keeps, untyped, on an SQLite database object: its dialect (with the casing) and session. */
function internalsOf(handle: SQLiteDatabase): Internals | undefined {
  const dialect: unknown = Reflect.get(handle, 'dialect');
  const session: unknown = Reflect.get(handle, 'session');
  if (!is(dialect, SQLiteDialect) || !is(session, SQLiteSession)) return undefined;
  const nameOf = columnNamer(dialect);
  return nameOf === undefined ? undefined : { dialect, session: session as Internals['session'], nameOf };
}

/**
 * One value as a JSON item that `->>` turns back into what the driver would have bound, or undefined
 * when it cannot travel as JSON: an SQL expression, a value whose column encodes it to bytes (blob
 * modes, which JSON cannot carry) or to a bigint or boolean (custom types: drivers bind those their own
 * ways), a number JSON has no literal for (NaN, Infinity), or a string with a NUL, which SQLite's JSON
 * functions would cut short.
 */
export function encodeJson(column: SQLiteColumn, value: unknown): string | undefined {
  if (value === null) return 'null';
  if (is(value, SQL)) return undefined;
  const driverValue: unknown = column.mapToDriverValue(value);
  if (driverValue === null) return 'null';
  if (typeof driverValue === 'string')
    return driverValue.includes('\0') ? undefined : JSON.stringify(driverValue);
  if (typeof driverValue === 'number') return Number.isFinite(driverValue) ? String(driverValue) : undefined;
  return undefined;
}
