// Postgres bulk writes as `insert … select … from unnest($1::text[], $2::text[], …)`: one array parameter per
// column instead of one parameter per value, so Postgres parses and plans a statement of a few parameters
// however many rows it carries. Every value travels as its driver text and is cast back to its column's
// type on the server; what cannot travel that way goes through drizzle's own `.values()`.
import { getTableColumns, is, SQL, sql, type Column, type Name } from 'drizzle-orm';
import {
  PgArray,
  PgDialect,
  PgEnumColumn,
  PgEnumObjectColumn,
  type PgColumn,
  type PgTable,
} from 'drizzle-orm/pg-core';
import {
  columnNamer,
  insertableColumns,
  MIN_BULK_RUN,
  planBulkWrites,
  boundSet,
  type ColumnNamer,
  type Conflict,
  type PreparedRow,
} from './bulk-runs.js';
import type { Row, Write } from './dialect.js';
import { pgliteParsers, returningAsJson, runReturningAsJson } from './pglite-returning.js';
import type { PostgresDatabase } from './types.js';

/**
 * The text one unnest statement may carry, in characters of its array parameters: about 60,000 rows of
 * the bench's 6-column table. Bounds the memory a statement and its returned rows hold; not tuned by
 * measurement yet (the round trip it saves is already small at this size).
 */
export const UNNEST_CHARACTER_BUDGET = 4 * 1024 * 1024;

/** Runs shorter than this go through `.values()` (see bulk-runs.ts). */
export const MIN_UNNEST_RUN = MIN_BULK_RUN;

/** A row's driver texts, in its shape's order: the payload of an unnest statement. */
type UnnestRow = PreparedRow<(string | null)[]>;

interface InsertableColumn {
  key: string;
  column: PgColumn;
  /** The type each array element is cast to; undefined when the column's type cannot be named safely. */
  cast: string | undefined;
}

/**
 * Plans and runs one table's unnest inserts and upserts. `viaValues` writes rows the drizzle way; it is
 * used for rows that cannot travel as arrays, and for everything when the database object does not expose
 * what unnest needs (its dialect).
 */
export function unnestWriter(table: PgTable) {
  const columns: Record<string, PgColumn> = getTableColumns(table);
  const insertable: InsertableColumn[] = insertableColumns<PgColumn>(table).map(({ key, column }) => ({
    key,
    column,
    cast: castType(column),
  }));
  const returned = Object.entries(columns).map(([key, column]) => ({ path: [key], field: column }));

  /** Does for `row` what drizzle's `buildInsertQuery` does per row, and encodes what it can. */
  function prepare(row: Row): UnnestRow {
    const values: Row = {};
    const shape: number[] = [];
    let texts: (string | null)[] | undefined = [];
    let characters = 0;
    insertable.forEach(({ key, column, cast }, index) => {
      let value = row[key];
      if (value === undefined) {
        if (column.defaultFn !== undefined) value = column.defaultFn();
        else if (!column.default && column.onUpdateFn !== undefined) value = column.onUpdateFn();
        if (value === undefined) return; // the database's default
      }
      values[key] = value;
      shape.push(index);
      if (texts === undefined) return;
      const text = cast === undefined ? undefined : encode(column, value);
      if (text === undefined) {
        texts = undefined;
        return;
      }
      texts.push(text);
      characters += (text?.length ?? 0) + 1;
    });
    // A row that gives no column at all has nothing to unnest: `.values()` writes `(default, …)`.
    if (shape.length === 0) texts = undefined;
    return { values, shape: shape.join(','), payload: texts, size: characters };
  }

  /**
   * The statements that write `rows` in order: runs of same-shaped rows as unnest statements of at most
   * `UNNEST_CHARACTER_BUDGET`, the rest through `viaValues` in chunks of `budget` bind parameters.
   * `costOf` validates each row and prices it in bind parameters for the `.values()` path.
   */
  function plan(
    handle: PostgresDatabase,
    rows: readonly Row[],
    costOf: (row: Row, index: number) => number,
    budget: number,
    conflict: Conflict | undefined,
    viaValues: (handle: PostgresDatabase, rows: Row[]) => Promise<Row[]>,
  ): Write<PostgresDatabase>[] {
    const nameOf = columnNamer(dialectOf(handle));
    return planBulkWrites<PostgresDatabase, UnnestRow>({
      rows,
      costOf,
      budget,
      prepare: nameOf === undefined ? undefined : prepare,
      sizeBudget: UNNEST_CHARACTER_BUDGET,
      viaValues,
      viaBulk: (on, run) => runUnnest(on, nameOf!, run, conflict),
    });
  }

  async function runUnnest(
    handle: PostgresDatabase,
    nameOf: ColumnNamer,
    rows: UnnestRow[],
    conflict: Conflict | undefined,
  ): Promise<Row[]> {
    const given = rows[0]!.shape.split(',').map((index) => insertable[Number(index)]!);
    const identifier = (column: Column) => sql.identifier(nameOf(column));
    const arrays = given.map((_, position) => rows.map((row) => row.payload![position]!));
    const statement = sql.join([
      sql`insert into ${table} (${sql.join(
        given.map(({ column }) => identifier(column)),
        sql`, `,
      )}) select `,
      sql.join(
        given.map(({ cast }, position) => sql.raw(`u.c${position}::${cast}`)),
        sql`, `,
      ),
      // Bound as one parameter each: drizzle would expand a bare array into a row of parameters.
      sql` from unnest(${sql.join(
        arrays.map((array) => sql`${sql.param(array)}::text[]`),
        sql`, `,
      )}) with ordinality as u(${sql.raw(given.map((_, position) => `c${position}, `).join(''))}ord) order by u.ord`,
      conflict === undefined ? undefined : conflictClause(handle, conflict, identifier),
      sql` returning ${sql.join(
        Object.values(columns).map((column) => identifier(column)),
        sql`, `,
      )}`,
    ]);
    const dialect = dialectOf(handle)!;
    const parsers = pgliteParsers(handle);
    if (parsers !== undefined) {
      const columnsOut = Object.entries(columns).map(([key, column]) => ({
        key,
        column,
        name: nameOf(column),
      }));
      const query = dialect.sqlToQuery(returningAsJson(statement, columnsOut));
      return runReturningAsJson(handle, query, columnsOut, parsers);
    }
    // The session maps the returned rows exactly as `.returning()` does (decoders, casing).
    const query = handle._.session.prepareQuery(dialect.sqlToQuery(statement), returned, undefined, true);
    return (await query.execute()) as Row[];
  }

  function conflictClause(
    handle: PostgresDatabase,
    { target, set }: Conflict,
    identifier: (column: Column) => Name,
  ): SQL {
    const values = boundSet(set, columns);
    return sql` on conflict (${sql.join(target.map(identifier), sql`, `)}) do update set ${dialectOf(
      handle,
    )!.buildUpdateSet(table, values)}`;
  }

  return { plan };
}

function dialectOf(handle: PostgresDatabase): PgDialect | undefined {
  // drizzle keeps its dialect (with the database's casing) on the database object without typing it.
  const dialect: unknown = Reflect.get(handle, 'dialect');
  return is(dialect, PgDialect) ? dialect : undefined;
}

/**
 * The driver text of one value, as the drivers themselves would send it, or undefined when the value
 * cannot travel as text in an array: an SQL expression (given, or what a custom type's encoder returns),
 * or a driver value each driver serializes its own way (Date, objects, arrays).
 */
export function encode(column: PgColumn, value: unknown): string | null | undefined {
  if (value === null) return null;
  if (is(value, SQL)) return undefined;
  const driverValue: unknown = column.mapToDriverValue(value);
  switch (typeof driverValue) {
    case 'string':
      return driverValue;
    case 'number':
    case 'bigint':
      return String(driverValue);
    case 'boolean':
      return driverValue ? 'true' : 'false';
  }
  if (driverValue === null) return null;
  if (driverValue instanceof Uint8Array) {
    return `\\x${Buffer.from(driverValue.buffer, driverValue.byteOffset, driverValue.byteLength).toString('hex')}`;
  }
  return undefined;
}

const IDENTIFIER = String.raw`(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")`;
const SAFE_TYPE = new RegExp(String.raw`^${IDENTIFIER}(?:\.${IDENTIFIER})?(?: ${IDENTIFIER})*(?:\[\])*$`);

/** Types drizzle names by a shorthand that is no type of its own, and types whose bare name is narrower. */
const BASE_TYPES: Record<string, string> = {
  serial: 'integer',
  bigserial: 'bigint',
  smallserial: 'smallint',
  // Without a length these mean char(1) and bit(1): a cast to them would truncate.
  char: 'bpchar',
  character: 'bpchar',
  bit: 'varbit',
};

/**
 * The type each unnested text is cast to: the column's SQL type without its modifiers (`varchar(20)` →
 * `varchar`), so the INSERT itself applies them and reports a too-long value as it would from VALUES,
 * where an explicit cast to `varchar(20)` would silently truncate. Undefined when the type cannot be
 * named safely in a cast.
 */
export function castType(column: PgColumn): string | undefined {
  if (is(column, PgArray)) {
    const base = castType(column.baseColumn);
    return base === undefined ? undefined : `${base}[]`;
  }
  if (is(column, PgEnumColumn) || is(column, PgEnumObjectColumn)) {
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const { enumName, schema } = column.enum;
    return schema === undefined ? quote(enumName) : `${quote(schema)}.${quote(enumName)}`;
  }
  const type = column
    .getSQLType()
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const base = BASE_TYPES[type.toLowerCase()] ?? type;
  return SAFE_TYPE.test(base) ? base : undefined;
}
