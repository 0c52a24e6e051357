/**
 * Which constraint a database refused a write for, from the error a driver raised, however drizzle or a
 * caller wrapped it (`DrizzleQueryError` and the test factories keep the driver's error as `cause`).
 *
 * Postgres drivers (PGlite, node-postgres, postgres-js) set `code` to the SQLSTATE; libsql sets `code`
 * to `SQLITE_CONSTRAINT` and `extendedCode` to the exact constraint, and better-sqlite3 sets `code` to
 * the extended one; mysql2 sets `errno` to the MySQL or MariaDB server's error number.
 * Codes, never messages, decide: messages change with versions and locales.
 */

type ConstraintKind = 'unique' | 'foreignKey' | 'notNull' | 'check';

const POSTGRES_SQLSTATES: Record<string, ConstraintKind> = {
  '23505': 'unique',
  '23503': 'foreignKey',
  '23502': 'notNull',
  '23514': 'check',
};

// A primary key is a unique constraint, as Postgres reports it (23505) too.
const SQLITE_EXTENDED_CODES: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreignKey',
  SQLITE_CONSTRAINT_NOTNULL: 'notNull',
  SQLITE_CONSTRAINT_CHECK: 'check',
};

// MySQL and MariaDB server error numbers (mysql2's `errno`). The two agree below 3000; above it they part
// ways (a failed CHECK is 3819 on MySQL, 4025 on MariaDB, where MySQL's 4025 is an unrelated InnoDB
// error), so 4025 counts only with MariaDB's SQLSTATE for it, 23000.
const MYSQL_ERROR_NUMBERS: Record<number, ConstraintKind> = {
  1062: 'unique', // ER_DUP_ENTRY
  1586: 'unique', // ER_DUP_ENTRY_WITH_KEY_NAME
  1216: 'foreignKey', // ER_NO_REFERENCED_ROW
  1217: 'foreignKey', // ER_ROW_IS_REFERENCED
  1451: 'foreignKey', // ER_ROW_IS_REFERENCED_2
  1452: 'foreignKey', // ER_NO_REFERENCED_ROW_2
  1048: 'notNull', // ER_BAD_NULL_ERROR
  3819: 'check', // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
};
const MARIADB_CHECK_FAILED = 4025;

/** How deep to follow `cause`; a chain longer than this is not a driver error wrapped by a library. */
const MAX_CAUSE_DEPTH = 8;

function ownKind(error: object): ConstraintKind | undefined {
  const { code, extendedCode, errno, sqlState } = error as {
    code?: unknown;
    extendedCode?: unknown;
    errno?: unknown;
    sqlState?: unknown;
  };
  // mysql2 sets `errno` and `sqlState` (its `code` names MySQL's errors, wrong for MariaDB's above 3000).
  if (typeof errno === 'number' && typeof sqlState === 'string') {
    if (errno === MARIADB_CHECK_FAILED) return sqlState === '23000' ? 'check' : undefined;
    return MYSQL_ERROR_NUMBERS[errno];
  }
  if (typeof extendedCode === 'string' && extendedCode in SQLITE_EXTENDED_CODES) {
    return SQLITE_EXTENDED_CODES[extendedCode];
  }
  if (typeof code !== 'string') return undefined;
  return Object.hasOwn(POSTGRES_SQLSTATES, code) ? POSTGRES_SQLSTATES[code] : SQLITE_EXTENDED_CODES[code];
}

function constraintKind(error: unknown): ConstraintKind | undefined {
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const kind = ownKind(current);
    if (kind !== undefined) return kind;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether `error` (or an error in its `cause` chain) is a unique or primary-key violation: the row
 * duplicates a value that must be unique. Postgres SQLSTATE 23505; SQLite `SQLITE_CONSTRAINT_UNIQUE` /
 * `SQLITE_CONSTRAINT_PRIMARYKEY`; MySQL 1062 (`ER_DUP_ENTRY`).
 *
 * ```ts
 * try {
 *   const [tag] = await insertTags([data]);
 *   return { success: true, tag };
 * } catch (error) {
 *   if (isUniqueViolation(error)) return { success: false, error: 'A tag with that name exists' };
 *   throw error;
 * }
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  return constraintKind(error) === 'unique';
}

/**
 * Whether `error` (or its cause) is a foreign-key violation: the row points at a row that does not exist,
 * or a delete would leave rows pointing at nothing. Postgres 23503; SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`
 * (SQLite checks foreign keys only with `pragma foreign_keys = on`); MySQL 1452 / 1451
 * (`ER_NO_REFERENCED_ROW_2` / `ER_ROW_IS_REFERENCED_2`).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return constraintKind(error) === 'foreignKey';
}

/**
 * Whether `error` (or its cause) is a NOT NULL violation. Postgres 23502; SQLite `SQLITE_CONSTRAINT_NOTNULL`;
 * MySQL 1048 (`ER_BAD_NULL_ERROR`).
 */
export function isNotNullViolation(error: unknown): boolean {
  return constraintKind(error) === 'notNull';
}

/**
 * Whether `error` (or its cause) is a CHECK constraint violation. Postgres 23514; SQLite
 * `SQLITE_CONSTRAINT_CHECK`; MySQL 3819, MariaDB 4025.
 */
export function isCheckViolation(error: unknown): boolean {
  return constraintKind(error) === 'check';
}
