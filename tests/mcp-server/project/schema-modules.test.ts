/**
 * extractSchema across files: column groups spread from another module, helper functions that build
 * columns, namespace imports and tsconfig aliases, tables re-exported (renamed, through `export *`) from a
 * barrel; and what it cannot follow statically, reported as diagnostics with a line, never guessed.
 */
import { describe, expect, it } from 'vitest';
import { inMemoryProject, source } from './in-memory.js';

const FILES = {
  'src/db/columns.ts': source(
    "import { integer, timestamp } from 'drizzle-orm/pg-core';",
    '',
    'export const timestamps = {',
    '  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),',
    "  updatedAt: timestamp('modified_at', { withTimezone: true }),",
    '};',
    '',
    'export function ownerColumn(name: string) {',
    '  return { ownerId: integer(name).notNull() };',
    '}',
    '',
    'export const idColumn = () => integer().primaryKey().generatedAlwaysAsIdentity();',
  ),
  'src/db/schema/accounts.ts': source(
    "import { pgTable, text } from 'drizzle-orm/pg-core';",
    "import { idColumn, ownerColumn, timestamps } from '../columns';",
    '',
    "export const accounts = pgTable('accounts', {",
    '  id: idColumn(),',
    "  ...ownerColumn('owner'),",
    '  name: text().notNull(),',
    '  ...timestamps,',
    '});',
  ),
  'src/db/schema/projects.ts': source(
    "import { integer, pgTable } from 'drizzle-orm/pg-core';",
    "import * as cols from '@/db/columns';",
    "import { accounts as acct } from './accounts';",
    '',
    "export const projects = pgTable('projects', {",
    '  id: cols.idColumn(),',
    "  accountId: integer().references(() => acct.id, { onDelete: 'cascade' }),",
    '  ...cols.timestamps,',
    '});',
  ),
  'src/db/schema/index.ts': source(
    "export * from './accounts';",
    "export { projects as workProjects } from './projects';",
  ),
};

describe('identifiers followed across files', () => {
  const project = inMemoryProject(FILES, { schemaFiles: ['src/db/schema/index.ts'], casing: 'snake_case' });

  it('finds tables through export * and a renamed re-export, under the barrel’s export names', () => {
    const { tables, diagnostics, modulesRead } = project.schema();
    expect(diagnostics).toEqual([]);
    expect(tables.map((table) => [table.name, table.sqlName, table.file, table.line])).toEqual([
      ['accounts', 'accounts', 'src/db/schema/accounts.ts', 4],
      ['workProjects', 'projects', 'src/db/schema/projects.ts', 5],
    ]);
    expect([...modulesRead].sort()).toEqual([
      'src/db/columns.ts',
      'src/db/schema/accounts.ts',
      'src/db/schema/index.ts',
      'src/db/schema/projects.ts',
    ]);
  });

  it('expands a spread column group and a helper that returns columns, in source order', () => {
    expect(
      project
        .table('accounts')
        .columns.map((column) => [
          column.key,
          column.sqlName,
          column.sqlType,
          column.notNull,
          column.hasDefault,
        ]),
    ).toEqual([
      ['id', 'id', 'integer', true, true],
      ['ownerId', 'owner', 'integer', true, false],
      ['name', 'name', 'text', true, false],
      ['createdAt', 'created_at', 'timestamp with time zone', true, true],
      ['updatedAt', 'modified_at', 'timestamp with time zone', false, false],
    ]);
    expect(project.table('accounts').primaryKey).toEqual(['id']);
  });

  it('follows a namespace import through a path alias and a renamed import into a reference', () => {
    const projects = project.table('workProjects');
    expect(projects.columns.map((column) => column.sqlName)).toEqual([
      'id',
      'account_id',
      'created_at',
      'modified_at',
    ]);
    expect(projects.columns[1]!.references).toEqual({ table: 'accounts', column: 'id', onDelete: 'cascade' });
    expect(projects.foreignKeys[0]!.name).toBe('projects_account_id_accounts_id_fk');
  });

  it('reads the same tables from the leaf files as from the barrel', () => {
    const leaves = inMemoryProject(FILES, {
      schemaFiles: ['src/db/schema/accounts.ts', 'src/db/schema/projects.ts'],
      casing: 'snake_case',
    });
    expect(leaves.schema().tables.map((table) => table.name)).toEqual(['accounts', 'projects']);
    expect(leaves.table('projects').columns).toEqual(project.table('workProjects').columns);
  });
});

describe('what static reading cannot follow', () => {
  const project = inMemoryProject({
    'src/db/schema/odd.ts': source(
      "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
      "import { auditColumns } from 'some-package';",
      '',
      "const tableName = process.env.TABLE ?? 'fallback';",
      '',
      "export const audited = pgTable('audited', {",
      '  id: integer().primaryKey(),',
      '  ...auditColumns(),',
      '  note: text(),',
      '});',
      '',
      'export const dynamic = pgTable(tableName, { id: integer() });',
      '',
      "export const mystery = pgTable('mystery', {",
      '  id: integer(),',
      '  value: makeColumn(),',
      '});',
      'declare function makeColumn(): never;',
    ),
  });

  it('reports each with its file and line, and answers with the rest of the table', () => {
    const { tables, diagnostics } = project.schema();
    expect(diagnostics).toEqual([
      {
        file: 'src/db/schema/odd.ts',
        line: 8,
        message: "cannot follow the spread 'auditColumns()' statically",
      },
      {
        file: 'src/db/schema/odd.ts',
        line: 12,
        message: 'the table name is not a string literal; table skipped',
      },
      {
        file: 'src/db/schema/odd.ts',
        line: 14,
        message: "cannot resolve column 'value' of table 'mystery' statically",
      },
    ]);
    expect(tables.map((table) => table.name)).toEqual(['audited', 'mystery']);
    expect(project.table('audited').columns.map((column) => column.key)).toEqual(['id', 'note']);
    expect(project.table('mystery').columns.map((column) => [column.key, column.sqlType])).toEqual([
      ['id', 'integer'],
      ['value', 'unknown'],
    ]);
  });
});
