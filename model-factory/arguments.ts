import { Column, is, sql, SQL } from 'drizzle-orm';
import type { Condition, OrderBy } from './types.js';

// TypeScript catches these mistakes at compile time; the checks are for JavaScript callers and casts,
// so a wrong argument fails with the op and table named instead of deep inside drizzle.

/** A short description of what was passed, for error messages: `an object`, `null`, `a string`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (is(value, SQL)) return 'an SQL expression';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !is(value, SQL);
}

/** `rows` must be an array of row objects. */
export function expectRows(label: string, rows: unknown): asserts rows is readonly Record<string, unknown>[] {
  if (!Array.isArray(rows)) {
    const hint = isPlainObject(rows) ? ' (wrap a single row in an array: [row])' : '';
    throw new TypeError(`${label}: rows must be an array, got ${describeValue(rows)}${hint}`);
  }
}

/** One row of an insert or upsert must be an object. */
export function expectRow(
  label: string,
  row: unknown,
  index: number,
): asserts row is Record<string, unknown> {
  if (!isPlainObject(row)) {
    throw new TypeError(`${label}: rows[${index}] must be an object, got ${describeValue(row)}`);
  }
}

/** `conditions` must be an array of SQL conditions (`eq(table.id, 1)`) or `undefined` entries. */
export function expectConditions(
  label: string,
  conditions: unknown,
): asserts conditions is readonly Condition[] {
  if (!Array.isArray(conditions)) {
    const hint = is(conditions, SQL) ? ' (wrap a single condition in an array: [condition])' : '';
    throw new TypeError(`${label}: conditions must be an array, got ${describeValue(conditions)}${hint}`);
  }
  conditions.forEach((condition: unknown, index) => {
    if (condition !== undefined && !is(condition, SQL)) {
      throw new TypeError(
        `${label}: conditions[${index}] must be an SQL condition such as eq(column, value), or undefined; got ${describeValue(condition)}`,
      );
    }
  });
}

/** `options` must be omitted or an object; returns it or `{}`. */
export function expectOptions<TOptions extends object>(
  label: string,
  options: TOptions | undefined,
): Partial<TOptions> {
  if (options === undefined) return {};
  if (!isPlainObject(options)) {
    throw new TypeError(`${label}: options must be an object, got ${describeValue(options)}`);
  }
  return options;
}

/** `limit` / `offset` must be omitted or a non-negative integer. */
export function expectCount(label: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${label}: ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** `orderBy` must be omitted, a column, an SQL expression or a list of them; returns them as SQL. */
export function expectOrderBy(label: string, orderBy: OrderBy | undefined): SQL[] {
  if (orderBy === undefined) return [];
  const list: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy];
  return list.map((item, index) => {
    if (is(item, SQL)) return item;
    if (is(item, Column)) return sql`${item}`;
    const where = Array.isArray(orderBy) ? `orderBy[${index}]` : 'orderBy';
    throw new TypeError(
      `${label}: ${where} must be a column or an SQL expression such as desc(column), got ${describeValue(item)}`,
    );
  });
}
