// How many rows fill one insert statement, per dialect: Postgres sends rows as unnest arrays, SQLite and
// MySQL as one JSON text, so their statements fill up by characters.
import { UNNEST_CHARACTER_BUDGET } from '../../model-factory/postgres-unnest.js';
import { MYSQL_JSON_CHARACTER_BUDGET } from '../../model-factory/mysql-json.js';
import { SQLITE_JSON_CHARACTER_BUDGET } from '../../model-factory/sqlite-json.js';
import type { Harness } from './harness.js';

/** A Postgres row of `singles` whose value costs 65,536 characters of a statement (65,535 and a separator). */
const POSTGRES_VALUE_LENGTH = 65_535;

/** An SQLite or MySQL row of `singles` costs its value and 5 characters: `["…"]` and a separator. */
const SQLITE_VALUE_LENGTH = 65_536 - 5;
/** MySQL's `singles.value` is a varchar(64): 64 characters a row, 49,152 rows in 3 MiB. */
const MYSQL_VALUE_LENGTH = 64 - 5;

/**
 * Rows for the `singles` table that exactly fill one insert statement of `h`: 64 values of 64 KiB on
 * Postgres and SQLite (4 MiB), 49,152 values of 59 characters on MySQL (3 MiB). One row more needs a
 * second statement.
 */
export function singlesFillingOneStatement(
  h: Pick<Harness<never>, 'dialect' | 'bindParameterLimit'>,
  prefix = 'v',
): { value: string }[] {
  if (h.dialect === 'postgres') {
    const count = UNNEST_CHARACTER_BUDGET / (POSTGRES_VALUE_LENGTH + 1);
    return Array.from({ length: count }, (_, index) => ({
      value: `${prefix}${index}`.padEnd(POSTGRES_VALUE_LENGTH, '.'),
    }));
  }
  if (h.dialect === 'sqlite') {
    const count = SQLITE_JSON_CHARACTER_BUDGET / (SQLITE_VALUE_LENGTH + 5);
    return Array.from({ length: count }, (_, index) => ({
      value: `${prefix}${index}`.padEnd(SQLITE_VALUE_LENGTH, '.'),
    }));
  }
  const count = MYSQL_JSON_CHARACTER_BUDGET / (MYSQL_VALUE_LENGTH + 5);
  return Array.from({ length: count }, (_, index) => ({
    value: `${prefix}${index}`.padEnd(MYSQL_VALUE_LENGTH, '.'),
  }));
}
