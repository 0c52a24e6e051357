/**
 * drizzle-orm 0.45's schema vocabulary as data: which modules are drizzle's, which functions of each
 * dialect make tables, table creators, schemas, enums and columns, what each chain method on a column
 * sets, and which table-level constraint builders there are with their chain methods. The evaluator
 * (schema-evaluator.ts) is a small interpreter that knows none of this; drizzle-builders.ts applies these
 * tables to the values it evaluates. Column types live in drizzle-columns.ts and are reached from here.
 * A drizzle upgrade that adds a builder fails tests/mcp-server/project/drizzle-vocabulary.test.ts.
 */
import { COLUMN_BUILDERS, type BuilderSpec } from './drizzle-columns.js';
import type { Dialect } from './model.js';

/** A drizzle module as the evaluator sees it: a dialect's core, or drizzle-orm itself. */
export type DrizzleModule = Dialect | 'core';

/** The specifiers whose imports are drizzle's own functions rather than project code. */
export const DRIZZLE_MODULES: Readonly<Record<string, DrizzleModule>> = {
  'drizzle-orm/pg-core': 'pg',
  'drizzle-orm/sqlite-core': 'sqlite',
  'drizzle-orm/mysql-core': 'mysql',
  'drizzle-orm': 'core',
  'drizzle-orm/sql': 'core',
};

/** What a dialect's enum function returns. */
export type EnumFunction =
  /** `pgEnum(name, values)`: an enum, which is then called like a builder (`status('status')`). */
  | 'enum'
  /** `mysqlEnum(name?, values)`: a column directly, typed `enum('a','b')`. */
  | 'column';

export interface DialectVocabulary {
  /** `pgTable(name, columns, extraConfig?)`. */
  table: string;
  /** `pgTableCreator((name) => …)`: a table function whose names pass through the callback. */
  tableCreator: string;
  /** `pgSchema(name)`: an object whose `.table()` and `.enum()` are the dialect's, in that schema. */
  schemas: readonly string[];
  /** The dialect's enum function, by name, and what it returns. */
  enums: Readonly<Record<string, EnumFunction>>;
  /** `customType({ dataType })`: a builder whose SQL type its `dataType(options)` returns. */
  customType: string;
  /** The column builders and how each spells its SQL type. */
  columns: Readonly<Record<string, BuilderSpec>>;
}

export const DIALECTS: Readonly<Record<Dialect, DialectVocabulary>> = {
  pg: {
    table: 'pgTable',
    tableCreator: 'pgTableCreator',
    schemas: ['pgSchema'],
    enums: { pgEnum: 'enum' },
    customType: 'customType',
    columns: COLUMN_BUILDERS.pg,
  },
  sqlite: {
    table: 'sqliteTable',
    tableCreator: 'sqliteTableCreator',
    schemas: [],
    enums: {},
    customType: 'customType',
    columns: COLUMN_BUILDERS.sqlite,
  },
  mysql: {
    table: 'mysqlTable',
    tableCreator: 'mysqlTableCreator',
    schemas: ['mysqlSchema', 'mysqlDatabase'],
    enums: { mysqlEnum: 'column' },
    customType: 'customType',
    columns: COLUMN_BUILDERS.mysql,
  },
};

/**
 * Builders drizzle exports that the vocabulary deliberately does not model, per dialect, with why: an
 * entry here is a decision, not an oversight.
 */
export const UNMODELLED_BUILDERS: Readonly<Record<Dialect, Readonly<Record<string, string>>>> = {
  pg: {
    pgEnumWithSchema: "drizzle's internal for `pgSchema(name).enum(…)`, which is read as SCHEMA_METHODS.enum",
    pgEnumObjectWithSchema: "drizzle's internal for `pgSchema(name).enum(…)` given an object of values",
  },
  sqlite: {},
  mysql: {},
};

/** The methods of a `pgSchema(name)` object. */
export const SCHEMA_METHODS = {
  /** `schema.table(name, columns, extraConfig?)`: a table in that schema. */
  table: 'table',
  /** `schema.enum(name, values)`: an enum in that schema. */
  enum: 'enum',
} as const;

/** What a chain method on a column builder sets (drizzle's builders set these on their config). */
export interface ColumnMethodEffect {
  notNull?: true;
  primaryKey?: true;
  isUnique?: true;
  hasDefault?: true;
  /** The call's source text becomes the column's `default`: always, or only when it has none yet. */
  defaultText?: 'replace' | 'keep';
  /** Builders of a dialect that also get a default from this method (SQLite integer keys alias rowid). */
  hasDefaultFor?: { dialect: Dialect; builders: readonly string[] };
}

/**
 * Column chain methods that change what the inspection compares. Every other method (`$type()`,
 * `generatedAlwaysAs()`, …) leaves the column as it is; `array()` and `references()` are in
 * COLUMN_STRUCTURE_METHODS.
 */
export const COLUMN_METHODS: Readonly<Record<string, ColumnMethodEffect>> = {
  notNull: { notNull: true },
  primaryKey: {
    primaryKey: true,
    notNull: true,
    hasDefaultFor: { dialect: 'sqlite', builders: ['integer', 'int'] },
  },
  unique: { isUnique: true },
  default: { hasDefault: true, defaultText: 'replace' },
  defaultNow: { hasDefault: true, defaultText: 'replace' },
  defaultRandom: { hasDefault: true, defaultText: 'replace' },
  $defaultFn: { hasDefault: true, defaultText: 'replace' },
  $default: { hasDefault: true, defaultText: 'replace' },
  $onUpdate: { hasDefault: true, defaultText: 'keep' },
  $onUpdateFn: { hasDefault: true, defaultText: 'keep' },
  onUpdateNow: { hasDefault: true, defaultText: 'keep' },
  autoincrement: { hasDefault: true, defaultText: 'keep' },
  generatedAlwaysAsIdentity: { hasDefault: true, notNull: true, defaultText: 'keep' },
  generatedByDefaultAsIdentity: { hasDefault: true, notNull: true, defaultText: 'keep' },
};

/** Column chain methods that change the column's structure rather than a flag. */
export const COLUMN_STRUCTURE_METHODS = {
  /**
   * `.array(size?)` on Postgres: a new builder around the old one, typed `type[size]`; the modifiers
   * before it do not carry over. Other dialects have no arrays: the column stays as it is.
   */
  array: { dialects: ['pg'] as readonly Dialect[] },
  /** `.references(() => column, { onDelete, onUpdate })`: a foreign key, resolved once tables exist. */
  references: {},
} as const;

/** A table-level constraint builder and what its call starts. */
export type ConstraintBuilder =
  | { makes: 'index'; unique: boolean }
  | { makes: 'unique' }
  | { makes: 'primaryKey' }
  | { makes: 'foreignKey' }
  | { makes: 'check' };

/** The constraint builders every dialect exports, used in a table's third argument. */
export const CONSTRAINT_BUILDERS: Readonly<Record<string, ConstraintBuilder>> = {
  index: { makes: 'index', unique: false },
  uniqueIndex: { makes: 'index', unique: true },
  unique: { makes: 'unique' },
  primaryKey: { makes: 'primaryKey' },
  foreignKey: { makes: 'foreignKey' },
  check: { makes: 'check' },
};

/** Chain methods on a started index (`index(name)`) that give its columns. */
export const INDEX_COLUMN_METHODS = {
  /** `.on(...columns)` and `.onOnly(...columns)`. */
  on: 'columns',
  onOnly: 'columns',
  /** `.using(method, ...columns)`. */
  using: 'method-then-columns',
} as const;

/** Chain methods on a built constraint, by constraint kind: what each sets. */
export const CONSTRAINT_METHODS = {
  index: {
    /** `.where(sql)`: the partial index's condition, as SQL text. */
    where: 'condition',
    /** `.using(method)` after `.on(…)`. */
    using: 'method',
  },
  unique: {
    nullsNotDistinct: 'flag',
  },
  foreignKey: {
    /** `.onDelete(action)` / `.onUpdate(action)`; drizzle's default action when none is given. */
    onDelete: 'action',
    onUpdate: 'action',
  },
} as const;

/** The referential action drizzle writes when `.onDelete()` / `.onUpdate()` gets none. */
export const DEFAULT_REFERENTIAL_ACTION = 'no action';

/** Methods of a table that return the same table. */
export const TABLE_METHODS: readonly string[] = ['enableRLS'];

/** drizzle-orm's own functions the schema reading follows. */
export const CORE_FUNCTIONS = {
  /** `relations(table, ({ one, many }) => ({ … }))`: the table's relations, read once tables exist. */
  relations: 'relations',
  /** `one(table, { fields, references, relationName })` and `many(table, …)` inside a relations callback. */
  one: 'relation',
  many: 'relation',
  /** The `sql` template tag (and `sql.raw(…)` and friends). */
  sql: 'sql',
} as const;

/** The names a dialect module exports that the vocabulary knows, whatever they make. */
export function knownNames(dialect: Dialect): Set<string> {
  const vocabulary = DIALECTS[dialect];
  return new Set([
    vocabulary.table,
    vocabulary.tableCreator,
    ...vocabulary.schemas,
    ...Object.keys(vocabulary.enums),
    vocabulary.customType,
    ...Object.keys(vocabulary.columns),
    ...Object.keys(CONSTRAINT_BUILDERS),
  ]);
}
