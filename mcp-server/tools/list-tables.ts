import { z } from 'zod';
import type { Table } from '../project/model.js';
import {
  cursorInput,
  filterInput,
  limitInput,
  matchesFilter,
  pageOutput,
  pageSummary,
  paginate,
  verboseInput,
} from './lists.js';
import { columnLine } from './render.js';
import { columnSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const inputSchema = z.object({
  filter: filterInput.describe(
    'Keep tables whose TS name, SQL name or file contains this text (case-insensitive).',
  ),
  verbose: verboseInput.describe('Include every column of each table; costs more tokens.'),
  limit: limitInput,
  cursor: cursorInput,
});

const tableSummary = z.object({
  name: z.string().describe('The TS export name.'),
  sqlName: z.string(),
  schema: z.string().optional(),
  file: z.string(),
  line: z.number().int(),
  columnCount: z.number().int(),
  model: z.string().optional().describe('The model module built on this table, when there is one.'),
  columns: z.array(columnSchema).optional().describe('Only with verbose.'),
});

const outputSchema = z.object({ tables: z.array(tableSummary), ...pageOutput });

function summarise(table: Table, verbose: boolean): z.input<typeof tableSummary> {
  const summary: z.input<typeof tableSummary> = {
    name: table.name,
    sqlName: table.sqlName,
    file: table.file,
    line: table.line,
    columnCount: table.columns.length,
  };
  if (table.schema !== undefined) summary.schema = table.schema;
  if (table.model !== undefined) summary.model = table.model;
  if (verbose) summary.columns = table.columns;
  return summary;
}

export const listTables = defineTool({
  name: 'list_tables',
  config: {
    title: 'List tables',
    description:
      'Lists the Drizzle tables the schema files declare: TS name, SQL name, file and line, column count and ' +
      'the model module built on each. Compact by default; pass verbose for every column, filter to narrow ' +
      'by name or file, and cursor to page. Next: describe_table for one table in full, schema_diagram for ' +
      'how they relate.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ filter, verbose, limit, cursor }, { project }) {
    const matching = project.inspection.tables.filter((table) =>
      matchesFilter(filter, table.name, table.sqlName, table.file),
    );
    const summaries = matching.map((table) => summarise(table, verbose));
    const page = paginate(summaries, { limit, cursor }, { tool: 'list_tables', filter, verbose });
    const lines = [`${pageSummary(page, 'table')}${filter ? ` matching '${filter}'` : ''}`];
    for (const table of page.items) {
      const sqlName = table.schema ? `${table.schema}.${table.sqlName}` : table.sqlName;
      const model = table.model ? ` · model ${table.model}` : ' · no model';
      lines.push(
        `${table.name} (${sqlName}) ${table.file}:${table.line} · ${table.columnCount} columns${model}`,
      );
      for (const column of table.columns ?? []) lines.push(`  ${columnLine(column)}`);
    }
    if (page.items.length === 0 && project.inspection.tables.length > 0) {
      lines.push('No table matches; call list_tables without filter to see them all.');
    }
    const structured: z.input<typeof outputSchema> = { tables: page.items, total: page.total };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
