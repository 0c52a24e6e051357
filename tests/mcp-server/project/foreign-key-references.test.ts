/**
 * Schema truth for `Column.references`: drizzle's runtime lists every single-column foreign key of a
 * table in getTableConfig().foreignKeys, whether the column's `.references()` or the table's third
 * argument (object or array form) declared it. The static extraction must put each one on its column,
 * the column's own `.references()` first, exactly as that list orders them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import type { ColumnReference, Table } from '../../../mcp-server/project/model.js';
import * as schema from './schemas/foreign-keys.js';
import { inMemoryProject } from './in-memory.js';

const SCHEMA_FILE = 'db/schema.ts';
const project = inMemoryProject(
  { [SCHEMA_FILE]: readFileSync(join(import.meta.dirname, 'schemas', 'foreign-keys.ts'), 'utf8') },
  { schemaFiles: [SCHEMA_FILE] },
);

type References = Record<string, Required<ColumnReference> | undefined>;

/**
 * Each column's first single-column key in getTableConfig().foreignKeys. The third argument runs on
 * copies of the columns (drizzle's ExtraConfigColumns), so they are matched by SQL name.
 */
function runtimeReferences(table: PgTable | SQLiteTable): References {
  const config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
  const result: References = {};
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
    const found = config.foreignKeys.find((candidate) => {
      const reference = candidate.reference();
      return reference.columns.length === 1 && reference.columns[0]!.name === column.name;
    });
    if (found === undefined) {
      result[key] = undefined;
      continue;
    }
    const reference = found.reference();
    result[key] = {
      table: getTableName(reference.foreignTable),
      column: reference.foreignColumns[0]!.name,
      onDelete: found.onDelete ?? 'no action',
      onUpdate: found.onUpdate ?? 'no action',
    };
  }
  return result;
}

/** The model leaves out an action nobody declared; drizzle reports it as 'no action'. */
function staticReferences(table: Table): References {
  return Object.fromEntries(
    table.columns.map((column) => [
      column.key,
      column.references === undefined
        ? undefined
        : {
            ...column.references,
            onDelete: column.references.onDelete ?? 'no action',
            onUpdate: column.references.onUpdate ?? 'no action',
          },
    ]),
  );
}

const runtimeTables = Object.entries(schema as Record<string, unknown>).filter(
  (entry): entry is [string, PgTable | SQLiteTable] => is(entry[1], PgTable) || is(entry[1], SQLiteTable),
);

describe('column references match drizzle at run time', () => {
  it('extracts every table without diagnostics', () => {
    const { tables, diagnostics } = project.schema();
    expect(diagnostics).toEqual([]);
    expect(tables.map((table) => table.name)).toEqual(runtimeTables.map(([name]) => name));
  });

  it.each(runtimeTables.map(([name, table]) => [name, table] as const))('%s', (name, table) => {
    expect(staticReferences(project.table(name))).toEqual(runtimeReferences(table));
  });

  it('covers both third-argument forms, actions and a column that declares its key twice', () => {
    expect(project.table('messages').columns.find((column) => column.key === 'chatId')?.references).toEqual({
      table: 'chats',
      column: 'id',
      onDelete: 'cascade',
      onUpdate: 'restrict',
    });
    const votes = Object.fromEntries(
      project.table('votes').columns.map((column) => [column.key, column.references]),
    );
    expect(votes).toMatchObject({
      chatId: { table: 'chats', column: 'id' },
      messageId: { table: 'messages', column: 'id', onDelete: 'set null' },
      parentId: { table: 'votes', column: 'id', onDelete: 'no action' },
      orgId: undefined,
      userId: undefined,
    });
  });
});
