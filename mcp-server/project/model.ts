/**
 * The inspection model: what static analysis knows about a project. `many-first inspect --json` prints an
 * `Inspection`, and the MCP tools answer from it. It is a public interface: change it only additively.
 * All paths are root-relative with forward slashes; lines are 1-based.
 */

export type Dialect = 'pg' | 'sqlite' | 'mysql';

/** A foreign key seen from one column; table and column are SQL names. */
export interface ColumnReference {
  table: string;
  column: string;
  onDelete?: string;
  onUpdate?: string;
}

export interface Column {
  /** The TypeScript property of the table object. */
  key: string;
  sqlName: string;
  /** Exactly what drizzle's `column.getSQLType()` reports, e.g. `varchar(255)`, `text[]`, `"mood"`. */
  sqlType: string;
  notNull: boolean;
  /** drizzle's `column.primary`: false for a column that is part of a composite key. */
  primaryKey: boolean;
  /** drizzle's `column.isUnique`. */
  unique: boolean;
  hasDefault: boolean;
  /** The source text of the default: `.default(…)`, `.defaultNow()`, `.$defaultFn(…)`, generated identity. */
  default?: string;
  references?: ColumnReference;
  enumValues?: string[];
}

/** Names are SQL names, as drizzle's getTableConfig reports them. */
export interface ForeignKey {
  name?: string;
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
  onDelete?: string;
  onUpdate?: string;
}

export interface Index {
  name?: string;
  /** SQL column names; an expression index lists the expression's source text. */
  columns: string[];
  unique: boolean;
  using?: string;
  where?: string;
}

export interface UniqueConstraint {
  name?: string;
  columns: string[];
  nullsNotDistinct?: boolean;
}

export interface CheckConstraint {
  name: string;
  /** The source text of the `sql` template. */
  expression: string;
  /** The same as SQL, columns by their SQL names: `url ~ '^https?://'`. */
  sql: string;
}

export interface Relation {
  /** The property name in `relations(table, ({ one, many }) => ({ name: … }))`. */
  name: string;
  kind: 'one' | 'many';
  /** The TS export name of the related table. */
  target: string;
  /** TS keys of this table's columns (for `one` with fields). */
  fields?: string[];
  /** TS keys of the target's columns. */
  references?: string[];
  relationName?: string;
}

export interface Table {
  /** The TS export name. */
  name: string;
  sqlName: string;
  dialect: Dialect;
  /** The database schema of `pgSchema('x').table(…)`. */
  schema?: string;
  file: string;
  line: number;
  columns: Column[];
  /** SQL names of the primary key's columns (single or composite). */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
  relations: Relation[];
  /** The root-relative file of the model module built on this table, when one exists. */
  model?: string;
  /** The test factory built on this table (`defineFactory` from `many-first/test-factory`), when one exists. */
  testFactory?: TestFactory;
}

export interface TestFactory {
  /** The name it is exported under, e.g. `foodFactory`. */
  name: string;
  file: string;
  line: number;
  /** Keys of its `traits` object, in source order. */
  traits: string[];
}

export type ModelOpKind =
  'insert' | 'select' | 'update' | 'delete' | 'upsert' | 'count' | 'buildConditions' | 'takeFirst';

export interface ModelOp {
  /** The name the module exports it under, e.g. `insertTags`. */
  exportName: string;
  /** The factory op it is, when it is one. */
  op: ModelOpKind;
  line: number;
}

export interface Model {
  file: string;
  /** The TS export name of the table passed to createModelFactory. */
  table?: string;
  /** The string passed as createModelFactory's tableName. */
  tableName?: string;
  /** Where createModelFactory is called; absent when the module does not use the factory. */
  factoryCall?: { line: number };
  ops: ModelOp[];
  /** Exports that are not factory ops (business logic). */
  otherExports: string[];
  /** Root-relative files that import this module. */
  importedBy: string[];
}

export interface ServerAction {
  name: string;
  file: string;
  line: number;
  /** `module`: the file's prologue has 'use server'; `inline`: the function's body does. */
  directive: 'module' | 'inline';
  exported: boolean;
  /** Export names of model ops the action calls (resolved through imports). */
  modelOpsCalled: string[];
  /**
   * Export names of a model module's other functions the action calls: its business logic, such as
   * `issueInvoices`, which composes ops in a transaction.
   */
  modelFunctionsCalled: string[];
  /** Direct calls on the database client, e.g. `db.insert` at a line. */
  directDbUse: { method: string; line: number }[];
  /** Calls of redirect-like functions from next/navigation. */
  redirects: { callee: string; line: number }[];
  /** Paths passed to revalidatePath / tags passed to revalidateTag, as source text. */
  revalidates: string[];
}

export interface Finding {
  /** A plugin rule id (`many-first/no-dynamic-imports`) or a structure check (`structure/table-without-model`). */
  rule: string;
  /** `suggestion`: a convention worth adopting (e.g. a test factory per modelled table), never a failure. */
  severity: 'error' | 'warning' | 'suggestion';
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface Diagnostic {
  file: string;
  line: number;
  message: string;
  /** Set when an analysis budget cut this file short (mcp-server/project/analysis-budgets.ts). */
  budget?: string;
}

export interface Inspection {
  /** The absolute, real path of the project root. */
  root: string;
  dialect: Dialect;
  tables: Table[];
  models: Model[];
  actions: ServerAction[];
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Where a table, model op or action is referenced. */
export interface Usage {
  file: string;
  line: number;
  /** The name of the enclosing function, when there is one. */
  enclosingFunction?: string;
  layer: 'schema' | 'model' | 'action' | 'component' | 'test' | 'other';
}
