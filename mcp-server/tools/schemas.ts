/**
 * Output schemas shared by several tools: the inspection model (project/model.ts) as zod, so an answer's
 * structuredContent is checked against what tools/list advertises. Each mirrors its interface field by field.
 */
import { z } from 'zod';
import type { Column, Finding, Index, Model, ServerAction, Table, Usage } from '../project/model.js';

export const dialectSchema = z.enum(['pg', 'sqlite', 'mysql']);

export const columnReferenceSchema = z.object({
  table: z.string().describe('SQL name of the referenced table.'),
  column: z.string().describe('SQL name of the referenced column.'),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional(),
});

export const columnSchema = z.object({
  key: z.string().describe('The TypeScript property of the table object.'),
  sqlName: z.string(),
  sqlType: z.string().describe("What drizzle's getSQLType() reports, e.g. varchar(255), text[]."),
  notNull: z.boolean(),
  primaryKey: z.boolean().describe('False for a column that is part of a composite key; see primaryKey.'),
  unique: z.boolean(),
  hasDefault: z.boolean(),
  default: z.string().optional().describe('The source text of the default.'),
  references: columnReferenceSchema.optional(),
  enumValues: z.array(z.string()).optional(),
});

export const foreignKeySchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  foreignTable: z.string(),
  foreignColumns: z.array(z.string()),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional(),
});

export const indexSchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  unique: z.boolean(),
  using: z.string().optional(),
  where: z.string().optional(),
});

export const uniqueConstraintSchema = z.object({
  name: z.string().optional(),
  columns: z.array(z.string()),
  nullsNotDistinct: z.boolean().optional(),
});

export const checkConstraintSchema = z.object({
  name: z.string(),
  expression: z.string().describe('The source text of the sql template.'),
  sql: z.string().describe("The constraint as SQL, columns by their SQL names: url ~ '^https?://'."),
});

export const relationSchema = z.object({
  name: z.string(),
  kind: z.enum(['one', 'many']),
  target: z.string().describe('TS export name of the related table.'),
  fields: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
  relationName: z.string().optional(),
});

export const tableSchema = z.object({
  name: z.string().describe('The TS export name.'),
  sqlName: z.string(),
  dialect: dialectSchema,
  schema: z.string().optional(),
  file: z.string(),
  line: z.number().int(),
  columns: z.array(columnSchema),
  primaryKey: z.array(z.string()),
  foreignKeys: z.array(foreignKeySchema),
  indexes: z.array(indexSchema),
  uniques: z.array(uniqueConstraintSchema),
  checks: z.array(checkConstraintSchema),
  relations: z.array(relationSchema),
  model: z.string().optional().describe('The file of the model module built on this table.'),
  testFactory: z
    .object({
      name: z.string().describe('The export name, e.g. foodFactory.'),
      file: z.string(),
      line: z.number().int(),
      traits: z.array(z.string()).describe('Keys of its traits object.'),
    })
    .optional()
    .describe('The test factory (defineFactory from many-first/test-factory) built on this table.'),
});

export const modelOpSchema = z.object({
  exportName: z.string(),
  op: z.enum(['insert', 'select', 'update', 'delete', 'upsert', 'count', 'buildConditions', 'takeFirst']),
  line: z.number().int(),
});

export const modelSchema = z.object({
  file: z.string(),
  table: z.string().optional().describe('TS export name of the table passed to createModelFactory.'),
  tableName: z.string().optional(),
  factoryCall: z.object({ line: z.number().int() }).optional(),
  ops: z.array(modelOpSchema),
  otherExports: z.array(z.string()),
  importedBy: z.array(z.string()),
});

export const serverActionSchema = z.object({
  name: z.string(),
  file: z.string(),
  line: z.number().int(),
  directive: z.enum(['module', 'inline']),
  exported: z.boolean(),
  modelOpsCalled: z.array(z.string()),
  modelFunctionsCalled: z.array(z.string()),
  directDbUse: z.array(z.object({ method: z.string(), line: z.number().int() })),
  redirects: z.array(z.object({ callee: z.string(), line: z.number().int() })),
  revalidates: z.array(z.string()),
});

export const findingSeveritySchema = z.enum(['error', 'warning', 'suggestion']);

export const findingSchema = z.object({
  rule: z.string(),
  severity: findingSeveritySchema,
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
  message: z.string(),
});

export const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
  /** The analysis budget that cut the file short (mcp-server/project/analysis-budgets.ts), when one did. */
  budget: z.string().optional(),
});

export const usageSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  enclosingFunction: z.string().optional(),
  layer: z.enum(['schema', 'model', 'action', 'component', 'test', 'other']),
});

// Compile-time proof that each schema accepts its interface, so model.ts and the advertised schemas agree.
type Accepts<Schema extends z.ZodType, Value extends z.input<Schema>> = Value;
export type SchemasMatchModel = [
  Accepts<typeof columnSchema, Column>,
  Accepts<typeof indexSchema, Index>,
  Accepts<typeof tableSchema, Table>,
  Accepts<typeof modelSchema, Model>,
  Accepts<typeof serverActionSchema, ServerAction>,
  Accepts<typeof findingSchema, Finding>,
  Accepts<typeof usageSchema, Usage>,
];

/** A migrations folder's state, as `migration_status` and `project_overview` report it. */
export const migrationStateSchema = z
  .enum(['in-sync', 'schema-changes', 'conflicts', 'no-migrations'])
  .describe(
    'in-sync: the latest snapshot matches the schema; schema-changes: run drizzle-kit generate; conflicts: the folder is broken (run many-first migrations reconcile); no-migrations: none yet.',
  );
