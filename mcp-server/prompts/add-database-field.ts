import { completable } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { describeTable, renderTableDescription } from '../tools/describe-table.js';
import { findTable } from '../tools/lookup.js';
import { ToolInputError } from '../tools/tool.js';
import { definePrompt, userPrompt } from './prompt.js';
import { modelFacts, recipe } from './task-text.js';
import type { TableNameCompleter } from './index.js';

/** Files listed per layer before the rest is summarised as a count. */
const MAX_FILES_PER_LAYER = 10;

export function addDatabaseFieldPrompt(completeTable: TableNameCompleter) {
  return definePrompt({
    name: 'add-database-field',
    config: {
      title: 'Add a database field',
      description:
        'Add a column to a Drizzle table and carry it through the model, actions, factories and a migration.',
      argsSchema: {
        table: completable(z.string().describe('The table to change (TS or SQL name).'), completeTable),
        field: z.string().describe('The new column, e.g. archivedAt.'),
        type: z
          .string()
          .describe('Its type and constraints in words or Drizzle, e.g. "timestamp, nullable".')
          .optional(),
      },
    },
    build({ table: tableName, field, type }, project) {
      const table = findTable(project, tableName);
      const existing = table.columns.find((column) => column.key === field || column.sqlName === field);
      if (existing !== undefined) {
        throw new ToolInputError(
          `table '${table.name}' already has the column '${field}' (${existing.sqlType})`,
        );
      }
      const byLayer = new Map<string, Set<string>>();
      for (const usage of project.usagesOf(table.name)) {
        const files = byLayer.get(usage.layer) ?? new Set<string>();
        files.add(usage.file);
        byLayer.set(usage.layer, files);
      }
      const usageLines = [...byLayer.entries()].map(([layer, files]) => {
        const list = [...files].sort();
        const more = list.length > MAX_FILES_PER_LAYER ? `, … ${list.length - MAX_FILES_PER_LAYER} more` : '';
        return `  - ${layer}: ${list.slice(0, MAX_FILES_PER_LAYER).join(', ')}${more}`;
      });
      const text = [
        `Add the field \`${field}\`${type ? ` (${type})` : ''} to the Drizzle table \`${table.name}\` in ${table.file}.`,
        '',
        'Project facts (from the many-first MCP server):',
        modelFacts(project, table),
        usageLines.length > 0
          ? '- Code that uses the table (check each for the new field):'
          : '- Nothing else references the table yet.',
        ...usageLines,
        '',
        renderTableDescription(describeTable(project, table.name)),
        '',
        recipe(
          /field|column/i,
          'Add the column to the table, generate a migration with drizzle-kit, update the test factory and any action that builds rows of this table; the model picks the type up from the table.',
        ),
        '',
        'Run the lint_code tool on every file you change, then check_conventions.',
      ].join('\n');
      return userPrompt(`Add ${field} to ${table.name}`, text);
    },
  });
}
