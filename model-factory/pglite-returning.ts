// PGlite parses its results in JavaScript, copying every field of every row into a buffer of its own: for
// a bulk INSERT … RETURNING that costs about as much as the insert. On PGlite the unnest statement therefore
// sends its returned rows as one JSON text holding each value's output text, and this module applies to
// each value what PGlite and drizzle would have (PGlite's parser for the column's type, then the column's
// decoder), so the rows equal those of `.returning()`. Other drivers parse results natively and keep
// RETURNING as it is.
import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Row } from './dialect.js';
import { entityKindsOf } from './drivers.js';
import type { PostgresDatabase } from './types.js';

/** PGlite's parsers: the text of a value of type `typeId` to its JavaScript value. */
type Parsers = Record<number, (text: string, typeId: number) => unknown>;

/** One returned column: the row key, the column (its decoder) and its SQL name under the database's casing. */
export interface ReturnedColumn {
  key: string;
  column: Column;
  name: string;
}

/**
 * The PGlite instance behind each drizzle PGlite database the factory has seen, by its session's options
 * object: drizzle hands that object on to the session of every transaction (and savepoint) it opens, and
 * a transaction's own client, a PGlite `Transaction`, does not expose the instance's parsers.
 */
const instanceBySessionOptions = new WeakMap<object, Record<PropertyKey, unknown>>();

const isRecord = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null;

function sessionOf(handle: PostgresDatabase): unknown {
  return Reflect.get(handle, '_')?.session as unknown;
}

/** The type the JSON rows travel as, and a text its parser must leave alone for them to arrive intact. */
const TEXT_TYPE_ID = 25;
const JSON_PROBE = String.raw`[["t", null, "\\x00ff", "a \"b\" é"]]`;

function keepsJson(parseText: unknown): boolean {
  if (parseText === undefined) return true;
  if (typeof parseText !== 'function') return false;
  try {
    return parseText(JSON_PROBE, TEXT_TYPE_ID) === JSON_PROBE;
  } catch {
    return false;
  }
}

/**
 * The parsers of the PGlite instance `handle` runs on, or undefined when it is not a drizzle PGlite
 * database, nor a transaction on one the factory has seen (`rememberPglite`), or when the instance was
 * given a parser for text that would alter the JSON. Read at each write: PGlite adds parsers for array
 * types when asked to refresh them.
 */
export function pgliteParsers(handle: PostgresDatabase): Parsers | undefined {
  const session = sessionOf(handle);
  if (!entityKindsOf(session).includes('PgliteSession')) return undefined;
  const options: unknown = Reflect.get(session as object, 'options');
  const client: unknown = Reflect.get(session as object, 'client');
  const instance =
    isRecord(client) && isRecord(client.parsers)
      ? client
      : isRecord(options)
        ? instanceBySessionOptions.get(options)
        : undefined;
  const parsers = instance?.parsers;
  if (!isRecord(parsers)) return undefined;
  return keepsJson(parsers[TEXT_TYPE_ID]) ? (parsers as Parsers) : undefined;
}

/** Remembers the PGlite instance behind `handle`, a database, so writes in a transaction on it find its parsers. */
export function rememberPglite(handle: PostgresDatabase): void {
  const session = sessionOf(handle);
  if (!entityKindsOf(session).includes('PgliteSession')) return;
  const options: unknown = Reflect.get(session as object, 'options');
  const client: unknown = Reflect.get(session as object, 'client');
  if (isRecord(options) && isRecord(client) && isRecord(client.parsers)) {
    instanceBySessionOptions.set(options, client);
  }
}

const INSERTED = sql.identifier('many_first_inserted');
const PROBE = sql.identifier('many_first_types');
const ROWS = 'many_first_rows';

/**
 * `insert` (an INSERT … RETURNING `returned`) wrapped so that it returns one row: a typed NULL per returned
 * column (whose field descriptions carry the type OIDs PGlite's parsers are keyed by, exactly as RETURNING's
 * would), then the rows as a JSON array of arrays of output texts. `concat` renders a value with its type's
 * output function, as the wire protocol does; a `::text` cast would not (booleans become `true`, not `t`).
 * The JSON keeps the order in which RETURNING produced the rows.
 */
export function returningAsJson(insert: SQL, returned: readonly ReturnedColumn[]): SQL {
  const inserted = (name: string) => sql`${INSERTED}.${sql.identifier(name)}`;
  const texts = returned.map(
    ({ name }) =>
      sql`case when ${inserted(name)} is null then null else pg_catalog.concat(${inserted(name)}) end`,
  );
  const probes = returned.map(({ name }) => sql`${PROBE}.${sql.identifier(name)}`);
  // An ARRAY constructor, not json_build_array: functions take at most 100 arguments, tables may have more columns.
  return sql`with ${INSERTED} as (${insert}) select ${sql.join(probes, sql`, `)}, (select pg_catalog.json_agg(array[${sql.join(
    texts,
    sql`, `,
  )}]::text[]) from ${INSERTED})::text as ${sql.identifier(ROWS)} from (select * from ${INSERTED} limit 0) as ${PROBE} right join (select) as many_first_one on true`;
}

/**
 * Runs a statement built by `returningAsJson` through drizzle's session (its logger, and its error that
 * names the failed query) and returns the rows as `.returning()` would.
 */
export async function runReturningAsJson(
  handle: PostgresDatabase,
  query: { sql: string; params: unknown[] },
  returned: readonly ReturnedColumn[],
  parsers: Parsers,
): Promise<Row[]> {
  const prepared = handle._.session.prepareQuery(query, undefined, undefined, false);
  // drizzle's own parsers for returned rows (it keeps timestamps and dates as text), over the instance's.
  const config: unknown = Reflect.get(prepared, 'queryConfig');
  const drizzleParsers: unknown = isRecord(config) ? config.parsers : undefined;
  if (!isRecord(drizzleParsers))
    throw new Error('drizzle-orm/pglite no longer keeps its parsers where expected');
  const result: unknown = await prepared.execute();
  const fields: unknown = isRecord(result) ? result.fields : undefined;
  const rows: unknown = isRecord(result) ? result.rows : undefined;
  if (!Array.isArray(fields) || !Array.isArray(rows) || fields.length !== returned.length + 1) {
    throw new Error('PGlite returned an unexpected result for an insert');
  }
  const json: unknown = isRecord(rows[0]) ? rows[0][ROWS] : undefined;
  const texts = (typeof json === 'string' ? JSON.parse(json) : []) as (string | null)[][];
  const merged: Parsers = { ...parsers, ...(drizzleParsers as Parsers) };
  const decoders = returned.map(({ key, column }, position) => {
    const typeId = Number((fields[position] as { dataTypeID: unknown }).dataTypeID);
    const parse = merged[typeId];
    return {
      key,
      decode: (text: string) => column.mapFromDriverValue(parse === undefined ? text : parse(text, typeId)),
    };
  });
  return texts.map((values) => {
    const row: Row = {};
    decoders.forEach(({ key, decode }, position) => {
      const text = values[position]!;
      row[key] = text === null ? null : decode(text);
    });
    return row;
  });
}
