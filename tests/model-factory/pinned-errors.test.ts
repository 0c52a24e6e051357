// The error helpers' edges (issue 16) that the real drivers in errors.test.ts cannot raise here: MySQL's
// own error numbers (the suites run MariaDB), and how deep a cause chain is followed. The errors have the
// shape the drivers give them: mysql2 sets `errno` and `sqlState`, the Postgres drivers `code`.
import {
  isCheckViolation,
  isForeignKeyViolation,
  isNotNullViolation,
  isUniqueViolation,
} from 'many-first/model-factory';
import { describe, expect, it } from 'vitest';

const helpers = { isUniqueViolation, isForeignKeyViolation, isNotNullViolation, isCheckViolation };

/** What every helper answers for `error`. */
const answers = (error: unknown) =>
  Object.fromEntries(Object.entries(helpers).map(([name, helper]) => [name, helper(error)]));
const only = (name: keyof typeof helpers) =>
  Object.fromEntries(Object.keys(helpers).map((helper) => [helper, helper === name]));
const none = Object.fromEntries(Object.keys(helpers).map((helper) => [helper, false]));

function mysqlError(errno: number, sqlState: string): Error {
  return Object.assign(new Error(`mysql error ${errno}`), { errno, sqlState, code: 'ER_SOMETHING' });
}

/** `error` wrapped in `depth` errors, each the cause of the next. */
function wrapped(error: unknown, depth: number): unknown {
  let outer = error;
  for (let level = 0; level < depth; level++) outer = new Error(`level ${level}`, { cause: outer });
  return outer;
}

describe('MySQL and MariaDB error numbers', () => {
  it.each([
    [1062, '23000', 'isUniqueViolation'],
    [1586, '23000', 'isUniqueViolation'],
    [1216, '23000', 'isForeignKeyViolation'],
    [1217, '23000', 'isForeignKeyViolation'],
    [1451, '23000', 'isForeignKeyViolation'],
    [1452, '23000', 'isForeignKeyViolation'],
    [1048, '23000', 'isNotNullViolation'],
    [3819, 'HY000', 'isCheckViolation'],
    [4025, '23000', 'isCheckViolation'],
  ] as const)('errno %i (SQLSTATE %s) is what %s answers yes to', (errno, sqlState, helper) => {
    expect(answers(mysqlError(errno, sqlState))).toEqual(only(helper));
  });

  it("counts 4025 as a failed CHECK only with MariaDB's SQLSTATE (MySQL's 4025 is an InnoDB error)", () => {
    expect(answers(mysqlError(4025, 'HY000'))).toEqual(none);
  });

  it('reads the error number, not the code mysql2 names it by', () => {
    expect(answers(mysqlError(1146, '42S02'))).toEqual(none);
    // A Postgres SQLSTATE in `code` does not count when errno says what the error is.
    expect(answers(Object.assign(mysqlError(1146, '42S02'), { code: '23505' }))).toEqual(none);
  });
});

describe('the cause chain', () => {
  const unique = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
  });

  it('finds a driver error up to eight causes deep', () => {
    expect(answers(wrapped(unique, 8))).toEqual(only('isUniqueViolation'));
  });

  it('stops looking past eight: a longer chain is not a driver error wrapped by a library', () => {
    expect(answers(wrapped(unique, 9))).toEqual(none);
  });
});
