import type { Column, SQL } from 'drizzle-orm';

/** A row as the dialect modules see it: column keys (the TS property names) to values. */
export type Row = Record<string, unknown>;

/** One statement of a bulk write, run on the database or on the transaction that holds the others. */
export type Write<THandle> = (handle: THandle) => Promise<Row[]>;

/**
 * Plans a bulk write as its own statements, in input order. `costOf` validates a row and prices it in
 * bind parameters; `budget` is how many one statement may bind.
 */
export type WritePlanner<THandle> = (
  handle: THandle,
  rows: readonly Row[],
  costOf: (row: Row, index: number) => number,
  budget: number,
) => Write<THandle>[];

export interface SelectQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number | undefined;
  offset: number | undefined;
}

/**
 * The statements the factory needs, written once per dialect against one table. `THandle` is the
 * dialect's database type; transactions are handles too, so every statement runs on either.
 */
export interface TableQueries<THandle> {
  readonly dialect: 'postgres' | 'sqlite' | 'mysql';
  /** The most bind parameters one statement may carry. */
  readonly bindParameterLimit: number;
  /** Whether `value` is a database or transaction of this dialect that the factory can run on. */
  isHandle(value: unknown): value is THandle;
  /** How many bind parameters `expression` adds to a statement. */
  countParameters(expression: SQL): number;
  /** `excluded.<column>` of an `on conflict` clause, named with the database's casing. */
  excluded(columnKey: string): SQL;
  insert(handle: THandle, rows: Row[]): Promise<Row[]>;
  upsert(handle: THandle, rows: Row[], target: Column[], set: Row): Promise<Row[]>;
  /** Optional: plans inserts itself (Postgres: unnest arrays) instead of `insert` per parameter-sized chunk. */
  planInsert?: WritePlanner<THandle>;
  /** Optional: plans upserts itself, as `planInsert` does inserts. */
  planUpsert?(target: Column[], set: Row): WritePlanner<THandle>;
  select(handle: THandle, query: SelectQuery): Promise<Row[]>;
  update(handle: THandle, where: SQL | undefined, values: Row): Promise<Row[]>;
  delete(handle: THandle, where: SQL | undefined): Promise<Row[]>;
  count(handle: THandle, where: SQL | undefined): Promise<number>;
  /** Runs `work` in a transaction, or in a savepoint when `handle` already is one. */
  transaction<T>(handle: THandle, work: (tx: THandle) => Promise<T>): Promise<T>;
  /**
   * Set by dialects whose driver runs statements synchronously (better-sqlite3): its transactions cannot
   * await, so a write of several chunks runs all of them inside this callback instead of `transaction`.
   * Such a dialect's `insert` and `upsert` run their statement before returning and throw on failure.
   */
  synchronousTransaction?<T>(handle: THandle, work: (tx: THandle) => T): T;
}
