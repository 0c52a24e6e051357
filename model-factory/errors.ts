/**
 * Which constraint a database refused a write for, from the error a driver raised, however drizzle or a
 * caller wrapped it (`DrizzleQueryError` and the test factories keep the driver's error as `cause`).
 *
 * Postgres drivers (PGlite, node-postgres, postgres-js) set `code` to the SQLSTATE; libsql sets `code`
 * to `SQLITE_CONSTRAINT` and `extendedCode` to the exact constraint, and better-sqlite3 sets `code` to
 * the extended one. Codes, never messages, decide: messages change with versions and locales.
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

/** How deep to follow `cause`; a chain longer than this is not a driver error wrapped by a library. */
const MAX_CAUSE_DEPTH = 8;

function ownKind(error: object): ConstraintKind | undefined {
  const { code, extendedCode } = error as { code?: unknown; extendedCode?: unknown };
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
 * `SQLITE_CONSTRAINT_PRIMARYKEY`.
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
 * (SQLite checks foreign keys only with `pragma foreign_keys = on`).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return constraintKind(error) === 'foreignKey';
}

/** Whether `error` (or its cause) is a NOT NULL violation. Postgres 23502; SQLite `SQLITE_CONSTRAINT_NOTNULL`. */
export function isNotNullViolation(error: unknown): boolean {
  return constraintKind(error) === 'notNull';
}

/** Whether `error` (or its cause) is a CHECK constraint violation. Postgres 23514; SQLite `SQLITE_CONSTRAINT_CHECK`. */
export function isCheckViolation(error: unknown): boolean {
  return constraintKind(error) === 'check';
}
