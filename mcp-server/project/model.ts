/**
 * The inspection model: what static analysis knows about a project. `many-first inspect --json` prints an
 * `Inspection`, and the MCP tools answer from it. It is a public interface: change it only additively.
 * All paths are root-relative with forward slashes; lines are 1-based.
 *
 * Defined once, as zod: the TypeScript types are inferred from the schemas, and the tools advertise the
 * same schemas as their output, so a field cannot exist in one and be silently dropped by the other.
 * `.describe()` texts reach tools/list; `/** … *\/` comments reach editors.
 */
import { z } from 'zod';
import { MODEL_OPS } from '../../conventions/vocabulary.js';

export const dialectSchema = z.enum(['pg', 'sqlite', 'mysql']);
export type Dialect = z.infer<typeof dialectSchema>;

/** A foreign key seen from one column; table and column are SQL names. */
export const columnReferenceSchema = z.object({
  table: z.string().describe('SQL name of the referenced table.'),
  column: z.string().describe('SQL name of the referenced column.'),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional(),
});
export type ColumnReference = z.infer<typeof columnReferenceSchema>;

export const columnSchema = z.object({
  /** The TypeScript property of the table object. */
  key: z.string().describe('The TypeScript property of the table object.'),
  sqlName: z.string(),
  /** Exactly what drizzle's `column.getSQLType()` reports, e.g. `varchar(255)`, `text[]`, `"mood"`. */
  sqlType: z.string().describe("What drizzle's getSQLType() reports, e.g. varchar(255), text[]."),
  notNull: z.boolean(),
  /** drizzle's `column.primary`: false for a column that is part of a composite key. */
  primaryKey: z.boolean().describe('False for a column that is part of a composite key; see primaryKey.'),
  /** drizzle's `column.isUnique`. */
  unique: z.boolean(),
  hasDefault: z.boolean(),
  /** The source text of the default: `.default(…)`, `.defaultNow()`, `.$defaultFn(…)`, generated identity. */
  default: z.string().optional().describe('The source text of the default.'),
  references: columnReferenceSchema.optional(),
  enumValues: z.array(z.string()).optional(),
});
export type Column = z.infer<typeof columnSchema>;

/** Names are SQL names, as drizzle's getTableConfig reports them. */
export const foreignKeySchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  foreignTable: z.string(),
  foreignColumns: z.array(z.string()),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional(),
});
export type ForeignKey = z.infer<typeof foreignKeySchema>;

export const indexSchema = z.object({
  name: z.string().optional(),
  /** SQL column names; an expression index lists the expression's source text. */
  columns: z.array(z.string()),
  unique: z.boolean(),
  using: z.string().optional(),
  where: z.string().optional(),
});
export type Index = z.infer<typeof indexSchema>;

export const uniqueConstraintSchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  nullsNotDistinct: z.boolean().optional(),
});
export type UniqueConstraint = z.infer<typeof uniqueConstraintSchema>;

export const checkConstraintSchema = z.object({
  name: z.string(),
  /** The source text of the `sql` template. */
  expression: z.string().describe('The source text of the sql template.'),
  /** The same as SQL, columns by their SQL names: `url ~ '^https?://'`. */
  sql: z.string().describe("The constraint as SQL, columns by their SQL names: url ~ '^https?://'."),
});
export type CheckConstraint = z.infer<typeof checkConstraintSchema>;

export const relationSchema = z.object({
  /** The property name in `relations(table, ({ one, many }) => ({ name: … }))`. */
  name: z.string(),
  kind: z.enum(['one', 'many']),
  /** The TS export name of the related table. */
  target: z.string().describe('TS export name of the related table.'),
  /** TS keys of this table's columns (for `one` with fields). */
  fields: z.array(z.string()).optional(),
  /** TS keys of the target's columns. */
  references: z.array(z.string()).optional(),
  relationName: z.string().optional(),
});
export type Relation = z.infer<typeof relationSchema>;

export const testFactorySchema = z
  .object({
    /** The name it is exported under, e.g. `foodFactory`. */
    name: z.string().describe('The export name, e.g. foodFactory.'),
    file: z.string(),
    line: z.number().int(),
    /** Keys of its `traits` object, in source order. */
    traits: z.array(z.string()).describe('Keys of its traits object.'),
  })
  .describe('The test factory (defineFactory from many-first/test-factory) built on this table.');
export type TestFactory = z.infer<typeof testFactorySchema>;

export const tableSchema = z.object({
  /** The TS export name. */
  name: z.string().describe('The TS export name.'),
  sqlName: z.string(),
  dialect: dialectSchema,
  /** The database schema of `pgSchema('x').table(…)`. */
  schema: z.string().optional(),
  file: z.string(),
  line: z.number().int(),
  columns: z.array(columnSchema),
  /** SQL names of the primary key's columns (single or composite). */
  primaryKey: z.array(z.string()),
  foreignKeys: z.array(foreignKeySchema),
  indexes: z.array(indexSchema),
  uniques: z.array(uniqueConstraintSchema),
  checks: z.array(checkConstraintSchema),
  relations: z.array(relationSchema),
  /** The root-relative file of the model module built on this table, when one exists. */
  model: z.string().optional().describe('The file of the model module built on this table.'),
  /** The test factory built on this table (`defineFactory` from `many-first/test-factory`), when one exists. */
  testFactory: testFactorySchema.optional(),
});
export type Table = z.infer<typeof tableSchema>;

export const modelOpKindSchema = z.enum(MODEL_OPS);
export type ModelOpKind = z.infer<typeof modelOpKindSchema>;

export const modelOpSchema = z.object({
  /** The name the module exports it under, e.g. `insertTags`. */
  exportName: z.string(),
  /** The factory op it is, when it is one. */
  op: modelOpKindSchema,
  line: z.number().int(),
});
export type ModelOp = z.infer<typeof modelOpSchema>;

export const modelSchema = z.object({
  file: z.string(),
  /** The TS export name of the table passed to createModelFactory. */
  table: z.string().optional().describe('TS export name of the table passed to createModelFactory.'),
  /** The string passed as createModelFactory's tableName. */
  tableName: z.string().optional(),
  /** Where createModelFactory is called; absent when the module does not use the factory. */
  factoryCall: z.object({ line: z.number().int() }).optional(),
  ops: z.array(modelOpSchema),
  /** Exports that are not factory ops (business logic). */
  otherExports: z.array(z.string()),
  /** Root-relative files that import this module. */
  importedBy: z.array(z.string()),
});
export type Model = z.infer<typeof modelSchema>;

export const serverActionSchema = z.object({
  name: z.string(),
  file: z.string(),
  line: z.number().int(),
  /** `module`: the file's prologue has 'use server'; `inline`: the function's body does. */
  directive: z.enum(['module', 'inline']),
  exported: z.boolean(),
  /** Export names of model ops the action calls (resolved through imports). */
  modelOpsCalled: z.array(z.string()),
  /**
   * Export names of a model module's other functions the action calls: its business logic, such as
   * `issueInvoices`, which composes ops in a transaction.
   */
  modelFunctionsCalled: z.array(z.string()),
  /** Direct calls on the database client, e.g. `db.insert` at a line. */
  directDbUse: z.array(z.object({ method: z.string(), line: z.number().int() })),
  /** Calls of redirect-like functions from next/navigation. */
  redirects: z.array(z.object({ callee: z.string(), line: z.number().int() })),
  /** Paths passed to revalidatePath / tags passed to revalidateTag, as source text. */
  revalidates: z.array(z.string()),
});
export type ServerAction = z.infer<typeof serverActionSchema>;

export const findingSeveritySchema = z.enum(['error', 'warning', 'suggestion']);

export const findingSchema = z.object({
  /** A plugin rule id (`many-first/no-dynamic-imports`) or a structure check (`structure/table-without-model`). */
  rule: z.string(),
  /** `suggestion`: a convention worth adopting (e.g. a test factory per modelled table), never a failure. */
  severity: findingSeveritySchema,
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
  /** Set when an analysis budget cut this file short (mcp-server/project/analysis-budgets.ts). */
  budget: z.string().optional(),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const inspectionSchema = z.object({
  /** The absolute, real path of the project root. */
  root: z.string(),
  dialect: dialectSchema,
  tables: z.array(tableSchema),
  models: z.array(modelSchema),
  actions: z.array(serverActionSchema),
  findings: z.array(findingSchema),
  diagnostics: z.array(diagnosticSchema),
});
export type Inspection = z.infer<typeof inspectionSchema>;

/** Where a table, model op or action is referenced. */
export const usageSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  /** The name of the enclosing function, when there is one. */
  enclosingFunction: z.string().optional(),
  layer: z.enum(['schema', 'model', 'action', 'component', 'test', 'other']),
});
export type Usage = z.infer<typeof usageSchema>;
