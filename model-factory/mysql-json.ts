// MySQL/MariaDB bulk inserts as `insert … select … from json_table(?, '$[*]' columns(…))`: the rows of a
// statement travel as one JSON text instead of one value per row and column, so the server parses a
// statement of one literal however many rows it carries (drizzle's mysql2 driver inlines every value of
// `.values()` into the statement text). What cannot travel as JSON goes through `.values()`.
import { is, SQL, sql, type Column } from 'drizzle-orm';
import { MySqlDialect, type MySqlColumn, type MySqlTable } from 'drizzle-orm/mysql-core';
import {
  columnNamer,
  insertableColumns,
  boundSet,
  type ColumnNamer,
  type Conflict,
  type PreparedRow,
} from './bulk-runs.js';
import type { Row } from './dialect.js';
import type { MySQLDatabase } from './types.js';

/**
 * The JSON text one statement may carry, in characters: about 60,000 rows of the bench's 6-column table,
 * well under a default `max_allowed_packet` (16 MiB on MySQL 8 and MariaDB 10.11, 4 MiB on older ones,
 * counted in bytes: a statement of non-ASCII text may need a larger setting).
 */
export const MYSQL_JSON_CHARACTER_BUDGET = 3 * 1024 * 1024;

/** A row as the JSON array text of its given values, in its shape's order. */
export type JsonTableRow = PreparedRow<string>;

/** What the server offers the JSON path: JSON_TABLE, and consecutive auto-increment ids for INSERT … SELECT. */
export interface JsonTableSupport {
  jsonTable: boolean;
  /**
   * `innodb_autoinc_lock_mode` below 2 (MariaDB's default): an INSERT … SELECT takes consecutive ids, so
   * its rows can be read back from the first id it reports. MySQL 8 defaults to 2, where they may interleave.
   */
  consecutiveIds: boolean;
}

/**
 * The pieces of one MySQL table's JSON_TABLE inserts: preparing rows (drizzle's per-row work, then JSON)
 * and the statement for a run of them. Reading rows back stays in mysql.ts, shared with `.values()`.
 */
export function jsonTableWriter(table: MySqlTable) {
  const insertable = insertableColumns<MySqlColumn>(table);

  /**
   * Does for `row` what drizzle's MySQL `buildInsertQuery` does per row: a left-out column takes
   * `$defaultFn`, else `$onUpdateFn` when it has no default, else the database's default (the statement
   * leaves it out, so rows that leave out different columns go in different statements).
   */
  function prepare(row: Row): JsonTableRow {
    const values: Row = {};
    const shape: number[] = [];
    const items: string[] = [];
    let encodable = true;
    insertable.forEach(({ key, column }, index) => {
      let value = row[key];
      if (value === undefined) {
        if (column.defaultFn !== undefined) value = column.defaultFn();
        else if (!column.default && column.onUpdateFn !== undefined) value = column.onUpdateFn();
        if (value === undefined) return; // the database's default
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

  /** The INSERT … SELECT of `rows` (one shape), in input order; undefined when drizzle's internals are missing. */
  function statement(
    handle: MySQLDatabase,
    rows: JsonTableRow[],
    conflict: Conflict | undefined,
  ): SQL | undefined {
    const dialect = dialectOf(handle);
    const nameOf: ColumnNamer | undefined = columnNamer(dialect);
    if (dialect === undefined || nameOf === undefined) return undefined;
    const given = rows[0]!.shape.split(',').map((index) => insertable[Number(index)]!);
    const identifier = (column: Column) => sql.identifier(nameOf(column));
    // Every value is extracted as utf8mb4 text and converted by the INSERT itself, as a quoted literal of
    // VALUES would be: a too-long string or a bad number is refused, never truncated or nulled by JSON_TABLE.
    const columns = given.map(
      (_, position) => `c${position} longtext character set utf8mb4 path '$[${position}]'`,
    );
    return sql.join([
      sql`insert into ${table} (${sql.join(
        given.map(({ column }) => identifier(column)),
        sql`, `,
      )}) select `,
      sql.raw(given.map((_, position) => `j.c${position}`).join(', ')),
      sql` from json_table(${sql.param(`[${rows.map((row) => row.payload).join(',')}]`)}, '$[*]' columns(`,
      sql.raw(`ord for ordinality, ${columns.join(', ')}`),
      // In input order, so auto-increment ids follow it as they do for VALUES.
      sql`)) as j order by j.ord`,
      conflict === undefined ? undefined : conflictClause(dialect, conflict),
    ]);
  }

  function conflictClause(dialect: MySqlDialect, { set }: Conflict): SQL {
    const columns = Object.fromEntries(insertable.map(({ key, column }) => [key, column]));
    const values = boundSet(set, columns);
    return sql` on duplicate key update ${dialect.buildUpdateSet(table, values)}`;
  }

  return { prepare, statement };
}

function dialectOf(handle: MySQLDatabase): MySqlDialect | undefined {
  // drizzle keeps its dialect (with the database's casing) on the database object without typing it.
  const dialect: unknown = Reflect.get(handle, 'dialect');
  return is(dialect, MySqlDialect) ? dialect : undefined;
}

/** Asks the server once what the JSON path may use (one round trip per factory). */
export async function probeJsonTableSupport(handle: MySQLDatabase): Promise<JsonTableSupport> {
  const result: unknown = await handle.execute(
    sql`select version() as version, @@innodb_autoinc_lock_mode as lock_mode`,
  );
  const rows: unknown = Array.isArray(result) ? result[0] : result;
  const first: unknown = Array.isArray(rows) ? rows[0] : undefined;
  const version = String(typeof first === 'object' && first !== null ? Reflect.get(first, 'version') : '');
  const lockMode = Number(typeof first === 'object' && first !== null ? Reflect.get(first, 'lock_mode') : 2);
  return { jsonTable: hasJsonTable(version), consecutiveIds: lockMode < 2 };
}

/** JSON_TABLE came with MySQL 8.0.4 and MariaDB 10.6. */
export function hasJsonTable(version: string): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (match === null) return false;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (/mariadb/i.test(version)) return major > 10 || (major === 10 && minor >= 6);
  return major > 8 || (major === 8 && (minor > 0 || patch >= 4));
}

/**
 * One value as a JSON item whose text the INSERT converts as it would the literal mysql2 inlines, or
 * undefined when it cannot travel as JSON text: an SQL expression, bytes (binary and blob columns), a
 * `Date` or other object a driver formats its own way, a number JSON has no literal for, or a string
 * with a NUL.
 */
export function encodeJson(column: MySqlColumn, value: unknown): string | undefined {
  if (value === null) return 'null';
  if (is(value, SQL)) return undefined;
  const driverValue: unknown = column.mapToDriverValue(value);
  switch (typeof driverValue) {
    case 'string':
      return driverValue.includes('\0') ? undefined : JSON.stringify(driverValue);
    case 'number':
      return Number.isFinite(driverValue) ? String(driverValue) : undefined;
    case 'bigint':
      return String(driverValue);
    // mysql2 inlines `true`; JSON's `true` would arrive as the text 'true', which no number column takes.
    case 'boolean':
      return driverValue ? '1' : '0';
  }
  return driverValue === null ? 'null' : undefined;
}
