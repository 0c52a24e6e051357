import { z } from 'zod';
import type { ProjectIndex } from '../project/project-index.js';
import { findTable, foreignKeyEdges, type ForeignKeyEdge } from './lookup.js';
import { columnLine, foreignKeyLine, oneLine } from './render.js';
import { modelOpSchema, tableSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const inputSchema = z.object({
  table: z
    .string()
    .min(1)
    .max(200)
    .describe('The table: its TS export name (`userTags`), SQL name (`user_tags`) or `schema.sql_name`.'),
});

const foreignKeyEdge = z.object({
  table: z.string().describe('TS name of the other table (its SQL name when it is not in the project).'),
  sqlName: z.string().describe('SQL name of the other table.'),
  columns: z.array(z.string()).describe('SQL names of the key columns in the referencing table.'),
  foreignColumns: z.array(z.string()).describe('SQL names of the referenced columns.'),
  onDelete: z.string().optional(),
  onUpdate: z.string().optional(),
});

/** describe_table's answer, also the JSON of the `many-first://tables/{name}` resource. */
export const tableDescriptionSchema = z.object({
  table: tableSchema,
  outgoing: z.array(foreignKeyEdge).describe('Foreign keys of this table: the tables it references.'),
  incoming: z.array(foreignKeyEdge).describe('Foreign keys in other tables that reference this one.'),
  model: z
    .object({
      file: z.string(),
      usesFactory: z.boolean().describe('Whether the module is built with createModelFactory.'),
      ops: z.array(modelOpSchema),
      otherExports: z.array(z.string()),
    })
    .optional()
    .describe('The model module built on this table; absent when the table has none.'),
});

export type TableDescription = z.input<typeof tableDescriptionSchema>;

function edgeOf(edge: ForeignKeyEdge, side: 'to' | 'from'): z.input<typeof foreignKeyEdge> {
  const result: z.input<typeof foreignKeyEdge> = {
    table: side === 'to' ? edge.to : edge.from,
    sqlName: side === 'to' ? edge.toSql : edge.fromSql,
    columns: edge.columns,
    foreignColumns: edge.foreignColumns,
  };
  if (edge.onDelete !== undefined) result.onDelete = edge.onDelete;
  if (edge.onUpdate !== undefined) result.onUpdate = edge.onUpdate;
  return result;
}

/** One table in full, by TS or SQL name; throws a not-found error with a close-match suggestion. */
export function describeTable(project: ProjectIndex, name: string): TableDescription {
  const table = findTable(project, name);
  const { outgoing, incoming } = foreignKeyEdges(project, table);
  const description: TableDescription = {
    table,
    outgoing: outgoing.map((edge) => edgeOf(edge, 'to')),
    incoming: incoming.map((edge) => edgeOf(edge, 'from')),
  };
  const model = project.modelOf(table);
  if (model !== undefined) {
    description.model = {
      file: model.file,
      usesFactory: model.factoryCall !== undefined,
      ops: model.ops,
      otherExports: model.otherExports,
    };
  }
  return description;
}

export function renderTableDescription({ table, outgoing, incoming, model }: TableDescription): string {
  const sqlName = table.schema ? `${table.schema}.${table.sqlName}` : table.sqlName;
  const lines = [`${table.name} (${sqlName}, ${table.dialect}) ${table.file}:${table.line}`];
  lines.push(`Columns (${table.columns.length}):`);
  for (const column of table.columns) lines.push(`  ${columnLine(column, table.primaryKey)}`);
  if (table.primaryKey.length > 1) lines.push(`Primary key: (${table.primaryKey.join(', ')})`);
  for (const index of table.indexes) {
    const kind = index.unique ? 'Unique index' : 'Index';
    const where = index.where ? ` where ${oneLine(index.where, 80)}` : '';
    lines.push(`${kind} ${index.name ?? '(unnamed)'} on (${index.columns.join(', ')})${where}`);
  }
  for (const unique of table.uniques) {
    lines.push(`Unique ${unique.name ?? '(unnamed)'} on (${unique.columns.join(', ')})`);
  }
  for (const check of table.checks) lines.push(`Check ${check.name}: ${oneLine(check.sql, 100)}`);
  if (outgoing.length > 0) {
    lines.push('References:');
    for (const edge of outgoing)
      lines.push(`  ${foreignKeyLine({ ...edge, from: table.sqlName, to: edge.sqlName })}`);
  }
  if (incoming.length > 0) {
    lines.push('Referenced by:');
    for (const edge of incoming)
      lines.push(`  ${foreignKeyLine({ ...edge, from: edge.sqlName, to: table.sqlName })}`);
  }
  if (table.relations.length > 0) {
    const relations = table.relations.map(
      (relation) => `${relation.name}: ${relation.kind}(${relation.target})`,
    );
    lines.push(`Relations: ${relations.join(', ')}`);
  }
  if (model === undefined) {
    lines.push('Model: none (the convention is one model module per table, built with createModelFactory)');
  } else {
    const ops = model.ops.map((op) => op.exportName).join(', ') || 'no ops';
    const factory = model.usesFactory ? '' : ' (not built with createModelFactory)';
    lines.push(`Model ${model.file}${factory}: ${ops}`);
    if (model.otherExports.length > 0) lines.push(`  also exports: ${model.otherExports.join(', ')}`);
  }
  const factory = table.testFactory;
  if (factory !== undefined) {
    const traits = factory.traits.length > 0 ? ` traits: ${factory.traits.join(', ')}` : ' (no traits)';
    lines.push(`Test factory: ${factory.name} (${factory.file}:${factory.line})${traits}`);
  }
  return lines.join('\n');
}

export const describeTableTool = defineTool({
  name: 'describe_table',
  config: {
    title: 'Describe a table',
    description:
      'Describes one Drizzle table in full, found by TS export name or SQL name: every column (SQL type, ' +
      'nullability, keys, defaults, enum values, references), the primary key, indexes, unique and check ' +
      'constraints, the foreign keys it holds and the ones pointing at it, its relations, its model ' +
      'module with the ops it exports, and its test factory with its traits. Use it before writing a query, a model op or a migration for the ' +
      'table. Next: describe_model for the model, find_usages to see who reads or writes the table.',
    inputSchema,
    outputSchema: tableDescriptionSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ table }, { project }) {
    const description = describeTable(project, table);
    return { structuredContent: description, text: renderTableDescription(description) };
  },
});
