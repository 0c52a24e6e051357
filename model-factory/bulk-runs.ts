// The planning every dialect's one-parameter bulk path shares (Postgres unnest arrays, SQLite json_each,
// MySQL JSON_TABLE): which rows travel in a bulk statement, which through drizzle's `.values()`, in what
// statements, in input order. Each dialect only says how one row is prepared and how a run is written.
import { getTableColumns, is, Param, SQL, type Column, type Table } from 'drizzle-orm';
import { splitIntoChunks } from './chunking.js';
import type { Row, Write } from './dialect.js';

/**
 * Consecutive rows that give the same columns share one bulk statement. Shorter runs (rows that each
 * leave out different columns) go through `.values()`, which fills every left-out column in a single
 * statement: a bulk statement (a round trip) per handful of rows would cost more than it saves. A
 * judgment, not a measured optimum.
 */
export const MIN_BULK_RUN = 16;

/** What an `on conflict (target) do update set …` clause needs. */
export interface Conflict {
  target: Column[];
  set: Row;
}

/**
 * An upsert's `set` as drizzle's `buildUpdateSet` takes it: SQL as it is, each other value bound as a
 * parameter its column encodes; keys left undefined are not set.
 */
export function boundSet(set: Row, columns: Readonly<Record<string, Column>>): Record<string, SQL | Param> {
  const values: Record<string, SQL | Param> = {};
  for (const [key, value] of Object.entries(set)) {
    if (value !== undefined) values[key] = is(value, SQL) ? value : new Param(value, columns[key]);
  }
  return values;
}

export interface InsertableColumn<TColumn extends Column = Column> {
  /** The column's key in the table object (the TS property name), as rows give it. */
  key: string;
  column: TColumn;
}

/** The columns an insert may give, in table order: generated columns (`generated always`) take no value, as in drizzle. */
export function insertableColumns<TColumn extends Column>(table: Table): InsertableColumn<TColumn>[] {
  return Object.entries(getTableColumns(table) as Record<string, TColumn>)
    .filter(([, column]) => column.generated === undefined || column.generated.type === 'byDefault')
    .map(([key, column]) => ({ key, column }));
}

/** A row after drizzle's per-row work ($defaultFn, $onUpdateFn), encoded for its dialect's bulk statement. */
export interface PreparedRow<TPayload> {
  /** The given and generated values, as `.values()` takes them when the row cannot travel in bulk. */
  values: Row;
  /** The insertable columns the row gives (indexes into the insertable columns), joined: rows of one shape share a statement. */
  shape: string;
  /** What the bulk statement carries for this row; undefined when some value cannot travel that way. */
  payload: TPayload | undefined;
  /** What the row adds to its bulk statement's parameter, in the unit of `sizeBudget`. */
  size: number;
}

export interface BulkPlan<THandle, TPrepared extends PreparedRow<unknown>> {
  rows: readonly Row[];
  /** Validates a row and prices it in bind parameters for the `.values()` path. */
  costOf: (row: Row, index: number) => number;
  /** The bind parameters one `.values()` statement may carry. */
  budget: number;
  /** Prepares a row (already validated by `costOf`) for bulk statements; undefined when the bulk path is unavailable. */
  prepare: ((row: Row) => TPrepared) | undefined;
  /** The most one bulk statement may carry, summed over its rows' `size`. */
  sizeBudget: number;
  viaValues(handle: THandle, rows: Row[]): Promise<Row[]>;
  /** Writes a run of rows of one shape, each with a payload, in one statement. */
  viaBulk(handle: THandle, run: TPrepared[]): Promise<Row[]>;
}

/**
 * The statements that write `rows` in order: runs of at least `MIN_BULK_RUN` same-shaped rows that all
 * have a payload as bulk statements within `sizeBudget`, the rest through `viaValues` in chunks of
 * `budget` bind parameters.
 */
export function planBulkWrites<THandle, TPrepared extends PreparedRow<unknown>>(
  plan: BulkPlan<THandle, TPrepared>,
): Write<THandle>[] {
  const { rows } = plan;
  // Every row is validated (by its cost) before any is prepared: prepare may assume a row object.
  const costs = rows.map((row, index) => plan.costOf(row, index));
  const prepared = plan.prepare === undefined ? undefined : rows.map(plan.prepare);
  const byValues = (from: number, to: number): Write<THandle>[] => {
    const indexes = Array.from({ length: to - from }, (_, offset) => from + offset);
    return splitIntoChunks(indexes, plan.budget, (index) => costs[index]!).map((chunk) => {
      // Prepared rows carry what $defaultFn returned, so drizzle does not call it a second time.
      const chunkRows = chunk.map((index) => prepared?.[index]?.values ?? rows[index]!);
      return (on) => plan.viaValues(on, chunkRows);
    });
  };
  if (prepared === undefined) return byValues(0, rows.length);

  const writes: Write<THandle>[] = [];
  let pending = 0; // the first row not yet planned, which still waits for a long enough run
  let start = 0;
  for (let index = 1; index <= rows.length; index++) {
    const first = prepared[start]!;
    const current = prepared[index];
    const continues =
      first.payload !== undefined && current?.payload !== undefined && current.shape === first.shape;
    if (continues) continue;
    if (first.payload !== undefined && index - start >= MIN_BULK_RUN) {
      writes.push(...byValues(pending, start));
      const run = prepared.slice(start, index);
      for (const chunk of splitIntoChunks(run, plan.sizeBudget, (row) => row.size)) {
        writes.push((on) => plan.viaBulk(on, chunk));
      }
      pending = index;
    }
    start = index;
  }
  writes.push(...byValues(pending, rows.length));
  return writes;
}

/** The column name under the database's casing (`casing: 'snake_case'`), as drizzle renders it. */
export type ColumnNamer = (column: Column) => string;

/**
 * How a drizzle dialect object (kept untyped on the database object) names columns, or undefined when
 * drizzle's internals are not where expected; the bulk paths then leave everything to `.values()`.
 */
export function columnNamer(dialect: unknown): ColumnNamer | undefined {
  const casing: unknown =
    typeof dialect === 'object' && dialect !== null ? Reflect.get(dialect, 'casing') : undefined;
  if (typeof casing !== 'object' || casing === null) return undefined;
  const getColumnCasing: unknown = Reflect.get(casing, 'getColumnCasing');
  if (typeof getColumnCasing !== 'function') return undefined;
  return (column) => String(getColumnCasing.call(casing, column));
}
